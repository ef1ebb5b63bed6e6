#include "core/defect/critical_area.h"

#include <gtest/gtest.h>

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <cmath>
#include <limits>

#include "core/common/error.h"

namespace fab::defect {
namespace {

// Reference (tests/reference/README.md): w = s = 0.2 µm, x0 = 0.1 µm →
// θ = x0²/(2s(2s+w)) = 0.041667; D = 1 cm⁻², A = 1 cm² → Y = e^(−Dθ·A) = 0.95919.
TEST(CriticalArea, ReferenceCase) {
  const auto c = criticalAreaLines(0.2, 0.2, 0.1);
  EXPECT_NEAR(c.theta, 0.041667, 5e-7);
  EXPECT_NEAR(c.thetaVisible, 2 * 0.041667, 1e-6);
  EXPECT_NEAR(criticalAreaYield(c.theta, 1, 1), 0.95919, 5e-6);
}

/// θ by adaptive quadrature of θ(x) f(x), independent of the closed form.
double thetaByQuadrature(double w, double s, double x0) {
  auto f = [&](double x) { return x <= x0 ? x / (x0 * x0) : x0 * x0 / (x * x * x); };
  auto th = [&](double x) { return std::clamp((x - s) / (w + s), 0.0, 1.0); };
  auto g = [&](double x) { return th(x) * f(x); };
  using Q = boost::math::quadrature::gauss_kronrod<double, 61>;
  const double b = 2 * s + w;
  double total = 0;
  std::vector<double> cuts = {0, s, x0, b};
  std::sort(cuts.begin(), cuts.end());
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) total += Q::integrate(g, cuts[i], cuts[i + 1], 15, 1e-12);
  total += Q::integrate(g, cuts.back(), std::numeric_limits<double>::infinity(), 15, 1e-12);
  return total;
}

TEST(CriticalArea, ClosedFormsAgreeWithQuadrature) {
  for (double w : {0.05, 0.2, 1.0})
    for (double s : {0.05, 0.2, 0.7})
      for (double x0 : {0.02, 0.1, 0.3, 2.5}) {
        const double q = thetaByQuadrature(w, s, x0);
        EXPECT_NEAR(criticalAreaLines(w, s, x0).theta, q, 1e-8 * std::max(1.0, q)) << w << " " << s << " " << x0;
        if (x0 <= s) {
          EXPECT_NEAR(q, x0 * x0 / (2 * s * (2 * s + w)), 1e-9);
        }
      }
}

TEST(CriticalArea, RuleOfThumbAndBadInput) {
  EXPECT_DOUBLE_EQ(ruleOfThumbKillerSize(LayerKind::Metal, 0.1), 0.04);
  EXPECT_DOUBLE_EQ(ruleOfThumbKillerSize(LayerKind::Poly, 0.1), 0.035);
  EXPECT_DOUBLE_EQ(ruleOfThumbKillerSize(layerKindFromName("Contact"), 0.1), 0.05);
  EXPECT_DOUBLE_EQ(ruleOfThumbKillerSize(LayerKind::Via, 0.2), 0.1);
  EXPECT_THROW(layerKindFromName("oxide"), Error);
  EXPECT_THROW(ruleOfThumbKillerSize(LayerKind::Metal, 0), Error);
  EXPECT_THROW(criticalAreaLines(0, 0.2, 0.1), Error);
}

}  // namespace
}  // namespace fab::defect

// D0 from a yield: closed forms, the Murphy root finder against the Lambert W
// solution, and round trips through every model.
#include "core/yield/defect_density.h"

#include <gtest/gtest.h>

#include <boost/math/special_functions/lambert_w.hpp>
#include <cmath>

#include "core/common/error.h"

namespace fab::yield {
namespace {

/// Solution of (1 − e^(−u))/u = s for u > 0 by the principal Lambert W branch:
/// with v = 1/s, u = v + W0(−v e^(−v)) (the other root, u = 0, is W−1's).
double lambertSolution(double s) {
  const double v = 1.0 / s;
  return v + boost::math::lambert_w0(-v * std::exp(-v));
}

TEST(DefectDensityTest, ClosedFormsAtAdOne) {
  // The inverses of the reference values at AD = 1.
  EXPECT_NEAR(adFromYield(YieldModel::Poisson, std::exp(-1.0)), 1.0, 1e-15);
  EXPECT_NEAR(adFromYield(YieldModel::SeedsHyperbolic, 0.5), 1.0, 1e-15);
  EXPECT_NEAR(adFromYield(YieldModel::SeedsExponential, std::exp(-1.0)), 1.0, 1e-15);
  EXPECT_NEAR(adFromYield(YieldModel::NegativeBinomial, 4.0 / 9.0, {2.0, 1}), 1.0, 1e-14);
  EXPECT_NEAR(adFromYield(YieldModel::NegativeBinomial, 1.0 / std::sqrt(3.0), {0.5, 1}), 1.0, 1e-14);
  EXPECT_NEAR(adFromYield(YieldModel::BoseEinstein, 0.25, {0.0, 2}), 1.0, 1e-15);
}

TEST(DefectDensityTest, MurphyRootFinderMatchesLambertW) {
  // Away from y → 1, where the Lambert W form loses digits near its branch point.
  for (double y : {0.95, 0.8, 0.5, 0.2, 0.05, 1e-3, 1e-6}) {
    EXPECT_NEAR(adFromYield(YieldModel::MurphyTriangular, y), lambertSolution(std::sqrt(y)),
                1e-9 * lambertSolution(std::sqrt(y)))
        << y;
    EXPECT_NEAR(adFromYield(YieldModel::MurphyUniform, y), 0.5 * lambertSolution(y), 1e-9 * lambertSolution(y)) << y;
  }
}

TEST(DefectDensityTest, RoundTripsThroughEveryModel) {
  for (const auto& m : allModels())
    for (double x : {1e-8, 1e-3, 0.1, 0.7, 1.0, 2.5, 10.0, 40.0}) {
      const ModelParameters p{0.8, 3};
      const double y = yieldAtAD(m.model, x, p);
      EXPECT_NEAR(adFromYield(m.model, y, p), x, 1e-9 * x + 1e-15) << m.key << " x " << x;
    }
}

TEST(DefectDensityTest, D0UsesAreaAndGrossYield) {
  // Y = 0.9 · e^(−0.5 · D0) = 0.45 → D0 = 2 ln 2.
  EXPECT_NEAR(d0FromYield(YieldModel::Poisson, 0.5, 0.45, {}, 0.9), 2.0 * std::log(2.0), 1e-14);
  EXPECT_NEAR(d0FromYield(YieldModel::SeedsHyperbolic, 2.0, 0.5), 0.5, 1e-15);
}

TEST(DefectDensityTest, FullYieldMeansNoDefects) {
  for (const auto& m : allModels()) EXPECT_EQ(adFromYield(m.model, 1.0, {2.0, 2}), 0.0) << m.key;
  EXPECT_EQ(d0FromYield(YieldModel::Poisson, 1.0, 0.9, {}, 0.9), 0.0);
}

TEST(DefectDensityTest, RefusesYieldsWithoutAFiniteDensity) {
  EXPECT_THROW(adFromYield(YieldModel::Poisson, 0.0), Error);
  EXPECT_THROW(adFromYield(YieldModel::MurphyTriangular, -0.1), Error);
  EXPECT_THROW(adFromYield(YieldModel::Poisson, 1.01), Error);
  EXPECT_THROW(adFromYield(YieldModel::Poisson, std::nan("")), Error);
  EXPECT_THROW(d0FromYield(YieldModel::Poisson, 0.0, 0.5), Error);
  EXPECT_THROW(d0FromYield(YieldModel::Poisson, 1.0, 0.95, {}, 0.9), Error);  // above the gross yield
  EXPECT_THROW(d0FromYield(YieldModel::NegativeBinomial, 1.0, 0.5, {-2.0, 1}), Error);
}

}  // namespace
}  // namespace fab::yield

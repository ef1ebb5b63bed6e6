// Box-Cox: Johnson & Wichern Example 4.16 (microwave radiation, door closed,
// NIST MONITOR-6_5_2.DAT): λ̂ = 0.28; the optimum against a brute-force grid.
#include "core/spc/box_cox.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "tests/support/temp_dir.h"

namespace fab::spc {
namespace {

using ::testing::HasSubstr;

std::vector<double> radiation() {
  std::ifstream in(test::referenceFile("MONITOR-6_5_2.DAT"));
  std::string line;
  bool data = false;
  std::vector<double> out;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("----", 0) == 0)
      data = true;
    else if (data && !line.empty())
      out.push_back(std::stod(line));
  }
  return out;
}

/// The profile log-likelihood written out directly (normalised transform).
double logLikelihood(const std::vector<double>& x, double lambda) {
  const double n = x.size();
  std::vector<double> y;
  double logSum = 0;
  for (double v : x) {
    y.push_back(lambda == 0 ? std::log(v) : (std::pow(v, lambda) - 1) / lambda);
    logSum += std::log(v);
  }
  double mean = 0, ss = 0;
  for (double v : y) mean += v / n;
  for (double v : y) ss += (v - mean) * (v - mean);
  return -n / 2 * std::log(ss / n) + (lambda - 1) * logSum;
}

TEST(BoxCox, JohnsonWichernRadiationExample) {
  const auto x = radiation();
  ASSERT_EQ(x.size(), 42u);
  const auto fit = fitBoxCox(x);
  EXPECT_NEAR(fit.lambda, 0.28, 0.005);
  double best = -1e300, bestLambda = 0;
  for (int i = -20000; i <= 20000; ++i) {
    const double l = i * 1e-4;
    if (const double v = logLikelihood(x, l); v > best) best = v, bestLambda = l;
  }
  EXPECT_NEAR(fit.lambda, bestLambda, 2e-4);
  EXPECT_NEAR(fit.logLikelihood, best, 1e-6);
  EXPECT_NEAR(boxCoxLogLikelihood(x, 0.5), logLikelihood(x, 0.5), 1e-9);
}

TEST(BoxCox, RefusesNonPositiveData) {
  try {
    fitBoxCox(std::vector<double>{1.0, 2.0, -0.5, 0.0, 3.0});
    FAIL();
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("2 of 5 values are ≤ 0"));
  }
  EXPECT_THROW(applyBoxCox(std::vector<double>{1.0, 0.0}, {}, 0.5), Error);
  EXPECT_THROW(fitBoxCox(std::vector<double>(5, 2.0)), Error);
}

TEST(BoxCox, NegativeLambdaSwapsTransformedSpecs) {
  SpecLimits spec{2.0, 3.0, 4.0};
  const auto t = applyBoxCox(std::vector<double>{1.5, 2.5, 3.5}, spec, -1.0);
  ASSERT_TRUE(t.spec.lsl && t.spec.usl);
  EXPECT_DOUBLE_EQ(*t.spec.lsl, 0.25);  // 4⁻¹, the old USL
  EXPECT_DOUBLE_EQ(*t.spec.usl, 0.5);   // 2⁻¹, the old LSL
  EXPECT_DOUBLE_EQ(*t.spec.target, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(t.values[0], 1 / 1.5);
  const auto logT = applyBoxCox(std::vector<double>{1.5}, spec, 0.0);
  EXPECT_DOUBLE_EQ(*logT.spec.lsl, std::log(2.0));
  const auto dropped = applyBoxCox(std::vector<double>{1.5}, SpecLimits{0.0, std::nullopt, 4.0}, -0.5);
  EXPECT_FALSE(dropped.spec.usl.has_value());  // LSL 0 dropped, then swapped
  EXPECT_TRUE(dropped.spec.lsl.has_value());
}

}  // namespace
}  // namespace fab::spc

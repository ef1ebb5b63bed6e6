// Tabular CUSUM: Montgomery, Introduction to SQC, 7th ed., Example 9.1
// (Tables 9.1 and 9.2: μ₀ = 10, σ = 1, k = 0.5, h = 5; C⁺ signals at 29).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/spc/control_chart.h"

namespace fab::spc {
namespace {

const std::vector<double> kTable91 = {9.45,  7.99,  9.29,  11.66, 12.16, 10.18, 8.04,  11.46, 9.20,  10.34,
                                      9.03,  11.47, 10.51, 9.40,  10.08, 9.37,  10.62, 10.31, 8.52,  10.84,
                                      10.90, 9.33,  12.29, 11.50, 10.60, 11.08, 10.38, 11.62, 11.31, 10.52};

ChartOptions example91() {
  ChartOptions o;
  o.type = ChartType::Cusum;
  o.target = 10;
  o.knownCenter = 10;
  o.knownSigma = 1;
  o.k = 0.5;
  o.h = 5;
  return o;
}

TEST(CusumChart, ReproducesMontgomeryExample91) {
  const auto r = computeVariablesChart(kTable91, nullptr, example91());
  ASSERT_EQ(r.panels.size(), 2u);
  const auto& up = r.panels[0];
  const auto& down = r.panels[1];
  // Table 9.2, C⁺ column at periods 28, 29, 30 and C⁻ at periods 2, 3.
  EXPECT_NEAR(up.value[27], 4.47, 0.005 + 1e-9);
  EXPECT_NEAR(up.value[28], 5.28, 0.005 + 1e-9);
  EXPECT_NEAR(up.value[29], 5.30, 0.005 + 1e-9);
  EXPECT_NEAR(down.value[1], -1.56, 0.005 + 1e-9);
  EXPECT_NEAR(down.value[2], -1.77, 0.005 + 1e-9);
  // Whole vectors against the recursion written out here.
  double cp = 0, cm = 0;
  for (std::size_t i = 0; i < kTable91.size(); ++i) {
    cp = std::max(0.0, kTable91[i] - 10.5 + cp);
    cm = std::max(0.0, 9.5 - kTable91[i] + cm);
    EXPECT_NEAR(up.value[i], cp, 1e-12) << i;
    EXPECT_NEAR(down.value[i], -cm, 1e-12) << i;
  }
  ASSERT_EQ(up.limits.size(), 1u);
  EXPECT_EQ(up.limits[0].ucl, 5.0);
  EXPECT_EQ(down.limits[0].lcl, -5.0);
  ASSERT_EQ(up.violations.size(), 2u);
  EXPECT_EQ(up.violations[0].point, 28u);
  EXPECT_EQ(up.violations[1].point, 29u);
  EXPECT_TRUE(down.violations.empty());
}

TEST(CusumChart, HeadStartBeginsAtHalfTheDecisionInterval) {
  auto o = example91();
  o.headStart = 0.5;
  const auto r = computeVariablesChart(kTable91, nullptr, o);
  EXPECT_NEAR(r.panels[0].value[0], std::max(0.0, 9.45 - 10.5 + 2.5), 1e-12);
  EXPECT_NEAR(r.panels[1].value[0], -std::max(0.0, 9.5 - 9.45 + 2.5), 1e-12);
}

TEST(CusumChart, ConstantSubgroupSizeIsShownInDataUnits) {
  std::vector<double> v;
  for (double x : kTable91) v.push_back(x);
  const auto g = subgroupsOfSize(v.size(), 3);
  auto o = example91();
  const auto r = computeVariablesChart(v, &g, o);
  const double se = 1 / std::sqrt(3.0);
  EXPECT_NEAR(r.panels[0].limits[0].ucl, 5 * se, 1e-12);
  double cp = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    const double mean = (v[3 * i] + v[3 * i + 1] + v[3 * i + 2]) / 3;
    cp = std::max(0.0, mean - (10 + 0.5 * se) + cp);
    EXPECT_NEAR(r.panels[0].value[i], cp, 1e-12) << i;
  }
}

}  // namespace
}  // namespace fab::spc

// EWMA chart: NIST/SEMATECH e-Handbook §6.3.2.4 example and the exact
// time-varying limits (Montgomery §9.2, eq. 9.24).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/spc/control_chart.h"

namespace fab::spc {
namespace {

const std::vector<double> kData = {52.0, 47.0, 53.0, 49.3, 50.1, 47.0, 51.0, 50.1, 51.2, 50.5,
                                   49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1};
// NIST's EWMA column after EWMA₀ = 50.00, rounded to 2 decimals.
const std::vector<double> kNistEwma = {50.60, 49.52, 50.56, 50.18, 50.16, 49.21, 49.75, 49.85, 50.26, 50.33,
                                       50.11, 49.36, 49.52, 50.05, 49.38, 49.92, 50.73, 51.23, 51.94, 51.99};

ChartOptions nist() {
  ChartOptions o;
  o.type = ChartType::Ewma;
  o.lambda = 0.3;
  o.target = 50.0;
  o.knownCenter = 50.0;
  o.knownSigma = 2.0539;
  return o;
}

TEST(EwmaChart, ReproducesNistExample) {
  const auto r = computeVariablesChart(kData, nullptr, nist());
  ASSERT_EQ(r.panels.size(), 1u);
  const auto& p = r.panels[0];
  ASSERT_EQ(p.value.size(), kNistEwma.size());
  for (std::size_t i = 0; i < kNistEwma.size(); ++i) EXPECT_NEAR(p.value[i], kNistEwma[i], 0.005 + 1e-9) << i;
  // Asymptotic limits 52.5884 / 47.4115; at i = 20 the exact limits are within 1e-6 of them.
  const auto* last = segmentAt(p.limits, 19);
  ASSERT_NE(last, nullptr);
  EXPECT_NEAR(last->ucl, 52.5884, 1e-4);
  EXPECT_NEAR(last->lcl, 47.4115, 1e-4);
  EXPECT_TRUE(p.violations.empty());  // NIST: none out of control
}

TEST(EwmaChart, LimitsFollowTheExactTimeVaryingFormula) {
  const auto r = computeVariablesChart(kData, nullptr, nist());
  const auto& p = r.panels[0];
  const double lambda = 0.3, sigma = 2.0539;
  for (std::size_t i = 0; i < kData.size(); ++i) {
    const double factor = std::sqrt(lambda / (2 - lambda) * (1 - std::pow(1 - lambda, 2.0 * (i + 1))));
    const auto* s = segmentAt(p.limits, i);
    ASSERT_NE(s, nullptr);
    EXPECT_NEAR(s->ucl, 50 + 3 * sigma * factor, 1e-12) << i;
    EXPECT_NEAR(s->lcl, 50 - 3 * sigma * factor, 1e-12) << i;
    EXPECT_NEAR(s->sigma, sigma * factor, 1e-12) << i;
  }
  EXPECT_NEAR(segmentAt(p.limits, 0)->ucl, 50 + 3 * sigma * lambda, 1e-12);
}

TEST(EwmaChart, StartsAtTheGrandMeanWithoutTargetAndUsesMovingRangeSigma) {
  ChartOptions o;
  o.type = ChartType::Ewma;
  o.lambda = 0.2;
  const auto r = computeVariablesChart(kData, nullptr, o);
  double mean = 0, mr = 0;
  for (double x : kData) mean += x / kData.size();
  for (std::size_t i = 1; i < kData.size(); ++i) mr += std::abs(kData[i] - kData[i - 1]) / (kData.size() - 1);
  EXPECT_NEAR(r.phases[0].estimate.sigma, mr / (2 / std::sqrt(M_PI)), 1e-12);
  EXPECT_NEAR(r.panels[0].value[0], 0.2 * kData[0] + 0.8 * mean, 1e-12);
  EXPECT_NEAR(r.panels[0].limits[0].center, mean, 1e-12);
}

TEST(EwmaChart, SubgroupsWithVaryingNUseTheVarianceRecursion) {
  const std::vector<double> v = {1, 2, 3, 2, 1, 2, 3, 4, 2, 3, 1, 2};
  Subgroups g;
  g.offsets = {0, 2, 5, 9, 12};
  g.rows = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  g.keys = {"a", "b", "c", "d"};
  ChartOptions o;
  o.type = ChartType::Ewma;
  o.lambda = 0.25;
  o.knownCenter = 2;
  o.knownSigma = 1;
  const auto r = computeVariablesChart(v, &g, o);
  const double n[] = {2, 3, 4, 3};
  double var = 0;
  for (int i = 0; i < 4; ++i) {
    var = 0.75 * 0.75 * var + 0.25 * 0.25 / n[i];
    EXPECT_NEAR(segmentAt(r.panels[0].limits, i)->ucl, 2 + 3 * std::sqrt(var), 1e-12) << i;
  }
}

}  // namespace
}  // namespace fab::spc

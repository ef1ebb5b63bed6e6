// I-MR chart: NIST/SEMATECH e-Handbook §6.3.2.2 example, the median moving
// range option, and missing values.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "core/spc/constants.h"
#include "core/spc/control_chart.h"

namespace fab::spc {
namespace {

const std::vector<double> kNist = {49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1};

ChartOptions imr() {
  ChartOptions o;
  o.type = ChartType::IndividualsMR;
  return o;
}

TEST(IndividualsChart, ReproducesNistExample) {
  const auto r = computeVariablesChart(kNist, nullptr, imr());
  ASSERT_EQ(r.panels.size(), 2u);
  const auto& x = r.panels[0];
  const auto& mr = r.panels[1];
  ASSERT_EQ(x.limits.size(), 1u);
  EXPECT_EQ(x.limits[0].first, 0u);
  EXPECT_EQ(x.limits[0].last, 10u);
  EXPECT_NEAR(x.limits[0].center, 50.81, 1e-12);
  // NIST: MR̄ = 1.8778, UCL = 55.8041, LCL = 45.8159 with the rounded d2 = 1.128;
  // with the exact d2 UCL = 55.8024 (tests/reference/README.md).
  const double mrBar = 16.9 / 9.0;
  EXPECT_NEAR(mr.limits[0].center, mrBar, 1e-12);
  EXPECT_NEAR(x.limits[0].ucl, 55.8024, 0.5e-4);
  EXPECT_NEAR(x.limits[0].ucl, 55.8041, 5e-4 * 55.8041);
  EXPECT_NEAR(x.limits[0].lcl, 2 * 50.81 - x.limits[0].ucl, 1e-12);
  EXPECT_NEAR(x.limits[0].lcl, 45.8159, 5e-4 * 45.8159);
  EXPECT_NEAR(x.limits[0].sigma, mrBar / d2(2), 1e-12);
  // MR chart: UCL = D4·MR̄ = 6.1338 exact (NIST 3.267·MR̄ = 6.1347), LCL 0.
  EXPECT_NEAR(mr.limits[0].ucl, 6.1338, 0.5e-4);
  EXPECT_NEAR(mr.limits[0].ucl, 6.1347, 5e-4 * 6.1347);
  EXPECT_EQ(mr.limits[0].lcl, 0.0);
  EXPECT_EQ(mr.limits[0].first, 1u);  // no moving range at the first point
  // Whole plotted vectors.
  for (std::size_t i = 0; i < kNist.size(); ++i) {
    EXPECT_EQ(x.value[i], kNist[i]);
    if (i == 0)
      EXPECT_TRUE(std::isnan(mr.value[0]));
    else
      EXPECT_NEAR(mr.value[i], std::abs(kNist[i] - kNist[i - 1]), 1e-12);
    EXPECT_EQ(r.row(i), i);
  }
  // NIST: the process is in control.
  EXPECT_TRUE(x.violations.empty() || x.violations.front().rule != 1);
  EXPECT_TRUE(mr.violations.empty());
  EXPECT_EQ(r.phases.size(), 1u);
  EXPECT_EQ(r.phases[0].estimate.sigmaMethod, "MR̄/d2");
}

TEST(IndividualsChart, MedianMovingRangeUsesItsOwnFactor) {
  auto o = imr();
  o.movingRange = MovingRangeMethod::Median;
  const auto r = computeVariablesChart(kNist, nullptr, o);
  // Moving ranges 2.0 2.3 1.4 3.5 3.4 1.4 0.2 1.2 1.5: median 1.5.
  const double sigma = 1.5 / (std::sqrt(2.0) * 0.6744897501960817);
  EXPECT_NEAR(r.panels[0].limits[0].sigma, sigma, 1e-12);
  EXPECT_NEAR(r.panels[0].limits[0].ucl, 50.81 + 3 * sigma, 1e-12);
}

TEST(IndividualsChart, MissingValueBreaksItsTwoMovingRangesOnly) {
  auto data = kNist;
  data[4] = std::numeric_limits<double>::quiet_NaN();
  const auto r = computeVariablesChart(data, nullptr, imr());
  double sum = 0, n = 0, mrSum = 0, mrN = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (std::isnan(data[i])) continue;
    sum += data[i];
    ++n;
    if (i > 0 && !std::isnan(data[i - 1])) {
      mrSum += std::abs(data[i] - data[i - 1]);
      ++mrN;
    }
  }
  EXPECT_EQ(mrN, 7);
  EXPECT_NEAR(r.panels[0].limits[0].center, sum / n, 1e-12);
  EXPECT_NEAR(r.panels[1].limits[0].center, mrSum / mrN, 1e-12);
  EXPECT_TRUE(std::isnan(r.panels[0].value[4]));
  EXPECT_TRUE(std::isnan(r.panels[1].value[4]));
  EXPECT_TRUE(std::isnan(r.panels[1].value[5]));
  EXPECT_EQ(r.size(4), 0.0);
  EXPECT_EQ(r.size(3), 1.0);
}

TEST(IndividualsChart, LimitWidthLScalesBothPanels) {
  auto o = imr();
  o.L = 2.0;
  const auto r = computeVariablesChart(kNist, nullptr, o);
  const double sigma = (16.9 / 9.0) / d2(2);
  EXPECT_NEAR(r.panels[0].limits[0].ucl, 50.81 + 2 * sigma, 1e-12);
  EXPECT_NEAR(r.panels[1].limits[0].ucl, (d2(2) + 2 * d3(2)) * sigma, 1e-12);
}

TEST(IndividualsChart, KnownCentreAndSigmaReplaceTheEstimates) {
  auto o = imr();
  o.knownCenter = 50.0;
  o.knownSigma = 2.0;
  const auto r = computeVariablesChart(kNist, nullptr, o);
  EXPECT_EQ(r.panels[0].limits[0].center, 50.0);
  EXPECT_EQ(r.panels[0].limits[0].ucl, 56.0);
  EXPECT_EQ(r.panels[0].limits[0].lcl, 44.0);
  EXPECT_NEAR(r.panels[1].limits[0].center, 2.0 * d2(2), 1e-12);
  EXPECT_TRUE(r.phases[0].estimate.centerKnown);
  EXPECT_TRUE(r.phases[0].estimate.sigmaKnown);
}

}  // namespace
}  // namespace fab::spc

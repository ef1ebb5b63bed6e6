// Phase I / phase II, several phases with their own limits, exclusions and
// fixed (approved) estimates.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/common/error.h"
#include "core/spc/constants.h"
#include "core/spc/control_chart.h"

namespace fab::spc {
namespace {

const std::vector<double> kValues = {10.1, 9.8, 10.3, 10.0, 9.9, 10.2, 10.4, 9.7, 12.1, 12.4, 11.8, 12.2, 12.0, 11.9};

/// Mean and MR̄/d2 of values[first, last] (inclusive) without the skipped points.
std::pair<double, double> meanAndSigma(std::size_t first, std::size_t last, std::vector<std::size_t> skip = {}) {
  auto skipped = [&](std::size_t i) { return std::find(skip.begin(), skip.end(), i) != skip.end(); };
  double sum = 0, n = 0, mr = 0, m = 0;
  for (std::size_t i = first; i <= last; ++i) {
    if (skipped(i)) continue;
    sum += kValues[i], ++n;
    if (i > first && !skipped(i - 1)) mr += std::abs(kValues[i] - kValues[i - 1]), ++m;
  }
  return {sum / n, mr / m / d2(2)};
}

TEST(Phases, PhaseOneLimitsApplyToPhaseTwo) {
  ChartOptions o;
  PhaseSpec p;
  p.baselineFirst = 0;
  p.baselineLast = 7;
  o.phases = {p};
  const auto r = computeVariablesChart(kValues, nullptr, o);
  const auto [mean, sigma] = meanAndSigma(0, 7);
  ASSERT_EQ(r.panels[0].limits.size(), 1u);
  EXPECT_NEAR(r.panels[0].limits[0].center, mean, 1e-12);
  EXPECT_NEAR(r.panels[0].limits[0].ucl, mean + 3 * sigma, 1e-12);
  EXPECT_EQ(r.phases[0].baselineLast, 7u);
  // The shift in phase II is caught by rule 1.
  bool shifted = false;
  for (const auto& v : r.panels[0].violations) shifted |= v.rule == 1 && v.point >= 8;
  EXPECT_TRUE(shifted);
}

TEST(Phases, EachPhaseHasItsOwnLimits) {
  ChartOptions o;
  o.phases = phasesAtPoints(std::vector<std::size_t>{8});
  const auto r = computeVariablesChart(kValues, nullptr, o);
  ASSERT_EQ(r.phases.size(), 2u);
  ASSERT_EQ(r.panels[0].limits.size(), 2u);
  const auto [m1, s1] = meanAndSigma(0, 7);
  const auto [m2, s2] = meanAndSigma(8, 13);
  EXPECT_NEAR(r.panels[0].limits[0].center, m1, 1e-12);
  EXPECT_NEAR(r.panels[0].limits[0].sigma, s1, 1e-12);
  EXPECT_NEAR(r.panels[0].limits[1].center, m2, 1e-12);
  EXPECT_NEAR(r.panels[0].limits[1].sigma, s2, 1e-12);
  EXPECT_EQ(r.panels[0].limits[1].first, 8u);
  // The moving range across the split is not plotted.
  EXPECT_TRUE(std::isnan(r.panels[1].value[8]));
  EXPECT_EQ(r.phaseStarts(), (std::vector<std::size_t>{0, 8}));
}

TEST(Phases, SplitsByTime) {
  const std::vector<std::int64_t> times = {100, 200, 300, 400, 500, 600};
  const auto phases = phasesAtTimes(times, std::vector<std::int64_t>{350, 50, 9999});
  ASSERT_EQ(phases.size(), 2u);
  EXPECT_EQ(phases[1].start, 3u);
  EXPECT_THROW(phasesAtTimes(std::vector<std::int64_t>{3, 2, 1}, std::vector<std::int64_t>{2}), Error);
}

TEST(Phases, ExcludedPointsLeaveTheEstimateButStayOnTheChart) {
  ChartOptions o;
  PhaseSpec p;
  p.baselineLast = 8;
  o.phases = {p};
  o.excluded.assign(kValues.size(), 0);
  o.excluded[8] = 1;
  const auto r = computeVariablesChart(kValues, nullptr, o);
  const auto [mean, sigma] = meanAndSigma(0, 8, {8});
  EXPECT_NEAR(r.phases[0].estimate.center, mean, 1e-12);
  EXPECT_NEAR(r.phases[0].estimate.sigma, sigma, 1e-12);
  EXPECT_EQ(r.panels[0].value[8], kValues[8]);
  EXPECT_TRUE(r.isExcluded(8));
  EXPECT_FALSE(r.isExcluded(7));
}

TEST(Phases, FixedEstimateIsUsedAsApproved) {
  ChartOptions o;
  PhaseSpec p;
  ProcessEstimate approved;
  approved.center = 10;
  approved.sigma = 0.25;
  p.fixed = approved;
  o.phases = {p};
  const auto r = computeVariablesChart(kValues, nullptr, o);
  EXPECT_EQ(r.panels[0].limits[0].ucl, 10.75);
  EXPECT_EQ(r.panels[0].limits[0].lcl, 9.25);
}

TEST(Phases, BadPhaseLayoutsAreRefused) {
  ChartOptions o;
  PhaseSpec late;
  late.start = 3;
  o.phases = {late};
  EXPECT_THROW(computeVariablesChart(kValues, nullptr, o), Error);
  o.phases = phasesAtPoints(std::vector<std::size_t>{40});
  EXPECT_THROW(computeVariablesChart(kValues, nullptr, o), Error);
  PhaseSpec outside;
  outside.baselineFirst = 2;
  outside.baselineLast = 20;
  o.phases = {outside};
  EXPECT_THROW(computeVariablesChart(kValues, nullptr, o), Error);
  o.phases.clear();
  o.excluded = {1, 0};
  EXPECT_THROW(computeVariablesChart(kValues, nullptr, o), Error);
}

}  // namespace
}  // namespace fab::spc

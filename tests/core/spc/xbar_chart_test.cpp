// X̄-R and X̄-S charts: qcc's piston-ring phase I limits (Montgomery Table
// 6.3 data), incomplete and NaN-holding subgroups with their own n.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/io/csv_table.h"
#include "core/spc/constants.h"
#include "core/spc/control_chart.h"
#include "tests/support/temp_dir.h"

namespace fab::spc {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct PistonRings {
  std::vector<double> diameter;
  Subgroups groups;
};

PistonRings pistonRings() {
  const auto table = io::CsvTable::read(test::referenceFile("pistonrings.csv"));
  PistonRings p;
  p.diameter = table.numbers("diameter");
  const auto keys = table.strings("sample");
  p.groups = subgroupsByKey(keys);
  return p;
}

ChartOptions phaseOne(ChartType type) {
  ChartOptions o;
  o.type = type;
  PhaseSpec phase;
  phase.baselineFirst = 0;
  phase.baselineLast = 24;
  o.phases = {phase};
  return o;
}

TEST(XbarChart, PistonRingsPhaseOneMatchesQcc) {
  const auto p = pistonRings();
  ASSERT_EQ(p.groups.count(), 40u);
  const auto r = computeVariablesChart(p.diameter, &p.groups, phaseOne(ChartType::XbarR));
  const auto& xbar = r.panels[0];
  const auto& range = r.panels[1];
  // One subgroup size: one limit segment over all 40 points (phase II uses phase I limits).
  ASSERT_EQ(xbar.limits.size(), 1u);
  ASSERT_EQ(range.limits.size(), 1u);
  EXPECT_EQ(xbar.limits[0].last, 40u);
  // qcc (d2 = 2.326): centre 74.001176, σ̂ 0.009785039, LCL 73.988048, UCL 74.014304;
  // R chart centre 0.02276, UCL 0.04812533.
  EXPECT_NEAR(xbar.limits[0].center, 74.001176, 0.5e-6);
  EXPECT_NEAR(r.phases[0].estimate.sigma, 0.009785039, 5e-4 * 0.009785039);
  EXPECT_NEAR(r.phases[0].estimate.sigma, 0.02276 / d2(5), 1e-9);
  EXPECT_NEAR(xbar.limits[0].lcl, 73.988048, 1e-5);
  EXPECT_NEAR(xbar.limits[0].ucl, 74.014304, 1e-5);
  EXPECT_NEAR(range.limits[0].center, 0.02276, 1e-9);
  EXPECT_NEAR(range.limits[0].ucl, 0.04812533, 5e-4 * 0.04812533);
  EXPECT_EQ(range.limits[0].lcl, 0.0);
  // Plotted means and ranges, all 40, against a direct computation.
  for (std::size_t g = 0; g < 40; ++g) {
    double sum = 0, lo = 1e9, hi = -1e9;
    for (std::size_t j = 0; j < 5; ++j) {
      const double v = p.diameter[5 * g + j];
      sum += v;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    EXPECT_NEAR(xbar.value[g], sum / 5, 1e-12) << g;
    EXPECT_NEAR(range.value[g], hi - lo, 1e-12) << g;
    EXPECT_EQ(r.pointRow[g], 5 * g);
  }
  // Rule 1 flags exactly the means outside the limits.
  std::vector<std::uint32_t> beyond, expected;
  for (const auto& v : xbar.violations)
    if (v.rule == 1) beyond.push_back(v.point);
  for (std::uint32_t g = 0; g < 40; ++g)
    if (xbar.value[g] > xbar.limits[0].ucl || xbar.value[g] < xbar.limits[0].lcl) expected.push_back(g);
  EXPECT_EQ(beyond, expected);
  EXPECT_FALSE(expected.empty());
}

TEST(XbarChart, SChartUsesSBarOverC4) {
  const auto p = pistonRings();
  const auto r = computeVariablesChart(p.diameter, &p.groups, phaseOne(ChartType::XbarS));
  double sBar = 0;
  for (std::size_t g = 0; g < 25; ++g) {
    double mean = 0, ss = 0;
    for (std::size_t j = 0; j < 5; ++j) mean += p.diameter[5 * g + j] / 5;
    for (std::size_t j = 0; j < 5; ++j) ss += std::pow(p.diameter[5 * g + j] - mean, 2);
    sBar += std::sqrt(ss / 4) / 25;
  }
  const auto& k = chartConstants(5);
  EXPECT_NEAR(r.phases[0].estimate.sigma, sBar / k.c4, 1e-12);
  EXPECT_NEAR(r.panels[0].limits[0].ucl, 74.001176 + k.A3 * sBar, 1e-6);
  EXPECT_NEAR(r.panels[1].limits[0].center, sBar, 1e-12);
  EXPECT_NEAR(r.panels[1].limits[0].ucl, k.B4 * sBar, 1e-12);
  EXPECT_EQ(r.panels[1].limits[0].lcl, 0.0);  // B3(5) = 0
}

TEST(XbarChart, IncompleteAndNaNSubgroupsUseTheirOwnN) {
  // Subgroups of 4: a NaN in the second, an incomplete last one of 2, and an empty one.
  const std::vector<double> v = {10, 12, 11, 13, 9, kNaN, 12, 11, kNaN, kNaN, kNaN, kNaN, 10, 12, 13, 11, 12, 10};
  const auto groups = subgroupsOfSize(v.size(), 4);
  ASSERT_EQ(groups.count(), 5u);
  ChartOptions o;
  o.type = ChartType::XbarR;
  const auto r = computeVariablesChart(v, &groups, o);
  const std::vector<double> n = {4, 3, 0, 4, 2};
  EXPECT_EQ(r.pointSize, n);
  EXPECT_NEAR(r.panels[0].value[1], (9 + 12 + 11) / 3.0, 1e-12);
  EXPECT_EQ(r.panels[1].value[1], 3.0);
  EXPECT_EQ(r.panels[1].value[4], 2.0);
  EXPECT_TRUE(std::isnan(r.panels[0].value[2]));
  // σ̂: minimum-variance weighted mean of Rᵢ/d2(nᵢ), weights (d2/d3)² (ASTM E2587).
  const double ranges[] = {3, 3, 0, 3, 2};
  const int sizes[] = {4, 3, 0, 4, 2};
  double num = 0, den = 0, sum = 0, count = 0;
  for (int g = 0; g < 5; ++g) {
    if (sizes[g] < 2) continue;
    const auto& k = chartConstants(sizes[g]);
    const double w = std::pow(k.d2 / k.d3, 2);
    num += w * ranges[g] / k.d2;
    den += w;
  }
  for (double x : v)
    if (!std::isnan(x)) sum += x, ++count;
  const double sigma = num / den, center = sum / count;
  EXPECT_NEAR(r.phases[0].estimate.sigma, sigma, 1e-12);
  EXPECT_NEAR(r.phases[0].estimate.center, center, 1e-12);
  // Each point's limits with its own n; the empty subgroup has none.
  for (std::size_t g : {0u, 1u, 3u, 4u}) {
    const auto* seg = segmentAt(r.panels[0].limits, g);
    ASSERT_NE(seg, nullptr) << g;
    EXPECT_NEAR(seg->ucl, center + 3 * sigma / std::sqrt(n[g]), 1e-12) << g;
    const auto* rs = segmentAt(r.panels[1].limits, g);
    ASSERT_NE(rs, nullptr) << g;
    EXPECT_NEAR(rs->center, chartConstants(sizes[g]).d2 * sigma, 1e-12) << g;
    EXPECT_NEAR(rs->ucl, (chartConstants(sizes[g]).d2 + 3 * chartConstants(sizes[g]).d3) * sigma, 1e-12) << g;
  }
  EXPECT_EQ(segmentAt(r.panels[0].limits, 2), nullptr);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("1 of 5 subgroups have no values"), std::string::npos);
}

}  // namespace
}  // namespace fab::spc

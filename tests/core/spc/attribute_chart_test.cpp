// Attribute charts: NIST/SEMATECH e-Handbook §6.3.3 examples (p chart of
// wafer fraction defective, c chart of wafer defects), per-point limits for
// varying sample sizes, and Laney p′/u′ against a direct computation.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/spc/control_chart.h"
#include "tests/support/temp_dir.h"

namespace fab::spc {
namespace {

/// The second column of a NIST Dataplot data file's numeric rows.
std::vector<double> nistColumn(const std::string& name) {
  std::ifstream in(test::referenceFile(name));
  std::string line;
  std::vector<double> out;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    double id, value;
    std::string rest;
    if ((ss >> id >> value) && !(ss >> rest) && id == out.size() + 1) out.push_back(value);
  }
  return out;
}

ChartOptions chart(ChartType type) {
  ChartOptions o;
  o.type = type;
  return o;
}

TEST(AttributeChart, NistWaferPChart) {
  // §6.3.3.2: 30 wafers of 50 chips; p̄ = 0.2313, UCL 0.4102, LCL 0.0524.
  const auto fraction = nistColumn("MONITOR-6_3_3_2.DAT");
  ASSERT_EQ(fraction.size(), 30u);
  std::vector<double> counts, sizes(30, 50.0);
  for (double f : fraction) counts.push_back(std::round(f * 50));
  const auto r = computeAttributeChart(counts, sizes, nullptr, chart(ChartType::P));
  const auto& p = r.panels[0];
  ASSERT_EQ(p.limits.size(), 1u);
  EXPECT_NEAR(p.limits[0].center, 0.2313, 0.5e-4);
  EXPECT_NEAR(p.limits[0].ucl, 0.4102, 0.5e-4);
  EXPECT_NEAR(p.limits[0].lcl, 0.0524, 0.5e-4);
  for (std::size_t i = 0; i < 30; ++i) EXPECT_NEAR(p.value[i], fraction[i], 1e-12);
  EXPECT_EQ(r.pointSize, sizes);
}

TEST(AttributeChart, NistWaferCChart) {
  // §6.3.3.1: 25 wafers; c̄ = 16, UCL = 28, LCL = 4.
  const auto defects = nistColumn("MONITOR-6_3_3_1.DAT");
  ASSERT_EQ(defects.size(), 25u);
  const auto r = computeAttributeChart(defects, {}, nullptr, chart(ChartType::C));
  EXPECT_NEAR(r.panels[0].limits[0].center, 16.0, 1e-12);
  EXPECT_NEAR(r.panels[0].limits[0].ucl, 28.0, 1e-12);
  EXPECT_NEAR(r.panels[0].limits[0].lcl, 4.0, 1e-12);
}

const std::vector<double> kCounts = {3, 8, 2, 5, 12, 4, 6, 1, 7, 5};
const std::vector<double> kSizes = {100, 150, 80, 120, 200, 90, 110, 60, 140, 100};

TEST(AttributeChart, PChartWithVaryingSizesHasPerPointLimits) {
  const auto r = computeAttributeChart(kCounts, kSizes, nullptr, chart(ChartType::P));
  double d = 0, n = 0;
  for (std::size_t i = 0; i < kCounts.size(); ++i) d += kCounts[i], n += kSizes[i];
  const double pBar = d / n;
  ASSERT_EQ(r.panels[0].limits.size(), kCounts.size());  // every size differs from its neighbour
  for (std::size_t i = 0; i < kCounts.size(); ++i) {
    const auto* s = segmentAt(r.panels[0].limits, i);
    const double sd = std::sqrt(pBar * (1 - pBar) / kSizes[i]);
    EXPECT_NEAR(s->center, pBar, 1e-15);
    EXPECT_NEAR(s->sigma, sd, 1e-15) << i;
    EXPECT_NEAR(s->ucl, pBar + 3 * sd, 1e-15) << i;
    EXPECT_NEAR(s->lcl, std::max(0.0, pBar - 3 * sd), 1e-15) << i;
    EXPECT_NEAR(r.panels[0].value[i], kCounts[i] / kSizes[i], 1e-15);
  }
}

TEST(AttributeChart, NpAndUChartsWithVaryingSizes) {
  const auto np = computeAttributeChart(kCounts, kSizes, nullptr, chart(ChartType::Np));
  const auto u = computeAttributeChart(kCounts, kSizes, nullptr, chart(ChartType::U));
  double d = 0, n = 0;
  for (std::size_t i = 0; i < kCounts.size(); ++i) d += kCounts[i], n += kSizes[i];
  const double rate = d / n;
  for (std::size_t i = 0; i < kCounts.size(); ++i) {
    const auto* a = segmentAt(np.panels[0].limits, i);
    EXPECT_NEAR(a->center, kSizes[i] * rate, 1e-12);
    EXPECT_NEAR(a->ucl, kSizes[i] * rate + 3 * std::sqrt(kSizes[i] * rate * (1 - rate)), 1e-12);
    EXPECT_EQ(np.panels[0].value[i], kCounts[i]);
    const auto* b = segmentAt(u.panels[0].limits, i);
    EXPECT_NEAR(b->ucl, rate + 3 * std::sqrt(rate / kSizes[i]), 1e-15);
    EXPECT_NEAR(b->lcl, std::max(0.0, rate - 3 * std::sqrt(rate / kSizes[i])), 1e-15);
  }
}

TEST(AttributeChart, LaneyPPrimeScalesBySigmaZ) {
  // Overdispersed die yield: n ≈ 500 per wafer.
  const std::vector<double> bad = {40, 62, 35, 80, 55, 47, 90, 38, 66, 52, 71, 44};
  const std::vector<double> n = {500, 510, 495, 505, 500, 490, 515, 500, 498, 502, 507, 493};
  const auto r = computeAttributeChart(bad, n, nullptr, chart(ChartType::LaneyP));
  double d = 0, t = 0;
  for (std::size_t i = 0; i < bad.size(); ++i) d += bad[i], t += n[i];
  const double pBar = d / t;
  std::vector<double> z;
  for (std::size_t i = 0; i < bad.size(); ++i)
    z.push_back((bad[i] / n[i] - pBar) / std::sqrt(pBar * (1 - pBar) / n[i]));
  double mr = 0;
  for (std::size_t i = 1; i < z.size(); ++i) mr += std::abs(z[i] - z[i - 1]) / (z.size() - 1);
  const double sigmaZ = mr / 1.1283791670955126;
  EXPECT_GT(sigmaZ, 1.5);  // clearly overdispersed
  EXPECT_NEAR(r.phases[0].estimate.sigmaZ, sigmaZ, 1e-12);
  for (std::size_t i = 0; i < bad.size(); ++i) {
    const auto* s = segmentAt(r.panels[0].limits, i);
    EXPECT_NEAR(s->ucl, pBar + 3 * sigmaZ * std::sqrt(pBar * (1 - pBar) / n[i]), 1e-14) << i;
  }
  // The plain p chart flags far more wafers than Laney's.
  const auto plain = computeAttributeChart(bad, n, nullptr, chart(ChartType::P));
  auto ruleOne = [](const ChartPanel& p) {
    int c = 0;
    for (const auto& v : p.violations) c += v.rule == 1;
    return c;
  };
  EXPECT_GT(ruleOne(plain.panels[0]), ruleOne(r.panels[0]));
}

TEST(AttributeChart, LaneyUPrimeMatchesDirectComputation) {
  const std::vector<double> c = {12, 30, 8, 25, 14, 40, 9, 22};
  const std::vector<double> a = {2, 3, 1.5, 2.5, 2, 3.5, 1, 2};
  const auto r = computeAttributeChart(c, a, nullptr, chart(ChartType::LaneyU));
  double sc = 0, sa = 0;
  for (std::size_t i = 0; i < c.size(); ++i) sc += c[i], sa += a[i];
  const double u = sc / sa;
  double mr = 0;
  for (std::size_t i = 1; i < c.size(); ++i) {
    const double z1 = (c[i] / a[i] - u) / std::sqrt(u / a[i]);
    const double z0 = (c[i - 1] / a[i - 1] - u) / std::sqrt(u / a[i - 1]);
    mr += std::abs(z1 - z0) / (c.size() - 1);
  }
  EXPECT_NEAR(r.phases[0].estimate.sigmaZ, mr / 1.1283791670955126, 1e-12);
}

TEST(AttributeChart, SubgroupsSumCountsAndSizes) {
  const std::vector<double> counts = {1, 2, 3, 4};
  const std::vector<double> sizes = {10, 10, 20, 20};
  const std::vector<std::string> keys = {"A", "A", "B", "B"};
  const auto g = subgroupsByKey(keys);
  const auto r = computeAttributeChart(counts, sizes, &g, chart(ChartType::P));
  ASSERT_EQ(r.points(), 2u);
  EXPECT_NEAR(r.panels[0].value[0], 3.0 / 20, 1e-15);
  EXPECT_NEAR(r.panels[0].value[1], 7.0 / 40, 1e-15);
  EXPECT_EQ(r.pointSize, (std::vector<double>{20, 40}));
}

TEST(AttributeChart, RefusesImpossibleCounts) {
  EXPECT_THROW(
      computeAttributeChart(std::vector<double>{5, 60}, std::vector<double>{50, 50}, nullptr, chart(ChartType::P)),
      Error);
  EXPECT_THROW(
      computeAttributeChart(std::vector<double>{-1, 2}, std::vector<double>{5, 5}, nullptr, chart(ChartType::U)),
      Error);
  EXPECT_THROW(
      computeAttributeChart(std::vector<double>{1, 2}, std::vector<double>{5, 0}, nullptr, chart(ChartType::P)), Error);
  EXPECT_THROW(computeAttributeChart(std::vector<double>{1, 2}, {}, nullptr, chart(ChartType::P)), Error);
}

}  // namespace
}  // namespace fab::spc

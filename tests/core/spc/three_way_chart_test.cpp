// Three-way chart on the NIST lithography case study (§6.6.1): 30 cassettes
// × 3 wafers × 5 sites; subgroup = one wafer's 5 sites.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/spc/constants.h"
#include "core/spc/control_chart.h"
#include "tests/support/temp_dir.h"

namespace fab::spc {
namespace {

TEST(ThreeWayChart, MeansChartedAsIndividualsWithRangeWithin) {
  const auto t = io::CsvTable::read(test::referenceFile("nist_lithography.csv"));
  const auto values = t.numbers("linewidth");
  const auto cassette = t.strings("cassette");
  const auto wafer = t.strings("wafer");
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < cassette.size(); ++i) keys.push_back(cassette[i] + "/" + wafer[i]);
  const auto g = subgroupsByKey(keys);
  ASSERT_EQ(g.count(), 90u);
  ChartOptions o;
  o.type = ChartType::ThreeWay;
  const auto r = computeVariablesChart(values, &g, o);
  ASSERT_EQ(r.panels.size(), 3u);

  std::vector<double> means, ranges;
  for (std::size_t k = 0; k < 90; ++k) {
    double sum = 0, lo = 1e9, hi = -1e9;
    for (auto row : g.members(k)) sum += values[row], lo = std::min(lo, values[row]), hi = std::max(hi, values[row]);
    means.push_back(sum / 5);
    ranges.push_back(hi - lo);
  }
  double center = 0, mr = 0, rBar = 0;
  for (std::size_t k = 0; k < 90; ++k) center += means[k] / 90, rBar += ranges[k] / 90;
  for (std::size_t k = 1; k < 90; ++k) mr += std::abs(means[k] - means[k - 1]) / 89;
  const double sigmaMeans = mr / d2(2), sigmaWithin = rBar / d2(5);
  EXPECT_NEAR(r.phases[0].estimate.center, center, 1e-12);
  EXPECT_NEAR(r.phases[0].estimate.sigmaOfMeans, sigmaMeans, 1e-12);
  EXPECT_NEAR(r.phases[0].estimate.sigma, sigmaWithin, 1e-12);
  EXPECT_NEAR(r.panels[0].limits[0].ucl, center + 3 * sigmaMeans, 1e-12);
  EXPECT_NEAR(r.panels[1].limits[0].ucl, chartConstants(2).D4 * mr, 1e-12);
  EXPECT_NEAR(r.panels[2].limits[0].ucl, chartConstants(5).D4 * rBar, 1e-12);
  EXPECT_EQ(r.panels[2].name, "Range within");
  for (std::size_t k = 0; k < 90; ++k) {
    EXPECT_NEAR(r.panels[0].value[k], means[k], 1e-12);
    EXPECT_NEAR(r.panels[2].value[k], ranges[k], 1e-12);
  }
}

TEST(ThreeWayChart, NeedsSubgroups) {
  ChartOptions o;
  o.type = ChartType::ThreeWay;
  EXPECT_THROW(computeVariablesChart(std::vector<double>{1, 2, 3}, nullptr, o), Error);
}

}  // namespace
}  // namespace fab::spc

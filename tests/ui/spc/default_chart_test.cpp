// The chart the demo's data call for: nine sites per wafer give the three-way
// chart of wafer means with the demo's approved phase I limits, which flag the
// planted changes (GATE_CD after the 2026-10-01 wet clean, the FURN-02 drift)
// and leave the parameters without planted changes in control.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/demo/demo_limits.h"
#include "core/io/field_parse.h"
#include "core/store/default_chart.h"
#include "core/store/measurements.h"
#include "tests/ui/spc/demo_fixture.h"
#include "ui/views/spc/control_chart_data.h"

namespace fab::ui {
namespace {

ControlChartData automaticChart(const std::string& path, const std::string& parameter) {
  store::Database db(path, store::Database::Mode::ReadOnly);
  ControlChartRequest r;
  r.parameter = parameter;
  r.automatic = true;
  return computeControlChart(db, r);
}

/// Wafer means beyond a control limit (rule 1), as a share of the wafers.
double rule1Share(const ControlChartData& d) {
  std::set<std::uint32_t> beyond;
  for (const auto& v : d.result.panels[0].violations)
    if (v.rule == 1) beyond.insert(v.point);
  return static_cast<double>(beyond.size()) / static_cast<double>(d.result.points());
}

TEST(DefaultChart, NineSitesPerWaferGiveTheThreeWayChartOfWaferMeans) {
  store::MeasurementSeries s;
  for (int w = 1; w <= 3; ++w)
    for (int site = 1; site <= 9; ++site) {
      s.lot.push_back("L1");
      s.wafer.push_back(w);
      s.value.push_back(1.0);
    }
  auto c = store::defaultChart(s);
  EXPECT_EQ(c.type, spc::ChartType::ThreeWay);
  EXPECT_EQ(c.subgroup, "wafer");
  EXPECT_EQ(c.sitesPerWafer, 9u);
  EXPECT_EQ(c.note, "9 sites per wafer: three-way chart of wafer means (between) and within-wafer ranges");
  store::MeasurementSeries one;  // one value per wafer: individuals
  for (int w = 1; w <= 5; ++w) one.lot.push_back("L1"), one.wafer.push_back(w), one.value.push_back(1.0);
  c = store::defaultChart(one);
  EXPECT_EQ(c.type, spc::ChartType::IndividualsMR);
  EXPECT_TRUE(c.subgroup.empty());
  EXPECT_TRUE(c.note.empty());
}

// Parameters without a planted change (the generator adds lot, wafer and site
// noise only). Their approved σ of the wafer means is the SD of ~500 phase I
// wafer means clustered in 20 lots, so it is known to about 1/√(2·19) ≈ 16 %:
// even a σ underestimated by two such errors puts the limits at ±2.0σ, beyond
// which 4.5 % of normal wafer means fall. Hence the bound: below 5 % of the
// wafer means beyond a limit (the exact-σ rate would be 0.27 %).
TEST(DefaultChart, DemoParametersWithoutPlantedChangesStayMostlyInControl) {
  test::TempDir dir;
  const auto path = test::demoWorkspaceCopy(dir);
  for (const char* p : {"NIT_THK", "M1_CD", "VIA_CD", "OVL_X", "OVL_Y", "RS_POLY", "RS_M1", "CMP_STEP", "ETCH_DEPTH"}) {
    const auto d = automaticChart(path, p);
    EXPECT_EQ(d.request.type, spc::ChartType::ThreeWay) << p;
    EXPECT_EQ(d.request.subgroup, "wafer") << p;
    EXPECT_EQ(d.chartNote, "9 sites per wafer: three-way chart of wafer means (between) and within-wafer ranges");
    ASSERT_TRUE(d.approved) << p;
    EXPECT_EQ(d.approved->approvedBy, "demo");
    EXPECT_EQ(d.request.rules, "rule1");
    EXPECT_EQ(d.result.points(), 1000u) << p;  // 40 lots × 25 wafers
    EXPECT_LT(rule1Share(d), 0.05) << p;
  }
}

TEST(DefaultChart, DemoPlantedChangesSignal) {
  test::TempDir dir;
  const auto path = test::demoWorkspaceCopy(dir);
  const std::int64_t wetClean = *io::parseTimestamp("2026-10-01T00:00:00Z");

  // GATE_CD: chamber B runs 1.5 nm high after the wet clean. Before it, at most
  // isolated wafers (false alarms) fall beyond the limits; the first lot with
  // most of its wafers beyond them comes after the wet clean.
  const auto cd = automaticChart(path, "GATE_CD");
  std::map<std::string, std::size_t> beyondByLot;
  std::size_t beyondBefore = 0, before = 0;
  std::string firstLot;
  for (std::size_t i = 0; i < cd.result.points(); ++i) before += cd.series->time[cd.rowOf[i]] < wetClean;
  for (const auto& v : cd.result.panels[0].violations) {
    if (v.rule != 1) continue;
    const auto row = cd.rowOf[v.point];
    beyondBefore += cd.series->time[row] < wetClean;
    if (++beyondByLot[cd.series->lot[row]] == 13 && firstLot.empty()) firstLot = cd.series->lot[row];
  }
  ASSERT_FALSE(firstLot.empty());
  store::Database db(path, store::Database::Mode::ReadOnly);
  store::MeasurementFilter lotFilter;
  lotFilter.lots = {firstLot};
  const auto lotRows = store::loadMeasurements(db, "GATE_CD", lotFilter);
  EXPECT_GT(lotRows.time.front(), wetClean) << firstLot;
  EXPECT_LT(static_cast<double>(beyondBefore) / static_cast<double>(before), 0.01);
  EXPECT_GT(rule1Share(cd), 0.10);

  // OX_THK: the FURN-02 drift carries later lots beyond the upper limit.
  const auto ox = automaticChart(path, "OX_THK");
  EXPECT_GT(rule1Share(ox), 0.05);
  std::size_t above = 0;
  for (const auto& v : ox.result.panels[0].violations)
    above += v.rule == 1 && ox.result.panels[0].value[v.point] > ox.result.panels[0].limits[0].center;
  EXPECT_GT(above, 50u);
}

}  // namespace
}  // namespace fab::ui

// The control chart view's data: the chart model built from the demo
// workspace, checked against the workspace's rows and lot history directly.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "core/io/field_parse.h"
#include "core/spc/control_chart.h"
#include "core/store/database.h"
#include "core/store/measurements.h"
#include "tests/ui/spc/demo_fixture.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/views/spc/control_chart_data.h"

namespace fab::ui {
namespace {

ControlChartData gateCd(const std::string& path, bool byChamber) {
  store::Database db(path, store::Database::Mode::ReadOnly);
  ControlChartRequest r;
  r.parameter = "GATE_CD";
  r.type = spc::ChartType::IndividualsMR;
  if (byChamber) r.groupBy = spc::GroupBy::Chamber, r.step = "GATE_ETCH";
  return computeControlChart(db, r);
}

TEST(ControlChartData, GateCdIndividualsModelMatchesTheRows) {
  test::TempDir dir;
  const auto path = test::demoWorkspaceCopy(dir);
  const auto d = gateCd(path, false);
  store::Database db(path, store::Database::Mode::ReadOnly);
  const auto rows = store::loadMeasurements(db, "GATE_CD");
  ASSERT_EQ(d.result.points(), rows.size());
  // One phase, all of it baseline: the centre line is the mean of the values present.
  double sum = 0;
  std::size_t n = 0;
  for (double v : rows.value)
    if (std::isfinite(v)) sum += v, ++n;
  const auto& m = *d.panels.at(0);
  ASSERT_EQ(m.series.size(), 1u);
  ASSERT_EQ(m.series[0].points.size(), rows.size());
  const auto& cl = m.limits.at(1);
  EXPECT_EQ(cl.label, "CL");
  ASSERT_EQ(cl.steps.size(), 1u);
  EXPECT_NEAR(cl.steps[0].y, sum / static_cast<double>(n), 1e-9);
  EXPECT_DOUBLE_EQ(cl.steps[0].x0, 0.5);
  EXPECT_DOUBLE_EQ(cl.steps[0].x1, static_cast<double>(rows.size()) + 0.5);
  // Every limit step is the engine's segment; zones are centre ± 1σ, ± 2σ.
  const auto& seg = d.result.panels[0].limits.at(0);
  EXPECT_EQ(m.limits[0].steps[0].y, seg.ucl);
  EXPECT_EQ(m.limits[2].steps[0].y, seg.lcl);
  ASSERT_FALSE(m.zones.empty());
  EXPECT_NEAR(m.zones[0].y0, seg.center - seg.sigma, 1e-12);
  EXPECT_NEAR(m.zones[1].y1, seg.center + 2 * seg.sigma, 1e-12);
  // Flags: exactly the points the engine reported.
  std::vector<bool> violating(rows.size(), false);
  for (const auto& v : d.result.panels[0].violations) violating[v.point] = true;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ((m.series[0].points[i].flags & chart::kFlagViolation) != 0, violating[i]) << i;
    const double y = m.series[0].points[i].y;
    EXPECT_TRUE(y == rows.value[i] || (std::isnan(y) && std::isnan(rows.value[i]))) << i;
  }
  // The moving range panel has its own model with rule 1 only.
  ASSERT_EQ(d.panels.size(), 2u);
  EXPECT_TRUE(d.panels[1]->zones.empty());
}

TEST(ControlChartData, ChamberBOfEtch03ViolatesAfterItsWetClean) {
  test::TempDir dir;
  const auto path = test::demoWorkspaceCopy(dir);
  const auto d = gateCd(path, true);
  store::Database db(path, store::Database::Mode::ReadOnly);
  // The group of each point, looked up here from the lot history directly.
  const auto history = store::processAtStep(db, "GATE_ETCH");
  const auto& s = *d.series;
  for (std::size_t i = 0; i < d.groups.size(); i += 97) {
    const auto row = d.rowOf[i];
    std::string expected = "(no history)";
    for (const auto& h : history)
      if (h.lot == s.lot[row] && (h.wafer == 0 || h.wafer == s.wafer[row])) expected = h.processTool + "/" + h.chamber;
    EXPECT_EQ(d.groups[i], expected) << i;
  }
  const std::int64_t clean = *io::parseTimestamp("2026-10-01T00:00:00Z");
  std::size_t after = 0, afterOnB = 0;
  for (const auto& v : d.result.panels[0].violations) {
    if (s.time[d.rowOf[v.point]] <= clean) continue;
    ++after;
    afterOnB += d.groups[v.point] == "ETCH-03/B";
  }
  EXPECT_GT(afterOnB, 0u);
  EXPECT_GT(afterOnB * 2, after) << "most violations after the wet clean are on ETCH-03/B";
  // Coloured by group: a grey line, then one named marker series per chamber.
  const auto& m = *d.panels[0];
  ASSERT_EQ(m.series.size(), 1 + spc::distinctGroups(d.groups).size());
  EXPECT_TRUE(m.series[0].name.isEmpty());
  std::size_t marked = 0;
  for (std::size_t k = 1; k < m.series.size(); ++k) marked += m.series[k].points.size();
  EXPECT_EQ(marked, d.result.points());
}

TEST(ControlChartData, TooltipNamesTheRuleAndTheLot) {
  test::TempDir dir;
  const auto d = gateCd(test::demoWorkspaceCopy(dir), true);
  ASSERT_FALSE(d.result.panels[0].violations.empty());
  const auto& v = d.result.panels[0].violations.back();
  const QString text = describeChartPoint(d, 0, v.point);
  EXPECT_TRUE(text.contains(QString("Rule %1: ").arg(v.rule))) << text.toStdString();
  EXPECT_TRUE(text.contains(QString::fromStdString(spc::violationReason(d.result.rules, v)))) << text.toStdString();
  EXPECT_TRUE(text.contains("lot " + QString::fromStdString(d.series->lot[d.rowOf[v.point]]))) << text.toStdString();
  EXPECT_TRUE(text.contains(QString::fromStdString(d.groups[v.point])));
}

TEST(ControlChartData, PhasePerGroupGivesEachChamberItsOwnLimits) {
  test::TempDir dir;
  store::Database db(test::demoWorkspaceCopy(dir), store::Database::Mode::ReadOnly);
  ControlChartRequest r;
  r.parameter = "GATE_CD";
  r.subgroup = "lot";
  r.type = spc::ChartType::XbarR;
  r.groupBy = spc::GroupBy::Chamber;
  r.phasePerGroup = true;
  const auto d = computeControlChart(db, r);
  const auto names = spc::distinctGroups(d.groups);
  ASSERT_EQ(d.result.phases.size(), names.size());
  for (const auto& p : d.result.phases)
    for (std::size_t i = p.first; i < p.last; ++i) EXPECT_EQ(d.groups[i], p.label);
  EXPECT_EQ(d.panels[0]->phases.size(), names.size());
}

TEST(ControlChartData, AMillionPointsAreDecimatedForDrawingOnly) {
  constexpr std::size_t n = 1'000'000;
  auto series = std::make_shared<store::MeasurementSeries>();
  series->parameter = "X";
  series->value.resize(n);
  for (std::size_t i = 0; i < n; ++i) series->value[i] = std::sin(0.001 * static_cast<double>(i)) + (i % 7) * 0.01;
  series->lot.assign(n, "L");
  series->wafer.assign(n, 1);
  series->site.assign(n, "");
  series->time.assign(n, 0);
  ControlChartData d;
  d.series = series;
  d.result = spc::computeVariablesChart(series->value, nullptr, spc::ChartOptions{});
  d.keys.assign(n, "k");
  d.rowOf.resize(n);
  std::iota(d.rowOf.begin(), d.rowOf.end(), 0);
  auto model = buildPanelModel(d, 0);
  ASSERT_EQ(model->series[0].points.size(), n);  // every point kept in the model
  chart::SeriesChartPainter painter(model);
  QImage image(800, 400, QImage::Format_ARGB32_Premultiplied);
  QPainter p(&image);
  painter.paint(p, QRectF(0, 0, 800, 400));
  EXPECT_LE(painter.lastDrawnVertices(), 4u * 800u);  // at most first/min/max/last per pixel column
}

}  // namespace
}  // namespace fab::ui

// The yield calculator view over the demo workspace's die maps.
#include <gtest/gtest.h>

#include <QApplication>
#include <QTabWidget>
#include <QTableWidget>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "core/wafer/dies_per_wafer.h"
#include "core/yield/good_die_cost.h"
#include "core/yield/window_blocks.h"
#include "core/yield/yield_model.h"
#include "tests/support/planted_zone_workspace.h"
#include "tests/ui/views/demo_fixture.h"
#include "ui/chart/bar_chart_painter.h"
#include "ui/chart/chart_export.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/dies_per_wafer_painter.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/number_text.h"
#include "ui/views/yield/yield_calculator_view.h"

namespace fab::ui::yield {
namespace {

void waitForData(YieldCalculatorView& view) {
  test::waitUntil([&] { return view.dataLoaded(); });
}

const chart::ChartModel& seriesModel(chart::ChartWidget* w) {
  return static_cast<chart::SeriesChartPainter*>(w->chart())->model();
}

TEST(YieldCalculatorView, KgdTableReproducesTheReferenceTable) {
  YieldCalculatorView view(QString::fromStdString(test::demoWorkspace()));
  YieldInputs in = view.inputs();
  in.dieQuality = 0.99;
  in.assemblyYield = 1.0;
  view.setInputs(in);
  auto* t = view.kgdTableWidget();
  ASSERT_EQ(t->columnCount(), 16);
  // Rows: the entered q, then 99.5, 99, 98, 95, 90 % (reference README, "Yield and KGD").
  const std::vector<std::pair<int, std::pair<QString, QString>>> expected = {
      {0, {"96.1 %", "92.3 %"}}, {1, {"98.0 %", "96.1 %"}}, {2, {"96.1 %", "92.3 %"}},
      {3, {"92.2 %", "85.1 %"}}, {4, {"81.5 %", "66.3 %"}}, {5, {"65.6 %", "43.0 %"}}};
  for (const auto& [row, cells] : expected) {
    EXPECT_EQ(t->item(row, 3)->text(), cells.first) << "row " << row;   // 4 dies
    EXPECT_EQ(t->item(row, 7)->text(), cells.second) << "row " << row;  // 8 dies
  }
  EXPECT_EQ(t->item(2, 0)->text(), "99.0 %");  // one die: q itself
}

TEST(YieldCalculatorView, YieldCurvesFollowTheModelsClosedForms) {
  YieldCalculatorView view(QString::fromStdString(test::demoWorkspace()));
  YieldInputs in;
  in.areaCm2 = 1.0;
  in.d0 = 1.0;
  in.parameters.alpha = 2.0;
  view.setInputs(in);
  const auto& m = seriesModel(view.yieldChart());
  ASSERT_EQ(m.series.size(), fab::yield::allModels().size());
  // At A·D0 = 1 the curves pass through the reference values.
  const std::map<QString, double> atOne = {{"Poisson", 0.36788}, {"Murphy (triangular)", 0.39958}};
  for (const auto& s : m.series)
    for (const auto& p : s.points)
      if (std::abs(p.x - 1.0) < 1e-12)
        for (const auto& [name, y] : atOne)
          if (s.name == name) EXPECT_NEAR(p.y, y, 5e-6) << name.toStdString();
  // Poisson everywhere: e^(−A·D0).
  for (const auto& p : m.series[0].points) EXPECT_NEAR(p.y, std::exp(-p.x), 1e-12);
  // The model table shows 36.8 % for Poisson.
  EXPECT_EQ(view.modelTable()->item(0, 2)->text(), "36.8 %");
}

TEST(YieldCalculatorView, FitsTheDemoDieMapsAndShowsTheirBlockYields) {
  YieldCalculatorView view(QString::fromStdString(test::demoWorkspace()));
  waitForData(view);
  ASSERT_TRUE(view.dataLoaded()) << view.statusText().toStdString();
  const auto& data = *view.data();
  const auto& m = seriesModel(view.fitChart());
  // The last series is the data: one marker per block size with complete blocks, at good/blocks.
  const auto& points = m.series.back().points;
  std::size_t withBlocks = 0;
  for (const auto& b : data.fit.blocks) withBlocks += b.blocks > 0;
  ASSERT_EQ(points.size(), withBlocks);
  for (const auto& p : points) {
    const auto& b = data.fit.blocks[static_cast<std::size_t>(p.row)];
    EXPECT_EQ(p.x, b.m);
    EXPECT_DOUBLE_EQ(p.y, double(b.good) / double(b.blocks));
  }
  EXPECT_EQ(m.series.size(), data.fit.models.size() + 1);
  // Pareto bars: failed dies per bin, summing to all failed dies.
  const auto& pareto = static_cast<chart::BarChartPainter*>(view.paretoChartWidget()->chart())->model();
  ASSERT_EQ(pareto.series.size(), 1u);
  const auto& counts = pareto.series[0].values;
  double failed = 0;
  for (double c : counts) failed += c;
  EXPECT_EQ(failed, double(data.pareto.failed));
  EXPECT_TRUE(std::is_sorted(counts.rbegin(), counts.rend()));
  ASSERT_EQ(pareto.lines.size(), 1u);  // the cumulative share ends at 100 % of the failed dies
  EXPECT_DOUBLE_EQ(pareto.lines[0].values.back(), double(data.pareto.failed));

  view.resize(1400, 820);
  view.show();
  for (int tab = 0; tab < view.tabs()->count(); ++tab) {
    view.tabs()->setCurrentIndex(tab);
    QApplication::processEvents();
    test::screenshot(view, QString("yield_tab%1").arg(tab));
  }
}

const chart::DiesPerWaferModel& dpwModel(YieldCalculatorView& view) {
  return static_cast<chart::DiesPerWaferPainter*>(view.diesPerWaferPanel()->chartWidget()->chart())->model();
}

QString factValue(const chart::DiesPerWaferModel& m, const QString& labelStart) {
  for (const auto& f : m.facts)
    if (f.label.startsWith(labelStart)) return f.value;
  return "(no fact '" + labelStart + "')";
}

TEST(YieldCalculatorView, DiesPerWaferDrawsTheExactCountAndNamesBothEstimates) {
  YieldCalculatorView view(QString::fromStdString(test::demoWorkspace()));
  struct Case {
    double diameter, edge, width, height, scribe;
  };
  // The last case has some 200,000 cells: counted off the GUI thread.
  for (const Case& c :
       {Case{300, 3, 10, 10, 100}, Case{200, 5, 7.3, 4.1, 80}, Case{150, 2, 22, 31, 0}, Case{300, 3, 0.6, 0.55, 20}}) {
    WaferInputs in = view.diesPerWaferPanel()->waferInputs();
    in.diameterMm = c.diameter;
    in.edgeExclusionMm = c.edge;
    in.dieWidthMm = c.width;
    in.dieHeightMm = c.height;
    in.scribeUm = c.scribe;
    view.diesPerWaferPanel()->setWaferInputs(in);
    ASSERT_TRUE(test::waitUntil([&] { return !view.diesPerWaferPanel()->pending(); }));
    // The core's count for the same layout, and the cells the painter was given.
    fab::wafer::WaferLayout layout;
    layout.diameterMm = c.diameter;
    layout.edgeExclusionMm = c.edge;
    layout.dieWidthUm = c.width * 1000;
    layout.dieHeightUm = c.height * 1000;
    layout.scribeUm = c.scribe;
    const auto core = fab::wafer::diesPerWafer(layout);
    const auto& m = dpwModel(view);
    const auto filled = std::count_if(m.dies.begin(), m.dies.end(), [](const auto& d) { return d.complete; });
    EXPECT_EQ(filled, core.exact) << c.diameter << " mm, " << c.width << " × " << c.height;
    EXPECT_GT(m.dies.size(), static_cast<std::size_t>(filled));  // partial dies drawn too
    // Both estimates, named by formula: πd²/(4S) − πd/√(2S) and π(d − √S)²/(4S), d usable, S with scribe.
    const double d = c.diameter - 2 * c.edge, S = (c.width + c.scribe / 1000) * (c.height + c.scribe / 1000);
    const double classic = std::numbers::pi * d * d / (4 * S) - std::numbers::pi * d / std::sqrt(2 * S);
    const double flynn = std::numbers::pi * (d - std::sqrt(S)) * (d - std::sqrt(S)) / (4 * S);
    EXPECT_EQ(factValue(m, "exact count"), QString::number(core.exact));
    EXPECT_EQ(factValue(m, "classic  πd²/(4S) − πd/√(2S)"), QString::number(classic, 'f', 1));
    EXPECT_EQ(factValue(m, "Flynn  π(d − √S)²/(4S)"), QString::number(flynn, 'f', 1));
  }
}

TEST(YieldCalculatorView, ALateCountOfOlderInputsIsNotShown) {
  YieldCalculatorView view(QString::fromStdString(test::demoWorkspace()));
  WaferInputs in = view.diesPerWaferPanel()->waferInputs();
  in.dieWidthMm = in.dieHeightMm = 0.5;  // counted on a worker
  view.diesPerWaferPanel()->setWaferInputs(in);
  EXPECT_TRUE(view.diesPerWaferPanel()->pending());
  in.dieWidthMm = in.dieHeightMm = 20;  // counted at once, while the worker still runs
  view.diesPerWaferPanel()->setWaferInputs(in);
  ASSERT_TRUE(test::waitUntil([&] { return !view.diesPerWaferPanel()->pending(); }));
  QApplication::processEvents();
  EXPECT_EQ(view.diesPerWaferPanel()->result().counts->exact, fab::wafer::diesPerWafer(in.layout()).exact);
  EXPECT_EQ(view.diesPerWaferPanel()->result().model->dieWidthMm, 20);
}

TEST(YieldCalculatorView, DiesPerWaferGoodDiesAndCost) {
  YieldCalculatorView view(QString::fromStdString(test::demoWorkspace()));
  YieldInputs y;
  y.d0 = 0.3;
  y.parameters.alpha = 2;
  view.setInputs(y);
  WaferInputs in = view.diesPerWaferPanel()->waferInputs();
  in.diameterMm = 300;
  in.edgeExclusionMm = 3;
  in.dieWidthMm = 12;
  in.dieHeightMm = 10;
  in.scribeUm = 100;
  in.waferCost = 4000;
  view.diesPerWaferPanel()->setWaferInputs(in);
  // Default yield model: negative binomial at the die's area 1.2 cm²: (1 + A·D0/α)^−α.
  const double yield = std::pow(1 + 1.2 * 0.3 / 2, -2);
  const auto& dpw = view.diesPerWaferPanel()->result();
  ASSERT_TRUE(dpw.counts && dpw.cost);
  EXPECT_NEAR(dpw.cost->yield, yield, 1e-12);
  EXPECT_NEAR(dpw.cost->goodDiesPerWafer, dpw.counts->exact * yield, 1e-9);
  EXPECT_NEAR(dpw.cost->costPerGoodDie, 4000 / (dpw.counts->exact * yield), 1e-9);
  const auto& m = dpwModel(view);
  EXPECT_EQ(factValue(m, "good dies per wafer"), QString::number(dpw.counts->exact * yield, 'f', 1));
  EXPECT_EQ(factValue(m, "cost per good die"), QString::number(4000 / (dpw.counts->exact * yield), 'f', 2));
  // An impossible die: no count, the reason in the title, the wafer still drawn.
  in.dieWidthMm = 100;
  in.dieHeightMm = 100;
  in.diameterMm = 100;
  view.diesPerWaferPanel()->setWaferInputs(in);
  EXPECT_FALSE(view.diesPerWaferPanel()->result().counts);
  EXPECT_TRUE(dpwModel(view).dies.empty());
  EXPECT_TRUE(dpwModel(view).title.contains("does not fit")) << dpwModel(view).title.toStdString();

  view.resize(1400, 820);
  view.show();
  in.diameterMm = 300;
  in.dieWidthMm = 12;
  in.dieHeightMm = 10;
  view.diesPerWaferPanel()->setWaferInputs(in);
  view.tabs()->setCurrentIndex(1);
  QApplication::processEvents();
  test::screenshot(view, "yield_dies_per_wafer");
}

TEST(YieldCalculatorView, KgdMarkerLabelStaysInsideThePlot) {
  YieldCalculatorView view(QString::fromStdString(test::demoWorkspace()));
  YieldInputs in = view.inputs();
  in.dieQuality = 0.99;
  view.setInputs(in);
  const auto& m = seriesModel(view.kgdChartWidget());
  ASSERT_EQ(m.phases.size(), 1u);
  EXPECT_EQ(m.phases[0].label, "q = 99.0 %");
  EXPECT_GT(m.phases[0].x, *m.xAxis.max - 0.02);  // near the right edge: the label goes left of the line
  // Drawn, the label's dark text lies inside the plot, left of the marker line.
  const auto* painter = view.kgdChartWidget()->chart();
  const QRectF rect(0, 0, 800, 450);
  const QImage image = chart::renderImage(*painter, rect.size().toSize());
  const auto t = painter->transform(rect);
  const int line = static_cast<int>(t.xToPixel(m.phases[0].x));
  int left = 0, right = 0;
  for (int y = static_cast<int>(t.plot().top()) + 2; y < static_cast<int>(t.plot().top()) + 18; ++y) {
    for (int x = std::max(0, line - 120); x < line - 1; ++x) left += image.pixelColor(x, y).lightness() < 60;
    for (int x = line + 2; x < static_cast<int>(t.plot().right()); ++x)
      right += image.pixelColor(x, y).lightness() < 60;
  }
  EXPECT_GT(left, 30);
  EXPECT_EQ(right, 0);
}

TEST(YieldCalculatorView, ZoneParetoOfAPlantedWorkspace) {
  test::TempDir dir;
  const auto planted = test::makePlantedZoneWorkspace(dir);
  YieldCalculatorView view(QString::fromStdString(planted.path));
  view.setProduct("ZP");
  test::waitUntil([&] { return view.dataLoaded() && view.data()->product == "ZP"; });
  ASSERT_TRUE(view.dataLoaded()) << view.statusText().toStdString();
  const auto& m = static_cast<chart::BarChartPainter*>(view.zoneParetoChartWidget()->chart())->model();
  ASSERT_EQ(m.categories.size(), 3u);
  ASSERT_EQ(m.series.size(), 1u);
  // Expected failed dies per zone, counted by hand in the fixture, in Pareto order.
  const std::array<QString, 3> names = {"center", "middle", "edge"};
  long long previous = planted.failed + 1;
  for (std::size_t i = 0; i < 3; ++i) {
    std::size_t zone = 3;
    for (std::size_t z = 0; z < 3; ++z)
      if (m.categories[i].startsWith(names[z])) zone = z;
    ASSERT_LT(zone, 3u) << m.categories[i].toStdString();
    const auto& expected = planted.zones[zone];
    EXPECT_EQ(m.series[0].values[i], double(expected.failed)) << names[zone].toStdString();
    const double yield = 1.0 - double(expected.failed) / double(expected.dies);
    EXPECT_TRUE(m.categories[i].endsWith(fab::ui::percent(yield, 1))) << m.categories[i].toStdString();
    EXPECT_LE(m.series[0].values[i], double(previous));
    previous = static_cast<long long>(m.series[0].values[i]);
  }
  EXPECT_DOUBLE_EQ(m.lines.at(0).values.back(), double(planted.failed));
  // The dies-per-wafer tab takes the product's layout on request.
  view.diesPerWaferPanel()->useProductLayout();
  const WaferInputs w = view.diesPerWaferPanel()->waferInputs();
  EXPECT_EQ(w.diameterMm, 200);
  EXPECT_EQ(w.edgeExclusionMm, 3);
  EXPECT_DOUBLE_EQ(w.dieWidthMm, 9.8);
  EXPECT_DOUBLE_EQ(w.dieHeightMm, 7.8);
  EXPECT_EQ(w.scribeUm, 200);
  view.resize(1400, 820);
  view.show();
  view.tabs()->setCurrentIndex(view.tabs()->count() - 1);
  QApplication::processEvents();
  test::screenshot(view, "yield_zone_pareto");
}

}  // namespace
}  // namespace fab::ui::yield

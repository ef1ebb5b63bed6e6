// The yield calculator view over the demo workspace's die maps.
#include <gtest/gtest.h>

#include <QApplication>
#include <QTabWidget>
#include <QTableWidget>

#include <cmath>

#include "core/yield/window_blocks.h"
#include "core/yield/yield_model.h"
#include "tests/ui/views/demo_fixture.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/histogram_painter.h"
#include "ui/chart/series_chart_painter.h"
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
  const auto& pareto = static_cast<chart::HistogramPainter*>(view.paretoChartWidget()->chart())->model();
  double failed = 0;
  for (double c : pareto.counts) failed += c;
  EXPECT_EQ(failed, double(data.pareto.failed));
  EXPECT_TRUE(std::is_sorted(pareto.counts.rbegin(), pareto.counts.rend()));

  view.resize(1400, 820);
  view.show();
  for (int tab = 0; tab < view.tabs()->count(); ++tab) {
    view.tabs()->setCurrentIndex(tab);
    QApplication::processEvents();
    test::screenshot(view, QString("yield_tab%1").arg(tab));
  }
}

}  // namespace
}  // namespace fab::ui::yield

// The bar chart painter: bars, interval whiskers and category lines land on
// the pixels the data maps to (layout pinned with fixed margins and y range).
#include <gtest/gtest.h>

#include "tests/ui/chart/pixel_check.h"
#include "ui/chart/bar_chart_painter.h"
#include "ui/chart/chart_export.h"

namespace fab::test {
namespace {

using ui::chart::BarChartModel;
using ui::chart::BarChartPainter;

std::shared_ptr<BarChartPainter> painter(double value, double low, double high) {
  auto m = std::make_shared<BarChartModel>();
  m->categories = {"A", "B"};
  m->yAxis.min = 0;
  m->yAxis.max = 100;
  m->series.push_back(
      {"agreement", QColor(31, 119, 180), {value, std::nan("")}, {low, std::nan("")}, {high, std::nan("")}});
  auto p = std::make_shared<BarChartPainter>(m);
  ui::chart::ChartStyle style;
  style.fixedMargins = QMarginsF(50, 20, 50, 30);
  p->setStyle(style);
  return p;
}

TEST(BarChartPainter, BarReachesItsValueAndWhiskerSpansTheInterval) {
  // Plot area 400 × 200 px from (50, 20): x −0.5..1.5 → 200 px per category, y 0..100 → 2 px per unit.
  const auto p = painter(60, 40, 80);
  const QImage image = ui::chart::renderImage(*p, QSize(500, 250));
  const QColor bar(31, 119, 180);
  // Category A's bar spans x ∈ [−0.4, 0.4] (minus a small inset): centre x = 0 at pixel 150.
  EXPECT_TRUE(sameColour(image.pixelColor(120, 220 - 2 * 30), bar)) << describe(image.pixelColor(120, 160));
  EXPECT_TRUE(sameColour(image.pixelColor(120, 220 - 2 * 70), Qt::white)) << describe(image.pixelColor(120, 80));
  // The whisker runs at the bar's centre from 40 to 80 (drawn dark over bar and background).
  EXPECT_LT(image.pixelColor(150, 220 - 2 * 75).lightness(), 80);
  EXPECT_LT(image.pixelColor(150, 220 - 2 * 45).lightness(), 80);
  // Above the interval only the background (or a light grid line) is left.
  EXPECT_GT(image.pixelColor(150, 220 - 2 * 90).lightness(), 200) << describe(image.pixelColor(150, 40));
  // Category B has no value: nothing drawn there.
  EXPECT_GT(image.pixelColor(330, 200).lightness(), 200) << describe(image.pixelColor(330, 200));
  EXPECT_GT(image.pixelColor(370, 120).lightness(), 200) << describe(image.pixelColor(370, 120));
}

TEST(BarChartPainter, HitTestNamesTheBar) {
  const auto p = painter(60, 40, 80);
  const QRectF rect(0, 0, 500, 250);
  const auto hit = p->hitTest(rect, QPointF(150, 150), 4);
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->series, 0);
  EXPECT_EQ(hit->index, 0u);
  EXPECT_DOUBLE_EQ(hit->y, 60);
  EXPECT_FALSE(p->hitTest(rect, QPointF(150, 60), 4).has_value());   // above the bar
  EXPECT_FALSE(p->hitTest(rect, QPointF(350, 200), 4).has_value());  // no bar in B
}

TEST(BarChartPainter, CategoryLineRunsThroughTheCategoryCentres) {
  // A Pareto: bars 60 and 30, the cumulative line at 60 and 90 (100 % = 90).
  auto m = std::make_shared<BarChartModel>();
  m->categories = {"bin 3", "bin 7"};
  m->yAxis.min = 0;
  m->yAxis.max = 100;
  m->series.push_back({"failed", QColor(31, 119, 180), {60, 30}, {}, {}});
  m->lines.push_back({"cumulative", QColor(214, 39, 40), {60, 90}});
  BarChartPainter p(m);
  ui::chart::ChartStyle style;
  style.fixedMargins = QMarginsF(50, 20, 50, 30);
  p.setStyle(style);
  const QImage image = ui::chart::renderImage(p, QSize(500, 250));
  // Category centres at x = 150 and 350; y = 220 − 2·value. The line's dots sit there.
  EXPECT_TRUE(sameColour(image.pixelColor(150, 220 - 2 * 60), QColor(214, 39, 40)))
      << describe(image.pixelColor(150, 100));
  EXPECT_TRUE(sameColour(image.pixelColor(350, 220 - 2 * 90), QColor(214, 39, 40)))
      << describe(image.pixelColor(350, 40));
  // Halfway between them, over the background between the bars, the line passes at 75.
  const QColor mid = image.pixelColor(250, 220 - 2 * 75);
  EXPECT_GT(mid.red(), mid.green() + 60) << describe(mid);
  EXPECT_EQ(p.transform(QRectF(0, 0, 500, 250)).toPixel(1, 0), QPointF(350, 220));
}

}  // namespace
}  // namespace fab::test

#include "ui/chart/histogram_painter.h"

#include <gtest/gtest.h>

#include "tests/ui/chart/pixel_check.h"
#include "ui/chart/chart_export.h"

namespace fab::ui::chart {
namespace {

using test::describe;
using test::sameColour;

// 400 × 300 with 50-pixel margins; x 0..10, y 0..10: x → 50 + 30·x, y → 250 − 20·y.
QPoint pixel(double x, double y) { return QPoint(static_cast<int>(50 + 30 * x), static_cast<int>(250 - 20 * y)); }

std::shared_ptr<HistogramModel> model() {
  auto m = std::make_shared<HistogramModel>();
  for (int i = 0; i <= 10; ++i) m->edges.push_back(i);
  m->counts = {0, 1, 3, 6, 9, 6, 3, 1, 0, 0};
  m->barColor = QColor(0, 0, 255);
  m->xAxis.min = 0;
  m->xAxis.max = 10;
  m->yAxis.max = 10;
  m->lines.push_back({8.5, "USL", QColor(255, 0, 0), Qt::SolidLine});
  return m;
}

TEST(HistogramPainter, BarsReachTheirCountsAndLinesStandAtTheirX) {
  HistogramPainter painter(model());
  ChartStyle style;
  style.fixedMargins = QMarginsF(50, 50, 50, 50);
  style.grid = Qt::white;
  painter.setStyle(style);
  const QImage image = renderImage(painter, QSize(400, 300));
  const QColor blue(0, 0, 255);
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(4.5, 8.5)), blue)) << describe(image.pixelColor(pixel(4.5, 8.5)));
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(4.5, 9.5)), Qt::white));  // above the bar of 9
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(2.5, 2.5)), blue));
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(2.5, 3.5)), Qt::white));
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(0.5, 0.5)), Qt::white));  // a bin of 0 has no bar
  // The USL line at x = 8.5 → x = 305 pixels: a 1.5-pixel line on 304.25..305.75 tints columns 304 and 305.
  auto reddish = [&](int x) {
    const QColor c = image.pixelColor(x, 150);
    return c.red() > 200 && c.green() < 150 && c.blue() < 150;
  };
  EXPECT_TRUE(reddish(304) && reddish(305))
      << describe(image.pixelColor(304, 150)) << describe(image.pixelColor(305, 150));
  EXPECT_TRUE(sameColour(image.pixelColor(301, 150), Qt::white));
  EXPECT_TRUE(sameColour(image.pixelColor(308, 150), Qt::white));
}

TEST(HistogramPainter, RangeStartsAtZeroAndHitsBars) {
  auto m = model();
  m->xAxis.min.reset();
  m->xAxis.max.reset();
  m->yAxis.max.reset();
  HistogramPainter painter(m);
  const DataRange r = painter.fullRange();
  EXPECT_DOUBLE_EQ(r.yMin, 0);
  EXPECT_DOUBLE_EQ(r.yMax, 9 * 1.15);
  EXPECT_DOUBLE_EQ(r.xMin, -0.5);
  EXPECT_DOUBLE_EQ(r.xMax, 10.5);

  ChartStyle style;
  style.fixedMargins = QMarginsF(50, 50, 50, 50);
  painter.setStyle(style);
  painter.setView(DataRange{0, 10, 0, 10});
  const auto hit = painter.hitTest(QRectF(0, 0, 400, 300), pixel(3.5, 2), 4);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->kind, HistogramPainter::kHitBar);
  EXPECT_EQ(hit->index, 3u);
  EXPECT_DOUBLE_EQ(hit->y, 6);
  EXPECT_FALSE(painter.hitTest(QRectF(0, 0, 400, 300), pixel(3.5, 9), 4));  // well above the bar
}

}  // namespace
}  // namespace fab::ui::chart

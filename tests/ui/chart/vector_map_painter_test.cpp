// The wafer vector map: an arrow starts at its site and is as long as its
// error times the scale (the longest arrow 6 % of the diameter unless a scale
// is given); a hit names the site under the cursor.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tests/ui/chart/pixel_check.h"
#include "ui/chart/chart_export.h"
#include "ui/chart/vector_map_painter.h"

namespace fab::test {
namespace {

using ui::chart::VectorMapModel;
using ui::chart::VectorMapPainter;

TEST(VectorMapPainter, LongestArrowIsSixPercentOfTheDiameter) {
  auto m = std::make_shared<VectorMapModel>();
  m->diameterMm = 300;
  m->arrows = {{0, 0, 10, 0, 0}, {50, 50, 0, -5, 1}};
  const VectorMapPainter p(m);
  EXPECT_DOUBLE_EQ(p.mmPerUnit(), 0.06 * 300 / 10);
}

TEST(VectorMapPainter, ArrowIsDrawnFromItsSiteAlongItsError) {
  auto m = std::make_shared<VectorMapModel>();
  m->diameterMm = 300;
  m->mmPerUnit = 10;  // a 6 nm error is a 60 mm arrow
  m->color = QColor(214, 39, 40);
  m->arrows = {{-100, 0, 6, 0, 0}};
  auto p = std::make_shared<VectorMapPainter>(m);
  ui::chart::ChartStyle style;
  style.fixedMargins = QMarginsF(0, 0, 0, 0);
  p->setStyle(style);
  const QImage image = ui::chart::renderImage(*p, QSize(324, 324));
  // 324 px for 324 mm (the view is ±162 mm): 1 px per mm, centre at pixel 162.
  const auto t = p->transform(QRectF(0, 0, 324, 324));
  // The most arrow-coloured pixel across the line (antialiased, 1.3 px wide) at a point along x.
  auto strongest = [&](double xMm) {
    const QPoint c = t.toPixel(xMm, 0).toPoint();
    int best = 0;
    for (int dy = -2; dy <= 2; ++dy) {
      const QColor q = image.pixelColor(c.x(), c.y() + dy);
      best = std::max(best, q.red() - q.green());
    }
    return best;
  };
  EXPECT_GT(strongest(-70), 80);   // halfway along the arrow from x −100 to −40
  EXPECT_LT(strongest(-20), 30);   // past the arrow's head: the wafer's grey fill
  const auto hit = p->hitTest(QRectF(0, 0, 324, 324), t.toPixel(-100, 1), 4);
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->index, 0u);
  EXPECT_FALSE(p->hitTest(QRectF(0, 0, 324, 324), t.toPixel(100, 100), 4).has_value());
}

}  // namespace
}  // namespace fab::test

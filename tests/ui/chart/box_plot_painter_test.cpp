// The box-plot painter: the box spans the quartiles, the median line and the
// whisker ends land on the pixels their values map to (layout pinned with
// fixed margins and y range), and a hit names the group.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/ui/chart/pixel_check.h"
#include "ui/chart/box_plot_painter.h"
#include "ui/chart/chart_export.h"

namespace fab::test {
namespace {

using ui::chart::BoxPlotModel;
using ui::chart::BoxPlotPainter;

std::shared_ptr<BoxPlotPainter> painter() {
  auto m = std::make_shared<BoxPlotModel>();
  m->yAxis.min = 0;
  m->yAxis.max = 100;
  m->boxColor = QColor(31, 119, 180);
  // q1 40, median 50, q3 70, whiskers 20 and 90, mean not drawn.
  m->groups.push_back({"T1", 40, 50, 70, 20, 90, std::nan(""), {}, 10, false});
  m->groups.push_back({"T2", 10, 15, 20, 5, 25, std::nan(""), {95}, 10, false});
  auto p = std::make_shared<BoxPlotPainter>(m);
  ui::chart::ChartStyle style;
  style.fixedMargins = QMarginsF(50, 20, 50, 30);
  p->setStyle(style);
  return p;
}

TEST(BoxPlotPainter, BoxSpansTheQuartilesAndWhiskersReachTheirEnds) {
  // Plot 400 × 200 px from (50, 20): x −0.5..1.5 → 200 px per group; y 0..100 → 2 px per unit, y = 220 − 2v.
  const auto p = painter();
  const QImage image = ui::chart::renderImage(*p, QSize(500, 250));
  const QColor box(31, 119, 180);
  // Group T1 centred at pixel x 150; its box (half width 50 px) fills 40..70 beside the centre.
  EXPECT_TRUE(sameColour(image.pixelColor(130, 220 - 2 * 45), box)) << describe(image.pixelColor(130, 130));
  EXPECT_TRUE(sameColour(image.pixelColor(130, 220 - 2 * 65), box)) << describe(image.pixelColor(130, 90));
  // Outside the box (between the whisker and the box edge) only background.
  EXPECT_GT(image.pixelColor(130, 220 - 2 * 80).lightness(), 200) << describe(image.pixelColor(130, 60));
  // The median line (dark, 2 px) at 50; the whiskers on the centre line reach 20 and 90.
  EXPECT_LT(image.pixelColor(130, 220 - 2 * 50).lightness(), 110) << describe(image.pixelColor(130, 120));
  EXPECT_LT(image.pixelColor(150, 220 - 2 * 85).lightness(), 150) << describe(image.pixelColor(150, 50));
  EXPECT_LT(image.pixelColor(150, 220 - 2 * 25).lightness(), 150) << describe(image.pixelColor(150, 170));
  EXPECT_GT(image.pixelColor(150, 220 - 2 * 96).lightness(), 200) << describe(image.pixelColor(150, 28));
  // T2's outlier at 95 is a small ring around pixel (350, 30); nothing is drawn at 60 above T2's box.
  auto darkest = [&](int cx, int cy) {
    int lightness = 255;
    for (int dx = -4; dx <= 4; ++dx)
      for (int dy = -4; dy <= 4; ++dy) lightness = std::min(lightness, image.pixelColor(cx + dx, cy + dy).lightness());
    return lightness;
  };
  EXPECT_LT(darkest(350, 220 - 2 * 95), 170);
  EXPECT_GT(darkest(350, 220 - 2 * 60), 200);
}

TEST(BoxPlotPainter, HitTestNamesTheGroup) {
  const auto p = painter();
  const QRectF rect(0, 0, 500, 250);
  const auto hit = p->hitTest(rect, QPointF(340, 150), 4);
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->kind, BoxPlotPainter::kHitBox);
  EXPECT_EQ(hit->index, 1u);
  EXPECT_FALSE(p->hitTest(rect, QPointF(20, 150), 4).has_value());  // left of the plot
}

}  // namespace
}  // namespace fab::test

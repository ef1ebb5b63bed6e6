// Labels stay inside the plot: a phase or marker line near the right edge has
// its label drawn left of the line, whole, instead of cut by the plot's clip.
#include "ui/chart/label_placement.h"

#include <gtest/gtest.h>

#include "ui/chart/chart_export.h"
#include "ui/chart/series_chart_painter.h"

namespace fab::ui::chart {
namespace {

const QRectF kPlot(50, 50, 300, 200);

TEST(LabelPlacement, RightOfTheLineWhenItFitsElseLeft) {
  const QSizeF size(60, 14);
  EXPECT_EQ(labelBesideLine(100, 52, size, kPlot), QRectF(104, 52, 60, 14));
  // 40 px from the right edge: the 60 px label goes left of the line.
  EXPECT_EQ(labelBesideLine(310, 52, size, kPlot), QRectF(246, 52, 60, 14));
  // Right at the left edge with no room either side: kept inside.
  EXPECT_TRUE(kPlot.contains(labelBesideLine(340, 245, size, kPlot)));
}

TEST(LabelPlacement, KeepInsideMovesTheLeastDistance) {
  EXPECT_EQ(keepInside(QRectF(340, 100, 20, 10), kPlot), QRectF(330, 100, 20, 10));
  EXPECT_EQ(keepInside(QRectF(40, 245, 20, 10), kPlot), QRectF(50, 240, 20, 10));
  EXPECT_EQ(keepInside(QRectF(100, 100, 20, 10), kPlot), QRectF(100, 100, 20, 10));
}

/// Dark (text) pixels in the band under the plot's top edge where phase labels go.
int labelPixels(double phaseX) {
  auto m = std::make_shared<ChartModel>();
  m->xAxis.min = 0;
  m->xAxis.max = 10;
  m->yAxis.min = 0;
  m->yAxis.max = 10;
  m->legend = false;
  m->phases.push_back({phaseX, "q = 99.0 %"});
  SeriesChartPainter painter(m);
  ChartStyle style;
  style.fixedMargins = QMarginsF(50, 50, 50, 50);
  style.grid = Qt::white;
  painter.setStyle(style);
  const QImage image = renderImage(painter, QSize(400, 300));
  int dark = 0;
  for (int y = 52; y < 52 + 16; ++y)
    for (int x = 52; x < 349; ++x) dark += image.pixelColor(x, y).lightness() < 100;
  return dark;
}

TEST(LabelPlacement, PhaseLabelAtTheRightEdgeIsDrawnWhole) {
  const int middle = labelPixels(3.0);  // label right of the line, well inside
  const int edge = labelPixels(9.9);    // 3 px from the right edge
  ASSERT_GT(middle, 30);
  EXPECT_NEAR(edge, middle, 0.15 * middle);
}

}  // namespace
}  // namespace fab::ui::chart

// The dies-per-wafer drawing: every complete die of the core's grid is a
// filled cell and no other cell is, the wafer's outline and notch are drawn,
// and the panel beside the wafer does not take room from it when pinned.
#include "ui/chart/dies_per_wafer_painter.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/wafer/die_grid.h"
#include "core/wafer/dies_per_wafer.h"
#include "tests/ui/chart/pixel_check.h"
#include "ui/chart/chart_export.h"

namespace fab::ui::chart {
namespace {

using test::describe;
using test::sameColour;

// A 100 mm wafer in a 416 × 416 image without margins: the view spans ±52 mm,
// 4 pixels per millimetre, so (x, y) mm → (208 + 4x, 208 − 4y) pixels.
QPointF pixel(double xMm, double yMm) { return {208 + 4 * xMm, 208 - 4 * yMm}; }
QColor at(const QImage& image, QPointF p) { return image.pixelColor(static_cast<int>(p.x()), static_cast<int>(p.y())); }

fab::wafer::WaferLayout layout() {
  fab::wafer::WaferLayout l;
  l.diameterMm = 100;
  l.edgeExclusionMm = 5;
  l.dieWidthUm = 8000;
  l.dieHeightUm = 6000;
  l.scribeUm = 2000;  // pitch 10 × 8 mm: 8 px of scribe between dies
  return l;
}

/// The model the view would build, from the core's grid (die centres in the view).
std::shared_ptr<DiesPerWaferModel> model(const fab::wafer::DieGrid& grid) {
  auto m = std::make_shared<DiesPerWaferModel>();
  m->diameterMm = grid.layout.diameterMm;
  m->edgeExclusionMm = grid.layout.edgeExclusionMm;
  m->dieWidthMm = grid.layout.dieWidthUm / 1000;
  m->dieHeightMm = grid.layout.dieHeightUm / 1000;
  for (const auto& d : grid.dies)
    m->dies.push_back({d.centre.x / 1000, d.centre.y / 1000, d.state == fab::wafer::DieState::Complete});
  m->facts = {{"exact count", "1"}};
  return m;
}

DiesPerWaferPainter pinned(std::shared_ptr<DiesPerWaferModel> m) {
  DiesPerWaferPainter p(std::move(m));
  ChartStyle style;
  style.fixedMargins = QMarginsF(0, 0, 0, 0);
  p.setStyle(style);
  return p;
}

TEST(DiesPerWaferPainter, FilledCellsAreExactlyTheCompleteDies) {
  const auto grid = fab::wafer::buildDieGrid(layout());
  ASSERT_GT(grid.completeCount, 20);
  ASSERT_GT(grid.partialCount, 10);
  const auto painter = pinned(model(grid));
  const QImage image = renderImage(painter, QSize(416, 416));
  // Every cell of the core's grid, read back from the pixels at its centre.
  int filled = 0;
  for (const auto& d : grid.dies) {
    const QColor c = at(image, pixel(d.centre.x / 1000, d.centre.y / 1000));
    const bool isFilled = sameColour(c, DiesPerWaferPainter::kComplete);
    EXPECT_EQ(isFilled, d.state == fab::wafer::DieState::Complete)
        << "die (" << d.index.x << ", " << d.index.y << ") " << describe(c);
    filled += isFilled;
  }
  EXPECT_EQ(filled, grid.completeCount);
  // The scribe between two complete neighbours stays bare: its middle, 5 mm left of the centre die's centre.
  const auto* centre = grid.find({0, 0});
  ASSERT_TRUE(centre && centre->state == fab::wafer::DieState::Complete);
  EXPECT_FALSE(sameColour(at(image, pixel(centre->centre.x / 1000 - 5, centre->centre.y / 1000)),
                          DiesPerWaferPainter::kComplete));
}

TEST(DiesPerWaferPainter, OutlineAndNotchAreDrawn) {
  auto m = model(fab::wafer::buildDieGrid(layout()));
  m->dies.clear();  // the wafer alone
  const auto painter = pinned(m);
  const QImage image = renderImage(painter, QSize(416, 416));
  // On the edge (r = 50 mm) at the top, left and right: the dark outline, a pixel either way.
  for (QPointF edge : {pixel(0, 50), pixel(-50, 0), pixel(50, 0)}) {
    int darkest = 255;
    for (int dx = -1; dx <= 1; ++dx)
      for (int dy = -1; dy <= 1; ++dy)
        darkest = std::min(darkest, image.pixelColor(int(edge.x()) + dx, int(edge.y()) + dy).lightness());
    EXPECT_LT(darkest, 170) << edge.x() << "," << edge.y();
  }
  // Outside the edge: background; inside the usable area: the wafer's fill.
  EXPECT_TRUE(sameColour(at(image, pixel(0, 51.5)), Qt::white)) << describe(at(image, pixel(0, 51.5)));
  EXPECT_TRUE(sameColour(at(image, pixel(0, 30)), QColor(236, 236, 236))) << describe(at(image, pixel(0, 30)));
  // The edge-exclusion ring (45–50 mm) is shaded, unlike the usable area.
  EXPECT_NE(at(image, pixel(0, 47.5)), at(image, pixel(0, 30)));
  // The notch cuts the bottom of the wafer (radius 1.8 mm at (0, −50)), not the top.
  EXPECT_TRUE(sameColour(at(image, pixel(0, -49)), Qt::white)) << describe(at(image, pixel(0, -49)));
  EXPECT_FALSE(sameColour(at(image, pixel(0, 49)), Qt::white));
}

TEST(DiesPerWaferPainter, PanelBesideTheWaferAndHits) {
  const auto grid = fab::wafer::buildDieGrid(layout());
  DiesPerWaferPainter painter(model(grid));
  // With the panel, the wafer is drawn round in what is left of an 800 × 400 rectangle.
  const PlotTransform t = painter.transform(QRectF(0, 0, 800, 400));
  EXPECT_NEAR(t.plot().width(), t.plot().height(), 1e-9);
  EXPECT_LT(t.plot().right(), 800 - 100);
  EXPECT_TRUE(painter.keepsAspectRatio());
  const auto* die = grid.find({1, 0});
  ASSERT_TRUE(die);
  const auto hit = painter.hitTest(QRectF(0, 0, 800, 400), t.toPixel(die->centre.x / 1000, die->centre.y / 1000), 3);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->kind, DiesPerWaferPainter::kHitDie);
  EXPECT_EQ(hit->index, grid.lookup.at({1, 0}));
}

}  // namespace
}  // namespace fab::ui::chart

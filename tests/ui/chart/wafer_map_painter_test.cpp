#include "ui/chart/wafer_map_painter.h"

#include <gtest/gtest.h>

#include "tests/ui/chart/pixel_check.h"
#include "ui/chart/chart_export.h"

namespace fab::ui::chart {
namespace {

using test::describe;
using test::sameColour;

// A 100 mm wafer in a 416 × 416 image without margins: the view spans ±52 mm,
// 4 pixels per millimetre, so (x, y) mm → (208 + 4x, 208 − 4y) pixels.
QPoint pixel(double xMm, double yMm) {
  return QPoint(static_cast<int>(208 + 4 * xMm), static_cast<int>(208 - 4 * yMm));
}

std::shared_ptr<WaferMapModel> model() {
  auto m = std::make_shared<WaferMapModel>();
  m->diameterMm = 100;
  m->edgeExclusionMm = 0;
  m->dieWidthMm = 10;
  m->dieHeightMm = 10;
  m->centreDieX = 0;
  m->centreDieY = 0;
  m->legend = false;
  // An asymmetric pattern: a pass die at the centre, a failing bin right of it,
  // another failing bin two dies up (y counts up).
  m->dies = {{0, 0, 1, true, 10}, {1, 0, 3, false, 11}, {0, 2, 7, false, 12}};
  m->defects = {{-20, -20, 5.0, 2, 40}};
  return m;
}

WaferMapPainter pinned(std::shared_ptr<WaferMapModel> m) {
  WaferMapPainter p(std::move(m));
  ChartStyle style;
  style.fixedMargins = QMarginsF(0, 0, 0, 0);
  p.setStyle(style);
  return p;
}

TEST(WaferMapPainter, DiesSitInTheDieFrameWithYUp) {
  const WaferMapPainter painter = pinned(model());
  const QImage image = renderImage(painter, QSize(416, 416));
  const QColor pass = painter.dieColour(model()->dies[0]);
  const QColor bin3 = painter.dieColour(model()->dies[1]);
  const QColor bin7 = painter.dieColour(model()->dies[2]);
  EXPECT_NE(bin3, bin7);
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(0, 0)), pass)) << describe(image.pixelColor(pixel(0, 0)));
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(10, 0)), bin3)) << describe(image.pixelColor(pixel(10, 0)));
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(0, 20)), bin7)) << describe(image.pixelColor(pixel(0, 20)));
  // The mirror images of those positions hold no die: bare wafer.
  const QColor wafer(236, 236, 236);
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(-10, 0)), wafer)) << describe(image.pixelColor(pixel(-10, 0)));
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(0, -20)), wafer));
  // Outside the wafer: background.
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(-49, 49)), Qt::white));
}

TEST(WaferMapPainter, NotchIsCutAtTheBottomOnly) {
  const WaferMapPainter painter = pinned(model());
  const QImage image = renderImage(painter, QSize(416, 416));
  const QColor wafer(236, 236, 236);
  // 1.8 mm notch radius at (0, −50): a point 1 mm inside the edge is cut at the bottom, not at the top.
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(0, -49)), Qt::white)) << describe(image.pixelColor(pixel(0, -49)));
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(0, 48.5)), wafer)) << describe(image.pixelColor(pixel(0, 48.5)));
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(48.5, 0)), wafer));
}

TEST(WaferMapPainter, DefectDotsAreColouredByClass) {
  const WaferMapPainter painter = pinned(model());
  const QImage image = renderImage(painter, QSize(416, 416));
  EXPECT_TRUE(sameColour(image.pixelColor(pixel(-20, -20)), painter.classColour(2)));
  EXPECT_GT(WaferMapPainter::dotRadius(50), WaferMapPainter::dotRadius(1));
  EXPECT_DOUBLE_EQ(WaferMapPainter::dotRadius(std::numeric_limits<double>::quiet_NaN()),
                   WaferMapPainter::kMinDotRadius);
  EXPECT_LE(WaferMapPainter::dotRadius(1e6), 8.0);
}

TEST(WaferMapPainter, HitsDefectsBeforeDies) {
  const WaferMapPainter painter = pinned(model());
  const QRectF rect(0, 0, 416, 416);
  const auto die = painter.hitTest(rect, pixel(12, 3), 6);
  ASSERT_TRUE(die);
  EXPECT_EQ(die->kind, WaferMapPainter::kHitDie);
  EXPECT_EQ(die->index, 1u);
  EXPECT_EQ(die->row, 11);
  const auto defect = painter.hitTest(rect, pixel(-20, -20) + QPoint(2, 1), 6);
  ASSERT_TRUE(defect);
  EXPECT_EQ(defect->kind, WaferMapPainter::kHitDefect);
  EXPECT_EQ(defect->row, 40);
  EXPECT_FALSE(painter.hitTest(rect, pixel(-10, 0), 3));  // no die there
}

TEST(WaferMapPainter, CentresTheGridWhenNoCentreIsGiven) {
  auto m = model();
  m->centreDieX.reset();
  m->centreDieY.reset();
  m->dies = {{1, 1, 1, true, 0}, {4, 1, 1, true, 1}, {1, 3, 1, true, 2}};  // x 1..4, y 1..3
  const WaferMapPainter painter(m);
  EXPECT_EQ(painter.dieCentre(1, 1), QPointF(-15, -10));
  EXPECT_EQ(painter.dieCentre(4, 3), QPointF(15, 10));
}

TEST(WaferMapPainter, PassFailColouringAndEqualAspect) {
  auto m = model();
  m->colouring = WaferMapModel::Colouring::PassFail;
  WaferMapPainter painter(m);
  EXPECT_EQ(painter.dieColour(m->dies[1]), painter.dieColour(m->dies[2]));  // both fail
  EXPECT_NE(painter.dieColour(m->dies[0]), painter.dieColour(m->dies[1]));
  ChartStyle style;
  style.fixedMargins = QMarginsF(0, 0, 0, 0);
  painter.setStyle(style);
  const PlotTransform t = painter.transform(QRectF(0, 0, 800, 400));  // wide area: the map stays round
  EXPECT_DOUBLE_EQ(t.plot().width(), t.plot().height());
  EXPECT_DOUBLE_EQ(t.plot().center().x(), 400);
  EXPECT_TRUE(painter.keepsAspectRatio());
}

}  // namespace
}  // namespace fab::ui::chart

#include "ui/chart/confusion_matrix_painter.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "tests/ui/chart/pixel_check.h"
#include "ui/chart/chart_export.h"

namespace fab::ui::chart {
namespace {

using test::describe;
using test::sameColour;

// 400 × 400 with margins left 100, top 50, right 50, bottom 100: the 250 × 250
// area holds the 3 × 3 grid at x 100…350, y 50…300; cells 250/3 pixels wide.
constexpr double kCell = 250.0 / 3;
/// A point inside cell (row, column), away from its centred count and its borders.
QPoint inCell(int row, int column) {
  return QPoint(static_cast<int>(100 + column * kCell + 12), static_cast<int>(50 + row * kCell + 12));
}

std::shared_ptr<ConfusionMatrixModel> model() {
  auto m = std::make_shared<ConfusionMatrixModel>();
  m->classes = {"center", "donut", "none"};
  m->counts = {{10, 0, 0}, {5, 5, 0}, {0, 2, 8}};
  return m;
}

/// The colour of a row share, computed here from the ramp's definition: white (share 0)
/// to the full colour (share 1), linear in each channel.
QColor expected(double share) {
  const QColor full = ConfusionMatrixPainter::fullColour();
  auto mix = [&](int to) { return static_cast<int>(std::lround(255 + (to - 255) * share)); };
  return {mix(full.red()), mix(full.green()), mix(full.blue())};
}

ConfusionMatrixPainter painter() {
  ConfusionMatrixPainter p(model());
  ChartStyle style;
  style.fixedMargins = QMarginsF(100, 50, 50, 100);
  p.setStyle(style);
  return p;
}

TEST(ConfusionMatrixPainter, CellsAreShadedByTheirShareOfTheRow) {
  const auto p = painter();
  const QImage image = renderImage(p, QSize(400, 400));
  const double shares[3][3] = {{1, 0, 0}, {0.5, 0.5, 0}, {0, 0.2, 0.8}};
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) {
      const QColor got = image.pixelColor(inCell(r, c));
      EXPECT_TRUE(sameColour(got, expected(shares[r][c]), 2))
          << "cell " << r << "," << c << ": " << describe(got) << " expected " << describe(expected(shares[r][c]));
      EXPECT_NEAR(p.rowShare(r, c), shares[r][c], 1e-12);
    }
  // Outside the grid (left of it, in the class-name margin, between the labels) stays background.
  EXPECT_TRUE(sameColour(image.pixelColor(95, 60), Qt::white, 0));
  // Rows are true classes top to bottom, columns predicted left to right.
  const QRectF cell = p.cellRect(QRectF(0, 0, 400, 400), 2, 1);
  EXPECT_NEAR(cell.left(), 100 + kCell, 1e-9);
  EXPECT_NEAR(cell.top(), 50 + 2 * kCell, 1e-9);
  EXPECT_NEAR(cell.width(), kCell, 1e-9);
}

TEST(ConfusionMatrixPainter, CountsAreWrittenInTheCells) {
  const auto p = painter();
  const QImage image = renderImage(p, QSize(400, 400));
  // Some pixels near a cell's centre differ from its fill: the count. White text on the dark diagonal.
  auto textPixels = [&](int row, int column, auto isText) {
    const QPointF centre = p.cellRect(QRectF(0, 0, 400, 400), row, column).center();
    int n = 0;
    for (int dy = -8; dy <= 8; ++dy)
      for (int dx = -14; dx <= 14; ++dx) n += isText(image.pixelColor(int(centre.x()) + dx, int(centre.y()) + dy));
    return n;
  };
  EXPECT_GT(textPixels(0, 0, [](QColor c) { return c.lightness() > 200; }), 5);
  EXPECT_GT(textPixels(2, 1, [](QColor c) { return c.lightness() < 140; }), 5);  // dark text on a light cell
  EXPECT_GT(textPixels(0, 1, [](QColor c) { return c.lightness() < 235; }), 3);  // "0" in light grey
}

TEST(ConfusionMatrixPainter, HitTestNamesTheCell) {
  const auto p = painter();
  const QRectF rect(0, 0, 400, 400);
  const auto hit = p.hitTest(rect, inCell(2, 1), 3);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->kind, ConfusionMatrixPainter::kHitCell);
  EXPECT_EQ(hit->index, 7u);
  EXPECT_EQ(hit->y, 2);
  EXPECT_EQ(hit->x, 1);
  EXPECT_FALSE(p.hitTest(rect, QPointF(60, 60), 3));
}

TEST(ConfusionMatrixPainter, RefusesANonSquareMatrix) {
  auto m = model();
  m->counts[1].pop_back();
  EXPECT_THROW(ConfusionMatrixPainter{m}, Error);
  m = model();
  m->counts.pop_back();
  EXPECT_THROW(ConfusionMatrixPainter{m}, Error);
}

TEST(ConfusionMatrixPainter, AnEmptyRowIsWhite) {
  auto m = model();
  m->counts[1] = {0, 0, 0};
  ConfusionMatrixPainter p(m);
  EXPECT_EQ(p.rowShare(1, 1), 0.0);
  EXPECT_EQ(p.cellColour(1, 0), QColor(255, 255, 255));
  EXPECT_EQ(ConfusionMatrixPainter::shareColour(1.0), ConfusionMatrixPainter::fullColour());
}

}  // namespace
}  // namespace fab::ui::chart

#include "core/wafer/die_grid.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "core/store/dies.h"

namespace fab::wafer {
namespace {

WaferLayout layout(double diameterMm, double dieUm, double edgeMm = 0, double scribeUm = 0) {
  WaferLayout l;
  l.diameterMm = diameterMm;
  l.edgeExclusionMm = edgeMm;
  l.dieWidthUm = l.dieHeightUm = dieUm;
  l.scribeUm = scribeUm;
  return l;
}

// 10 mm wafer, 2 mm dies centred on the wafer: die (i, j) is complete when
// (2|i|+1)² + (2|j|+1)² <= 25, i.e. |i|, |j| <= 1 (9 dies); the ring |i| or
// |j| = 2 touches the disc (16 partial dies); |i| = 3 starts at r = 5 mm.
TEST(DieGrid, SmallWaferByHand) {
  const DieGrid g = buildDieGrid(layout(10, 2000));
  EXPECT_EQ(g.completeCount, 9);
  EXPECT_EQ(g.partialCount, 16);
  EXPECT_EQ(g.dies.size(), 25u);
  EXPECT_EQ(g.stateOf({1, 1}), DieState::Complete);
  EXPECT_EQ(g.stateOf({2, -2}), DieState::Partial);
  EXPECT_EQ(g.stateOf({3, 0}), DieState::OffWafer);
  EXPECT_EQ(countCompleteDies(layout(10, 2000)), 9);
}

/// Independent count, row by row: a row spanning [y0, y1] holds complete dies
/// where |x| + w/2 <= sqrt(r² - max(y0², y1²)).
int rowChordCount(const WaferLayout& l) {
  const double r = l.usableRadiusUm(), px = l.pitchXUm(), py = l.pitchYUm();
  int count = 0;
  for (int j = -1000; j <= 1000; ++j) {
    const double cy = l.gridOffsetYUm + j * py;
    const double y0 = std::abs(cy) + l.dieHeightUm / 2;
    if (y0 > r) continue;
    const double half = std::sqrt(r * r - y0 * y0) - l.dieWidthUm / 2;
    if (half < 0) continue;
    // columns with |gridOffsetX + i·px| <= half
    const int lo = static_cast<int>(std::ceil((-half - l.gridOffsetXUm) / px));
    const int hi = static_cast<int>(std::floor((half - l.gridOffsetXUm) / px));
    if (hi >= lo) count += hi - lo + 1;
  }
  return count;
}

TEST(DieGrid, CompleteCountMatchesRowChords) {
  for (double d : {150.0, 200.0, 300.0})
    for (double die : {3100.0, 7000.0, 10000.0, 23000.0})
      for (double edge : {0.0, 3.0})
        for (double scribe : {0.0, 80.0})
          for (double off : {0.0, 0.5}) {
            WaferLayout l = layout(d, die, edge, scribe);
            l.dieHeightUm = die * 0.7;
            l.gridOffsetXUm = off * l.pitchXUm();
            l.gridOffsetYUm = off * l.pitchYUm() * 0.3;
            EXPECT_EQ(countCompleteDies(l), rowChordCount(l))
                << d << " " << die << " " << edge << " " << scribe << " " << off;
            EXPECT_EQ(buildDieGrid(l).completeCount, rowChordCount(l));
          }
}

TEST(DieGrid, RowsCountingDownNumberTheTopRowFirst) {
  WaferLayout l = layout(10, 2000);
  l.yUp = false;
  l.originDieX = 2;
  l.originDieY = 2;
  const DieGrid g = buildDieGrid(l);
  ASSERT_FALSE(g.dies.empty());
  // The top row of a 5 x 5 grid centred on die (2, 2) is row 0.
  EXPECT_EQ(g.dies.front().index.y, 0);
  EXPECT_EQ(g.dies.back().index.y, 4);
  EXPECT_EQ(g.stateOf({2, 2}), DieState::Complete);
  EXPECT_NEAR(g.find({2, 0})->centre.y, 4000, 1e-9);
}

TEST(DieGrid, BadLayoutsAreRefused) {
  EXPECT_THROW(buildDieGrid(layout(300, 0)), Error);
  EXPECT_THROW(buildDieGrid(layout(300, 5000, 150)), Error);
  EXPECT_THROW(buildDieGrid(layout(10, 20000)), Error);
  EXPECT_THROW(buildDieGrid(layout(-1, 5000)), Error);
}

TEST(DieGrid, LayoutFromProduct) {
  store::Product p;
  p.name = "P1";
  p.dieWidthUm = 5000;
  p.dieHeightUm = 4000;
  p.notch = "Left";
  p.originDieX = 3;
  p.yUp = false;
  const WaferLayout l = layoutFromProduct(p);
  EXPECT_EQ(l.notch, Notch::Left);
  EXPECT_EQ(l.originDieX, 3);
  EXPECT_FALSE(l.yUp);
  p.dieWidthUm = 0;
  EXPECT_THROW(layoutFromProduct(p), Error);
  p.dieWidthUm = 5000;
  p.notch = "sideways";
  EXPECT_THROW(layoutFromProduct(p), Error);
}

// Radius fraction of a die: its cell centre's distance from the wafer centre
// over the radius. 100 mm wafer, pitch 6 × 4 mm (5 + 1, 3 + 1), origin die
// (2, −1): die (5, 3) is 3 columns and 4 rows away, 18 and 16 mm, at any notch
// and row direction.
TEST(DieGrid, RadiusFractionOfADie) {
  WaferLayout l = layout(100, 5000, 3, 1000);
  l.dieHeightUm = 3000;
  l.originDieX = 2;
  l.originDieY = -1;
  const double expected = std::hypot(18.0, 16.0) / 50.0;
  for (Notch notch : {Notch::Down, Notch::Left, Notch::Up, Notch::Right}) {
    l.notch = notch;
    l.yUp = true;
    EXPECT_NEAR(radiusFraction(l, {5, 3}), expected, 1e-12);
    l.yUp = false;
    EXPECT_NEAR(radiusFraction(l, {5, 3}), expected, 1e-12);
  }
  EXPECT_DOUBLE_EQ(radiusFraction(l, {2, -1}), 0.0);  // the origin die sits on the centre
}

}  // namespace
}  // namespace fab::wafer

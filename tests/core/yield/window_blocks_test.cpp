// Block tiling and counting for the window method, checked on a small map
// counted by hand.
#include "core/yield/window_blocks.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"

namespace fab::yield {
namespace {

/// A 4 × 3 map (columns −5..−2, rows 7..9) with die (−2, 9) missing, a
/// non-defect-limited fail at (−5, 9) and a defect fail at (−4, 7):
///
///   row 9:  X  .  .  (missing)      X = excluded bin
///   row 8:  .  .  .  .
///   row 7:  .  F  .  .              F = defect fail
SortWafer handMap(const std::string& name) {
  SortWafer w;
  w.lot = "L1";
  w.wafer = name;
  std::size_t row = 0;
  for (int y = 7; y <= 9; ++y)
    for (int x = -5; x <= -2; ++x) {
      if (x == -2 && y == 9) continue;
      SortDie d;
      d.x = x;
      d.y = y;
      d.pass = true;
      d.row = row++;
      if (x == -5 && y == 9) {
        d.pass = false;
        d.defectLimited = false;
        d.bin = 9;
      }
      if (x == -4 && y == 7) {
        d.pass = false;
        d.bin = 5;
      }
      w.dies.push_back(d);
    }
  return w;
}

void expectCounts(const BlockYield& b, int m, long long blocks, long long good, long long incomplete) {
  EXPECT_EQ(b.m, m);
  EXPECT_EQ(b.blocks, blocks) << "m = " << m;
  EXPECT_EQ(b.good, good) << "m = " << m;
  EXPECT_EQ(b.incomplete, incomplete) << "m = " << m;
}

TEST(WindowBlocksTest, CountsCompleteAndGoodBlocksByHand) {
  const std::vector<SortWafer> wafers{handMap("1")};
  const auto counts = countBlocks(wafers, defaultBlockShapes());
  ASSERT_EQ(counts.size(), 4u);
  // 11 dies, one excluded; one of the 10 complete single-die blocks failed.
  expectCounts(counts[0], 1, 10, 9, 1);
  // 2×1 blocks: row 7 {F, .} bad and {., .} good; row 8 two good; row 9 one
  // holds the excluded die, the other lacks the missing die.
  expectCounts(counts[1], 2, 4, 3, 2);
  // 2×2 blocks: rows 7–8 give one bad and one good block; row 9 alone is incomplete twice.
  expectCounts(counts[2], 4, 2, 1, 2);
  // 3×3: the first block holds the excluded die, the second only column −2.
  expectCounts(counts[3], 9, 0, 0, 2);
  EXPECT_NEAR(counts[0].yield(), 0.9, 1e-15);
  EXPECT_TRUE(std::isnan(counts[3].yield()));
}

TEST(WindowBlocksTest, PoolsWafersAndTilesEachFromItsOwnCorner) {
  // The second wafer is the first shifted by (+1, +1): its own tiling gives the same counts.
  SortWafer shifted = handMap("2");
  for (auto& d : shifted.dies) {
    d.x += 1;
    d.y += 1;
  }
  const std::vector<SortWafer> wafers{handMap("1"), shifted};
  const auto counts = countBlocks(wafers, defaultBlockShapes());
  expectCounts(counts[0], 1, 20, 18, 2);
  expectCounts(counts[1], 2, 8, 6, 4);
  expectCounts(counts[2], 4, 4, 2, 4);
}

TEST(WindowBlocksTest, ShapeOrientationMatters) {
  const std::vector<SortWafer> wafers{handMap("1")};
  const std::vector<BlockShape> tall{{1, 2}};
  // Columns −5..−2 in rows 7–8 are complete; row 9 is alone. Column −4 holds the fail.
  expectCounts(countBlocks(wafers, tall)[0], 2, 4, 3, 3);
}

TEST(WindowBlocksTest, ShapesForBlockSizes) {
  EXPECT_EQ(blockShapeFor(1), (BlockShape{1, 1}));
  EXPECT_EQ(blockShapeFor(2), (BlockShape{2, 1}));
  EXPECT_EQ(blockShapeFor(4), (BlockShape{2, 2}));
  EXPECT_EQ(blockShapeFor(6), (BlockShape{3, 2}));
  EXPECT_EQ(blockShapeFor(9), (BlockShape{3, 3}));
  EXPECT_EQ(blockShapeFor(7), (BlockShape{7, 1}));
  EXPECT_EQ(blockShapeFor(16), (BlockShape{4, 4}));
  EXPECT_THROW(blockShapeFor(0), Error);
}

TEST(WindowBlocksTest, EmptyInputGivesZeroCounts) {
  const std::vector<SortWafer> none;
  const auto counts = countBlocks(none, defaultBlockShapes());
  ASSERT_EQ(counts.size(), 4u);
  for (const auto& c : counts) EXPECT_EQ(c.blocks, 0);
}

TEST(WindowBlocksTest, RefusesDuplicateDiesAndBadShapes) {
  SortWafer w = handMap("3");
  w.dies.push_back(w.dies.front());
  const std::vector<SortWafer> wafers{w};
  try {
    countBlocks(wafers, defaultBlockShapes());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("wafer '3'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("(-5, 7)"), std::string::npos) << e.what();
  }
  const std::vector<BlockShape> bad{{0, 2}};
  EXPECT_THROW(countBlocks(std::vector<SortWafer>{handMap("1")}, bad), Error);
}

}  // namespace
}  // namespace fab::yield

#include "core/ml/map_resampler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "core/common/error.h"
#include "tests/core/ml/round_map.h"

namespace fab::ml {
namespace {

using test::roundMap;

/// An asymmetric test map: a failing block in the upper-left quadrant and one failing die at the right.
DieMap asymmetricMap() {
  return roundMap(13, [](int x, int y) { return (x >= 2 && x <= 4 && y >= 7 && y <= 10) || (x == 11 && y == 6); });
}

void expectSameGrid(const GridMap& a, const GridMap& b, double tolerance) {
  ASSERT_EQ(a.size, b.size);
  ASSERT_EQ(a.values.size(), b.values.size());
  for (std::size_t i = 0; i < a.values.size(); ++i) ASSERT_NEAR(a.values[i], b.values[i], tolerance) << "value " << i;
}

TEST(MapResampler, ShapeAndChannelsSumToOne) {
  for (int size : {4, 17, 32, 64}) {
    const auto g = resampleDieMap(asymmetricMap(), size);
    ASSERT_EQ(g.size, size);
    ASSERT_EQ(g.values.size(), static_cast<std::size_t>(4 * size * size));
    for (int r = 0; r < size; ++r)
      for (int c = 0; c < size; ++c) {
        const double sum = g.at(0, r, c) + g.at(1, r, c) + g.at(2, r, c);
        EXPECT_NEAR(sum, 1.0, 1e-6);
        for (int ch = 0; ch < 4; ++ch) EXPECT_TRUE(g.at(ch, r, c) >= 0 && g.at(ch, r, c) <= 1);
        EXPECT_LE(g.at(kChannelClusteredFail, r, c), g.at(kChannelFail, r, c));
      }
  }
}

// On a 13 × 13 index box: a diagonal line of 5 failing dies (the ends with one
// failing neighbour, the rest with two), a 3 × 4 block, one isolated die at
// (11, 6) and a pair at (6, 1)–(7, 1) (one neighbour each).
bool plantedFail(int x, int y) {
  const bool line = x >= 6 && x <= 10 && y == x + 1;
  const bool block = x >= 1 && x <= 3 && y >= 3 && y <= 6;
  return line || block || (x == 11 && y == 6) || (y == 1 && (x == 6 || x == 7));
}

DieMap plantedFails() {
  DieMap m;
  for (int y = 0; y < 13; ++y)
    for (int x = 0; x < 13; ++x) m.dies.push_back({x, y, !plantedFail(x, y)});
  return m;
}

TEST(MapResampler, ClusteredFailKeepsLinesAndBlocksAndDropsIsolatedFails) {
  // Resampled to 13 × 13 cells each die is one cell (rows counted from the top, y up).
  const auto m = plantedFails();
  const auto g = resampleDieMap(m, 13);
  for (int y = 0; y < 13; ++y)
    for (int x = 0; x < 13; ++x) {
      const int row = 12 - y;
      const bool lineInside = x >= 7 && x <= 9 && y == x + 1;
      const bool kept = lineInside || (x >= 1 && x <= 3 && y >= 3 && y <= 6);
      EXPECT_NEAR(g.at(kChannelFail, row, x), plantedFail(x, y) ? 1.0 : 0.0, 1e-6) << x << "," << y;
      EXPECT_NEAR(g.at(kChannelClusteredFail, row, x), kept ? 1.0 : 0.0, 1e-6) << x << "," << y;
    }
}

TEST(MapResampler, ClusteredFailIsTheSameForWidelySpreadDieIndices) {
  // The planted map with one more passing die far away: its index box is then far larger than its die count, and
  // the neighbours are found in the sorted failing dies instead of a grid. Of the 20 failing dies the 3 inner
  // line dies and the 12 block dies are kept, with and without the far die; the fail area is conserved.
  const auto m = plantedFails();
  auto spread = m;
  spread.dies.push_back({4000, 4000, true});
  for (const auto& map : {m, spread}) {
    const auto g = resampleDieMap(map, 32);
    double fail = 0, clustered = 0;
    for (int r = 0; r < 32; ++r)
      for (int c = 0; c < 32; ++c) fail += g.at(kChannelFail, r, c), clustered += g.at(kChannelClusteredFail, r, c);
    EXPECT_GT(fail, 0);
    EXPECT_NEAR(clustered / fail, 15.0 / 20, 1e-4) << map.dies.size();
  }
}

TEST(MapResampler, ConservesPassAndFailArea) {
  // A 13 × 13 index box mapped onto 32 × 32 cells: each die covers (32/13)² cells of area.
  const auto map = asymmetricMap();
  const auto g = resampleDieMap(map, 32);
  const int fails = static_cast<int>(std::count_if(map.dies.begin(), map.dies.end(), [](auto d) { return !d.pass; }));
  const int passes = static_cast<int>(map.dies.size()) - fails;
  const double dieArea = (32.0 / 13) * (32.0 / 13);
  double pass = 0, fail = 0;
  for (int r = 0; r < 32; ++r)
    for (int c = 0; c < 32; ++c) pass += g.at(1, r, c), fail += g.at(2, r, c);
  EXPECT_NEAR(fail, fails * dieArea, 1e-3);
  EXPECT_NEAR(pass, passes * dieArea, 1e-3);
}

TEST(MapResampler, DiesAlignedWithCellsAreCopiedExactly) {
  // 8 × 8 dies onto 16 × 16 cells: every die is exactly 2 × 2 cells; row 0 is the top (highest y).
  DieMap m;
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 8; ++x) m.dies.push_back({x, y, !(x == 1 && y == 6)});
  const auto g = resampleDieMap(m, 16);
  for (int r = 0; r < 16; ++r)
    for (int c = 0; c < 16; ++c) {
      const bool failing = c / 2 == 1 && 7 - r / 2 == 6;
      EXPECT_EQ(g.at(2, r, c), failing ? 1.0f : 0.0f) << r << "," << c;
      EXPECT_EQ(g.at(1, r, c), failing ? 0.0f : 1.0f);
      EXPECT_EQ(g.at(0, r, c), 0.0f);
    }
}

TEST(MapResampler, IndependentOfIndexOffsetAndPitchScale) {
  const auto base = asymmetricMap();
  auto shifted = base;
  for (auto& d : shifted.dies) d.x -= 40, d.y += 7;
  expectSameGrid(resampleDieMap(base), resampleDieMap(shifted), 0);
  auto withPitch = base;
  withPitch.layout.dieWidth = withPitch.layout.dieHeight = 8370.0;  // µm: same as square dies inferred
  expectSameGrid(resampleDieMap(base), resampleDieMap(withPitch), 1e-6);
}

TEST(MapResampler, SplittingDiesLeavesTheImageUnchanged) {
  // Each die drawn as 3 × 3 dies of the same state: the same wafer at a finer die grid.
  const auto base = asymmetricMap();
  DieMap fine;
  for (const auto& d : base.dies)
    for (int j = 0; j < 3; ++j)
      for (int i = 0; i < 3; ++i) fine.dies.push_back({3 * d.x + i, 3 * d.y + j, d.pass});
  const auto coarse = resampleDieMap(base), split = resampleDieMap(fine);
  // Off-wafer, pass and fail do not depend on the die grid. The clustered-fail channel does, by design: it
  // counts failing neighbours in the die grid, so the isolated failing die at (11, 6) is dropped from it while
  // its 3 × 3 split copy is a cluster and kept; the failing block is kept in both.
  const std::size_t plane = static_cast<std::size_t>(coarse.size) * coarse.size;
  GridMap a = coarse, b = split;
  a.values.resize(3 * plane), b.values.resize(3 * plane);
  expectSameGrid(a, b, 1e-5);
  double coarseClustered = 0, splitClustered = 0, fail = 0;
  for (std::size_t i = 0; i < plane; ++i) {
    coarseClustered += coarse.values[kChannelClusteredFail * plane + i];
    splitClustered += split.values[kChannelClusteredFail * plane + i];
    fail += coarse.values[kChannelFail * plane + i];
  }
  // 12 block dies and 1 isolated die: the coarse map keeps 12/13 of the fail area, the split map all of it.
  EXPECT_NEAR(coarseClustered, fail * 12 / 13, 1e-3);
  EXPECT_NEAR(splitClustered, fail, 1e-3);
}

TEST(MapResampler, KeepsTheWaferRoundWithRectangularDies) {
  // Dies twice as wide as tall: 40 columns × 80 rows of dies make a round wafer.
  DieMap m;
  for (int y = 0; y < 80; ++y)
    for (int x = 0; x < 40; ++x)
      if (std::hypot((x + 0.5) * 2 - 40, (y + 0.5) - 40) <= 40) m.dies.push_back({x, y, true});
  auto given = m;
  given.layout.dieWidth = 2, given.layout.dieHeight = 1;
  const auto inferred = resampleDieMap(m), explicitPitch = resampleDieMap(given);
  expectSameGrid(inferred, explicitPitch, 1e-6);
  // Round: the on-wafer area is symmetric under a quarter turn of the image.
  const int n = inferred.size;
  double asymmetry = 0;
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) asymmetry += std::abs(inferred.at(0, r, c) - inferred.at(0, c, n - 1 - r));
  EXPECT_LT(asymmetry / (n * n), 0.02);
  // A stretched copy with the wrong (square) pitch is not round.
  auto wrong = m;
  wrong.layout.dieWidth = wrong.layout.dieHeight = 1;
  const auto stretched = resampleDieMap(wrong);
  double wrongAsymmetry = 0;
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) wrongAsymmetry += std::abs(stretched.at(0, r, c) - stretched.at(0, c, n - 1 - r));
  EXPECT_GT(wrongAsymmetry / (n * n), 0.2);
}

TEST(MapResampler, TurnsEveryNotchPositionDownAndHonoursRowDirection) {
  const auto base = asymmetricMap();  // notch down, y up
  const auto expected = resampleDieMap(base);
  // The same wafer as a prober would list it with the notch elsewhere: rotate the die indices.
  auto rotated = [&](Notch notch) {
    DieMap m = base;
    m.layout.notch = notch;
    for (auto& d : m.dies) {
      const int x = d.x, y = d.y;
      if (notch == Notch::Up) d.x = -x, d.y = -y;
      if (notch == Notch::Left) d.x = y, d.y = -x;   // a quarter turn clockwise takes the notch (−y side) to −x
      if (notch == Notch::Right) d.x = -y, d.y = x;  // anticlockwise: the notch to +x
    }
    return m;
  };
  for (Notch notch : {Notch::Up, Notch::Left, Notch::Right})
    expectSameGrid(resampleDieMap(rotated(notch)), expected, 1e-6);
  auto rowsDown = base;
  rowsDown.layout.yUp = false;
  for (auto& d : rowsDown.dies) d.y = 100 - d.y;
  expectSameGrid(resampleDieMap(rowsDown), expected, 0);
}

TEST(MapResampler, SingleDieFillsTheGrid) {
  DieMap m;
  m.dies.push_back({5, 5, false});
  const auto g = resampleDieMap(m, 8);
  for (int r = 0; r < 8; ++r)
    for (int c = 0; c < 8; ++c) EXPECT_EQ(g.at(2, r, c), 1.0f);
}

TEST(MapResampler, RefusesBadInput) {
  using ::testing::HasSubstr;
  auto message = [](const DieMap& m, int size) {
    try {
      resampleDieMap(m, size);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  DieMap empty;
  empty.wafer = "W7";
  EXPECT_THAT(message(empty, 32), HasSubstr("wafer 'W7' has no dies"));
  EXPECT_THAT(message(asymmetricMap(), 3), HasSubstr("at least 4"));
  auto twice = asymmetricMap();
  twice.dies.push_back(twice.dies[3]);
  EXPECT_THAT(message(twice, 32), HasSubstr("listed twice"));
  auto half = asymmetricMap();
  half.layout.dieWidth = 2;
  EXPECT_THAT(message(half, 32), HasSubstr("pitch"));
  auto negative = asymmetricMap();
  negative.layout.dieWidth = -2, negative.layout.dieHeight = 1;
  EXPECT_THAT(message(negative, 32), HasSubstr("pitch"));
}

TEST(MapResampler, StacksMapsBackToBack) {
  const auto a = resampleDieMap(asymmetricMap(), 8);
  const std::vector<GridMap> maps{a, a};
  const auto stacked = stackGridMaps(maps);
  ASSERT_EQ(stacked.size(), 2 * a.values.size());
  EXPECT_TRUE(std::equal(a.values.begin(), a.values.end(), stacked.begin() + a.values.size()));
  const std::vector<GridMap> mixed{a, resampleDieMap(asymmetricMap(), 9)};
  EXPECT_THROW(stackGridMaps(mixed), Error);
}

}  // namespace
}  // namespace fab::ml

#include "core/ml/die_map_store.h"

#include <gtest/gtest.h>

#include <vector>

namespace fab::ml {
namespace {

store::WaferDies wafer() {
  store::WaferDies w;
  w.lot = "L7";
  w.wafer = 3;
  w.product = "P";
  w.dies = {{0, 0, 1, true}, {1, 0, 7, false}, {0, 1, 2, false}};
  return w;
}

TEST(DieMapStore, TakesTheLayoutFromTheProductAndPassFromTheStoredFlag) {
  store::Product p;
  p.dieWidthUm = 5000;
  p.dieHeightUm = 7000;
  p.notch = "left";
  p.yUp = false;
  const auto m = dieMapFromStore(wafer(), &p);
  EXPECT_EQ(m.wafer, "L7/3");
  EXPECT_EQ(m.layout.dieWidth, 5000);
  EXPECT_EQ(m.layout.dieHeight, 7000);
  EXPECT_EQ(m.layout.notch, Notch::Left);
  EXPECT_FALSE(m.layout.yUp);
  ASSERT_EQ(m.dies.size(), 3u);
  EXPECT_EQ(m.dies[1].x, 1);
  EXPECT_EQ(m.dies[1].y, 0);
  EXPECT_TRUE(m.dies[0].pass);
  EXPECT_FALSE(m.dies[1].pass);
  EXPECT_FALSE(m.dies[2].pass);
}

TEST(DieMapStore, WithoutAProductThePitchIsLeftToInferAndPassBinsOverrideTheFlag) {
  const std::vector<long long> passBins = {1, 2};
  const auto m = dieMapFromStore(wafer(), nullptr, passBins);
  EXPECT_EQ(m.layout.dieWidth, 0);
  EXPECT_EQ(m.layout.dieHeight, 0);
  EXPECT_EQ(m.layout.notch, Notch::Down);
  EXPECT_TRUE(m.layout.yUp);
  EXPECT_TRUE(m.dies[0].pass);
  EXPECT_FALSE(m.dies[1].pass);
  EXPECT_TRUE(m.dies[2].pass);  // bin 2 passes by the given bins, though stored as failing
}

TEST(DieMapStore, AProductWithoutDieSizeLeavesThePitchUnknown) {
  store::Product p;  // die size 0 × 0
  const auto m = dieMapFromStore(wafer(), &p);
  EXPECT_EQ(m.layout.dieWidth, 0);
  EXPECT_EQ(m.layout.dieHeight, 0);
}

}  // namespace
}  // namespace fab::ml

#include "core/ml/die_map_store.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/common/error.h"

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

TEST(DieMapStore, FindsAStoredWaferOrNamesWhatExists) {
  std::vector<StoredWaferMap> maps(3);
  maps[0].dies = wafer();
  maps[1].dies = wafer();
  maps[1].dies.wafer = 5;
  maps[2].dies = wafer();
  maps[2].dies.lot = "L9";
  EXPECT_EQ(findStoredWafer(maps, "L7", 5), 1u);
  EXPECT_EQ(findStoredWafer(maps, "L9", 3), 2u);
  try {
    findStoredWafer(maps, "L8", 3);
    ADD_FAILURE() << "an unknown lot was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("lot 'L8' has no die map in the workspace; lots with die maps: L7, L9"),
              std::string::npos)
        << e.what();
  }
  try {
    findStoredWafer(maps, "L7", 4);
    ADD_FAILURE() << "an unknown wafer was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("lot 'L7' has no wafer 4 with dies; its wafers: 3, 5"), std::string::npos)
        << e.what();
  }
}

TEST(DieMapStore, YieldIsPassingDiesOverDies) {
  const auto m = dieMapFromStore(wafer(), nullptr);
  EXPECT_DOUBLE_EQ(mapYield(m), 1.0 / 3.0);  // one of the three dies passes
  EXPECT_EQ(mapYield(DieMap{}), 0.0);
}

}  // namespace
}  // namespace fab::ml

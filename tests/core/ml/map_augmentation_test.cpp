#include "core/ml/map_augmentation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "core/ml/real_map_calibration.h"

namespace fab::ml {
namespace {

DieMap square(int n, int failEvery) {
  DieMap m;
  m.wafer = "w";
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) m.dies.push_back({x, y, (y * n + x) % failEvery != 0});
  return m;
}

TEST(MapAugmentation, OnlyAddsFailsAndKeepsTheDies) {
  const auto map = square(40, 7);
  MapAugmentation a;
  a.maxExtraFailRate = 0.2;
  a.aspectJitter = 0;
  Rng rng(3);
  std::size_t added = 0;
  for (int k = 0; k < 20; ++k) {
    const auto v = augmentMap(map, a, rng);
    ASSERT_EQ(v.dies.size(), map.dies.size());
    for (std::size_t i = 0; i < map.dies.size(); ++i) {
      EXPECT_EQ(v.dies[i].x, map.dies[i].x);
      if (!map.dies[i].pass) EXPECT_FALSE(v.dies[i].pass);  // a failing die stays failing
      added += map.dies[i].pass && !v.dies[i].pass;
    }
  }
  // Extra fail rate U(0, 0.2): on average 0.1 of the 1,371 good dies, over 20 copies ≈ 2,742.
  EXPECT_NEAR(static_cast<double>(added), 0.1 * 1371 * 20, 0.3 * 0.1 * 1371 * 20);
}

TEST(MapAugmentation, StretchesTheInferredPitch) {
  auto map = square(10, 3);
  map.dies.erase(map.dies.begin(), map.dies.begin() + 10);  // 10 columns, 9 rows
  MapAugmentation a;
  a.maxExtraFailRate = 0;
  a.aspectJitter = 0.1;
  Rng rng(1);
  const auto v = augmentMap(map, a, rng);
  // Inferred: width/height = rows/columns = 9/10, before the jitter of the height.
  EXPECT_DOUBLE_EQ(v.layout.dieWidth, 9.0);
  EXPECT_GE(v.layout.dieHeight, 10.0 * 0.9);
  EXPECT_LE(v.layout.dieHeight, 10.0 * 1.1);
  a.aspectJitter = 0.6;
  EXPECT_THROW(a.validate(), Error);
}

TEST(RealMapCalibration, MeasuresDieCountsAspectsAndNoneBackground) {
  // Five "none" maps of 10×10 dies with 0, 1, 2, 3, 4 failing dies (0–4 %), one center map 20 × 10.
  std::vector<RecordedWaferMap> maps;
  for (int k = 0; k < 5; ++k) {
    RecordedWaferMap r;
    r.label = WaferPattern::None;
    for (int y = 0; y < 10; ++y)
      for (int x = 0; x < 10; ++x) r.map.dies.push_back({x, y, y * 10 + x >= k});
    maps.push_back(r);
  }
  RecordedWaferMap c;
  c.label = WaferPattern::Center;
  for (int y = 0; y < 10; ++y)
    for (int x = 0; x < 20; ++x) c.map.dies.push_back({x, y, true});
  maps.push_back(c);
  const auto p = measureRealMaps(maps);
  EXPECT_EQ(p.maps, 6);
  EXPECT_EQ(p.noneMaps, 5);
  // Type-7 quantiles of {0, 1, 2, 3, 4} %: 5 % → 0.2 %, 95 % → 3.8 %.
  EXPECT_NEAR(p.backgroundLow, 0.002, 1e-12);
  EXPECT_NEAR(p.backgroundHigh, 0.038, 1e-12);
  // Columns {10 ×5, 20}: 5 % → 10, 95 % → 17.5; aspect columns/rows {1 ×5, 2}: 1 and 1.75.
  EXPECT_NEAR(p.diesAcrossLow, 10, 1e-12);
  EXPECT_NEAR(p.diesAcrossHigh, 17.5, 1e-12);
  EXPECT_NEAR(p.aspectHigh, 1.75, 1e-12);
  const auto s = calibratedSettings(p);
  EXPECT_TRUE(s.background.contains(0.03));
  EXPECT_FALSE(s.background.contains(0.05));
  EXPECT_TRUE(s.diesAcross.contains(15));
  // Only the maps named count.
  EXPECT_THROW(measureRealMaps(maps, {5}), Error);  // no "none" map among them
}

TEST(RealMapCalibration, CentresLocalBlobsWhereTheRealLocalClustersAre) {
  // Two "none" maps, and two "local" maps of 21 × 21 dies (centre (10, 10), R = √200, the corner's distance)
  // with a 3 × 3 fail block centred at (10, 10) and at (10, 17): cluster centre radii 0 and 7/√200.
  std::vector<RecordedWaferMap> maps;
  auto square21 = [](WaferPattern label, int blockX, int blockY) {
    RecordedWaferMap r;
    r.label = label;
    for (int y = 0; y < 21; ++y)
      for (int x = 0; x < 21; ++x) r.map.dies.push_back({x, y, std::abs(x - blockX) > 1 || std::abs(y - blockY) > 1});
    return r;
  };
  maps.push_back(square21(WaferPattern::None, -5, -5));
  maps.push_back(square21(WaferPattern::None, -5, -5));
  maps.push_back(square21(WaferPattern::Local, 10, 10));
  const auto one = measureRealMaps(maps);
  EXPECT_EQ(one.localMaps, 1);
  EXPECT_FALSE(calibratedSettings(one).local.mayReachEdge);  // one local map: the training() placement stays
  EXPECT_DOUBLE_EQ(calibratedSettings(one).local.centreHigh, GeneratorSettings::training().local.centreHigh);
  maps.push_back(square21(WaferPattern::Local, 10, 17));
  const auto p = measureRealMaps(maps);
  EXPECT_EQ(p.localMaps, 2);
  const double far = 7 / std::sqrt(200.0);  // type-7 quantiles of {0, far}: 0.05·far and 0.95·far
  EXPECT_NEAR(p.localCentreLow, 0.05 * far, 1e-6);
  EXPECT_NEAR(p.localCentreHigh, 0.95 * far, 1e-6);
  const auto s = calibratedSettings(p);
  EXPECT_TRUE(s.local.mayReachEdge);
  EXPECT_NEAR(s.local.centreLow, 0.05 * far, 1e-6);
  EXPECT_NEAR(s.local.centreHigh, 0.95 * far, 1e-6);
  // Both clusters hold 9 of the 441 dies: the area range is that share.
  EXPECT_NEAR(s.local.areaLow, 9.0 / 441, 1e-6);
  EXPECT_NEAR(s.local.areaHigh, 9.0 / 441, 1e-6);
}

}  // namespace
}  // namespace fab::ml

#include "core/defect/kill_ratio.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/beta.hpp>
#include <cmath>

#include "core/common/error.h"

namespace fab::defect {
namespace {

// 10 dies with defects, 4 pass; 90 clean dies, 81 pass: Yd 0.4, Yc 0.9, KR 1 − 0.4/0.9.
TEST(KillRatio, CountsAndClopperPearson) {
  const auto k = killRatio("all", 10, 4, 90, 81, 0.95);
  EXPECT_DOUBLE_EQ(k.yd, 0.4);
  EXPECT_DOUBLE_EQ(k.yc, 0.9);
  EXPECT_NEAR(k.kr, 1 - 0.4 / 0.9, 1e-15);
  // Clopper–Pearson bounds are beta quantiles: lower B(α/2; k, n−k+1), upper B(1−α/2; k+1, n−k),
  // here at α = 0.025 (each proportion at 97.5 %).
  const double a = 0.025;
  EXPECT_NEAR(k.ydLow, boost::math::quantile(boost::math::beta_distribution<>(4, 7), a / 2), 1e-9);
  EXPECT_NEAR(k.ydHigh, boost::math::quantile(boost::math::beta_distribution<>(5, 6), 1 - a / 2), 1e-9);
  EXPECT_NEAR(k.ycLow, boost::math::quantile(boost::math::beta_distribution<>(81, 10), a / 2), 1e-9);
  EXPECT_NEAR(k.krLow, 1 - k.ydHigh / k.ycLow, 1e-15);
  EXPECT_NEAR(k.krHigh, 1 - k.ydLow / k.ycHigh, 1e-15);
  EXPECT_LT(k.krLow, k.kr);
  EXPECT_GT(k.krHigh, k.kr);
}

TEST(KillRatio, UndefinedCasesCarryANote) {
  const auto none = killRatio("x", 0, 0, 50, 45, 0.95);
  EXPECT_TRUE(std::isnan(none.kr));
  EXPECT_FALSE(none.note.empty());
  const auto noCleanPass = killRatio("x", 5, 0, 50, 0, 0.95);
  EXPECT_TRUE(std::isnan(noCleanPass.kr));
  EXPECT_FALSE(noCleanPass.note.empty());
  const auto allKilled = killRatio("x", 5, 0, 50, 50, 0.95);
  EXPECT_DOUBLE_EQ(allKilled.kr, 1.0);
  EXPECT_DOUBLE_EQ(allKilled.krHigh, 1.0);
}

TEST(KillRatio, OverlayBinsAndClasses) {
  // Wafer 0: a 4 x 4 map. Dies (0,0),(1,0) have a large class-1 defect and fail;
  // (2,0) has a small class-2 defect and passes; (3,0) has both and fails;
  // (0,1) fails clean; (3,3) is outside the test plan with a defect.
  std::vector<KillDie> dies;
  for (int x = 0; x < 4; ++x)
    for (int y = 0; y < 4; ++y) dies.push_back({0, {x, y}, true, true});
  auto die = [&](int x, int y) -> KillDie& {
    for (auto& d : dies)
      if (d.index.x == x && d.index.y == y) return d;
    throw Error("no die");
  };
  die(0, 0).pass = die(1, 0).pass = die(3, 0).pass = die(0, 1).pass = false;
  die(3, 3).inspected = false;
  const std::vector<KillDefect> defects = {{0, {0, 0}, 3.0, 1}, {0, {1, 0}, 2.5, 1},  {0, {2, 0}, 0.15, 2},
                                           {0, {3, 0}, 3.0, 1}, {0, {3, 0}, 0.15, 2}, {0, {3, 3}, 1, 1},
                                           {0, {9, 9}, 1, 1},   {1, {0, 0}, 1, 1}};
  KillRatioOptions o;
  o.sizeEdges = {0.1, 0.2, 1, 5};
  const auto t = killRatios(dies, defects, o);
  EXPECT_EQ(t.overall.defectiveDies, 4u);
  EXPECT_EQ(t.overall.defectivePass, 1u);
  EXPECT_EQ(t.overall.cleanDies, 11u);  // 15 inspected − 4 defective
  EXPECT_EQ(t.overall.cleanPass, 10u);
  EXPECT_EQ(t.defectsOffMap, 2u);
  EXPECT_EQ(t.defectsUninspected, 1u);
  ASSERT_EQ(t.bySize.size(), 5u);
  EXPECT_EQ(t.bySize[1].group, "0.1–0.2 µm");
  EXPECT_EQ(t.bySize[1].defectiveDies, 1u);  // die (2,0)
  EXPECT_DOUBLE_EQ(t.bySize[1].kr, 1 - 1.0 / (10.0 / 11.0));
  EXPECT_EQ(t.bySize[3].defectiveDies, 2u);  // dies (0,0), (1,0) in [1, 5)
  EXPECT_DOUBLE_EQ(t.bySize[3].kr, 1.0);
  EXPECT_EQ(t.mixedSizeDies, 1u);
  ASSERT_EQ(t.byClass.size(), 2u);
  EXPECT_EQ(t.byClass[0].group, "class 1");
  EXPECT_EQ(t.byClass[0].defectiveDies, 2u);
  EXPECT_EQ(t.byClass[1].defectiveDies, 1u);
  EXPECT_EQ(t.mixedClassDies, 1u);
  EXPECT_FALSE(t.notes.empty());
}

TEST(KillRatio, BadInput) {
  KillRatioOptions o;
  o.sizeEdges = {1, 0.5};
  EXPECT_THROW(killRatios(std::vector<KillDie>{{0, {0, 0}, true, true}}, {}, o), Error);
  EXPECT_THROW(killRatios({}, {}, {}), Error);
  o.sizeEdges = {};
  o.confidence = 1;
  EXPECT_THROW(killRatios(std::vector<KillDie>{{0, {0, 0}, true, true}}, {}, o), Error);
}

}  // namespace
}  // namespace fab::defect

// Yield-loss Pareto by bin and by zone on a small hand-counted set.
#include "core/yield/yield_pareto.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"

namespace fab::yield {
namespace {

SortDie die(bool pass, int bin, double r) {
  SortDie d;
  d.pass = pass;
  d.bin = bin;
  d.radiusFraction = r;
  return d;
}

/// 20 dies: center (r < 0.5) 6 dies, 1 fail (bin 5); middle 6 dies, 2 fails
/// (bins 5, 7); edge 8 dies, 5 fails (bins 7, 7, 7, 9, 5).
std::vector<SortWafer> sample() {
  SortWafer w;
  w.wafer = "1";
  for (int i = 0; i < 5; ++i) w.dies.push_back(die(true, 1, 0.1 * i));
  w.dies.push_back(die(false, 5, 0.2));
  for (int i = 0; i < 4; ++i) w.dies.push_back(die(true, 1, 0.6));
  w.dies.push_back(die(false, 5, 0.5));  // on the edge of two zones: belongs to the outer
  w.dies.push_back(die(false, 7, 0.79));
  for (int i = 0; i < 3; ++i) w.dies.push_back(die(true, 1, 0.9));
  for (int i = 0; i < 3; ++i) w.dies.push_back(die(false, 7, 0.95));
  w.dies.push_back(die(false, 9, 1.0));
  w.dies.push_back(die(false, 5, 0.85));
  for (std::size_t i = 0; i < w.dies.size(); ++i) w.dies[i].row = i;
  return {w};
}

TEST(YieldParetoTest, ByBinLargestFirstWithCumulativeShare) {
  const auto p = yieldPareto(sample(), {0.5, 0.8});
  EXPECT_EQ(p.dies, 20);
  EXPECT_EQ(p.failed, 8);
  EXPECT_NEAR(p.yield, 0.6, 1e-15);
  ASSERT_EQ(p.byBin.size(), 3u);
  // Bin 7: 4 dies, bin 5: 3, bin 9: 1 of 8 failed.
  EXPECT_EQ(p.byBin[0].bin, 7);
  EXPECT_EQ(p.byBin[0].dies, 4);
  EXPECT_EQ(p.byBin[1].bin, 5);
  EXPECT_EQ(p.byBin[2].bin, 9);
  EXPECT_NEAR(p.byBin[0].shareOfLoss, 0.5, 1e-15);
  EXPECT_NEAR(p.byBin[1].cumulativeShare, 7.0 / 8.0, 1e-15);
  EXPECT_NEAR(p.byBin[2].cumulativeShare, 1.0, 1e-15);
  EXPECT_NEAR(p.byBin[1].fractionOfDies, 3.0 / 20.0, 1e-15);
}

TEST(YieldParetoTest, ByZoneOrderedByLoss) {
  const auto p = yieldPareto(sample(), {0.5, 0.8});
  ASSERT_EQ(p.byZone.size(), 3u);
  EXPECT_EQ(p.byZone[0].zone, Zone::Edge);
  EXPECT_EQ(p.byZone[0].dies, 8);
  EXPECT_EQ(p.byZone[0].failed, 5);
  EXPECT_NEAR(p.byZone[0].yield, 3.0 / 8.0, 1e-15);
  EXPECT_EQ(p.byZone[1].zone, Zone::Middle);
  EXPECT_EQ(p.byZone[1].dies, 6);
  EXPECT_EQ(p.byZone[1].failed, 2);
  EXPECT_EQ(p.byZone[2].zone, Zone::Center);
  EXPECT_EQ(p.byZone[2].dies, 6);
  EXPECT_NEAR(p.byZone[2].cumulativeShare, 1.0, 1e-15);
  EXPECT_NEAR(p.byZone[0].shareOfLoss, 5.0 / 8.0, 1e-15);
  ASSERT_EQ(p.byZone[0].bins.size(), 3u);
  EXPECT_EQ(p.byZone[0].bins[0].bin, 7);
  EXPECT_EQ(p.byZone[0].bins[0].dies, 3);
  EXPECT_STREQ(zoneName(p.byZone[0].zone), "edge");
}

TEST(YieldParetoTest, DefaultZonesHaveEqualArea) {
  const ParetoOptions o;
  EXPECT_NEAR(o.centerEdge * o.centerEdge, 1.0 / 3.0, 1e-15);
  EXPECT_NEAR(o.middleEdge * o.middleEdge - o.centerEdge * o.centerEdge, 1.0 / 3.0, 1e-15);
}

TEST(YieldParetoTest, DiesWithoutRadiusSkipTheZones) {
  auto wafers = sample();
  wafers[0].dies[0].radiusFraction = std::nan("");
  const auto p = yieldPareto(wafers, {0.5, 0.8});
  EXPECT_EQ(p.diesWithoutRadius, 1);
  EXPECT_EQ(p.dies, 20);
  ASSERT_EQ(p.warnings.size(), 1u);
  for (auto& d : wafers[0].dies) d.radiusFraction = std::nan("");
  const auto none = yieldPareto(wafers);
  EXPECT_TRUE(none.byZone.empty());
  EXPECT_EQ(none.byBin.size(), 3u);
}

TEST(YieldParetoTest, EmptyAndAllPassing) {
  const auto empty = yieldPareto(std::vector<SortWafer>{});
  EXPECT_EQ(empty.dies, 0);
  EXPECT_TRUE(std::isnan(empty.yield));
  EXPECT_TRUE(empty.byBin.empty());
  SortWafer w;
  w.dies = {die(true, 1, 0.1), die(true, 1, 0.9)};
  const auto good = yieldPareto(std::vector<SortWafer>{w});
  EXPECT_EQ(good.yield, 1.0);
  EXPECT_TRUE(good.byBin.empty());
  for (const auto& z : good.byZone) EXPECT_EQ(z.shareOfLoss, 0.0);
}

TEST(YieldParetoTest, RefusesBadZonesAndRadii) {
  EXPECT_THROW(yieldPareto(sample(), {0.8, 0.5}), Error);
  EXPECT_THROW(yieldPareto(sample(), {0.0, 0.5}), Error);
  auto wafers = sample();
  wafers[0].dies[3].radiusFraction = -0.1;
  EXPECT_THROW(yieldPareto(wafers), Error);
}

}  // namespace
}  // namespace fab::yield

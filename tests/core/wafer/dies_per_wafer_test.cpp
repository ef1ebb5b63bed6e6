#include "core/wafer/dies_per_wafer.h"

#include <gtest/gtest.h>

#include "core/common/error.h"

namespace fab::wafer {
namespace {

// Reference (tests/reference/README.md, Flynn, Computer Architecture p. 89):
// 21 cm wafer: A = 2.3 cm² → 130 dies (Flynn), 119.8 (classic); A = 1 cm² →
// 314 (Flynn), 299.7 (classic).
TEST(DiesPerWafer, FlynnWorkedExamples) {
  EXPECT_NEAR(flynnDiesPerWafer(210, 230), 130, 0.5);
  EXPECT_NEAR(flynnDiesPerWafer(210, 100), 314, 0.5);
  EXPECT_NEAR(classicDiesPerWafer(210, 230), 119.8, 0.05);
  EXPECT_NEAR(classicDiesPerWafer(210, 100), 299.7, 0.05);
}

TEST(DiesPerWafer, LayoutUsesUsableDiameterAndPitchArea) {
  WaferLayout l;
  l.diameterMm = 216;
  l.edgeExclusionMm = 3;  // usable 210 mm
  l.dieWidthUm = 9900;
  l.dieHeightUm = 9900;
  l.scribeUm = 100;  // pitch 10 mm: S = 100 mm²
  const DiesPerWafer d = diesPerWafer(l);
  EXPECT_DOUBLE_EQ(d.usableDiameterMm, 210);
  EXPECT_NEAR(d.dieAreaMm2, 100, 1e-9);
  EXPECT_NEAR(d.flynnEstimate, 314, 0.5);
  EXPECT_NEAR(d.classicEstimate, 299.7, 0.05);
  ASSERT_EQ(d.placements.size(), 4u);
  int best = 0;
  for (const auto& p : d.placements) best = std::max(best, p.complete);
  EXPECT_EQ(d.exact, best);
}

// 10 mm wafer, 2 mm dies: centred 9 complete dies (see die_grid_test); with
// the grid corner on the centre, die (i, j) spans [2i, 2i+2] and is complete
// when the far corner is within 5 mm: i, j in {-2..1} minus the four corners
// (4² + 4² > 25): 12 dies. Edge centred: columns {-2..1} x rows {-1..1} with
// far corners (4, 3) → 25 <= 25: 12 dies.
TEST(DiesPerWafer, PlacementsByHand) {
  WaferLayout l;
  l.diameterMm = 10;
  l.edgeExclusionMm = 0;
  l.dieWidthUm = l.dieHeightUm = 2000;
  const DiesPerWafer d = diesPerWafer(l);
  EXPECT_EQ(d.placements[0].complete, 9);
  EXPECT_EQ(d.placements[1].complete, 12);
  EXPECT_EQ(d.placements[2].complete, 12);
  EXPECT_EQ(d.placements[3].complete, 12);
  EXPECT_EQ(d.exact, 12);
  EXPECT_EQ(d.bestPlacement, "column edge centred");
}

TEST(DiesPerWafer, DegenerateInputs) {
  EXPECT_THROW(classicDiesPerWafer(0, 100), Error);
  EXPECT_THROW(flynnDiesPerWafer(200, 0), Error);
  EXPECT_DOUBLE_EQ(flynnDiesPerWafer(10, 400), 0);  // a die wider than the wafer
}

}  // namespace
}  // namespace fab::wafer

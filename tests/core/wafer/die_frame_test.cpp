#include "core/wafer/die_frame.h"

#include <gtest/gtest.h>

#include <random>

#include "core/common/error.h"

namespace fab::wafer {
namespace {

TEST(DieFrame, ViewsPutTheNotchWhereTheyDrawIt) {
  const WaferPoint notch{0, -150000};  // the wafer frame's notch, at the bottom
  const struct {
    Notch n;
    double x, y;
  } cases[] = {{Notch::Down, 0, -150000}, {Notch::Right, 150000, 0}, {Notch::Up, 0, 150000}, {Notch::Left, -150000, 0}};
  for (const auto& c : cases) {
    const WaferPoint v = toView(c.n, notch);
    EXPECT_DOUBLE_EQ(v.x, c.x) << notchName(c.n);
    EXPECT_DOUBLE_EQ(v.y, c.y) << notchName(c.n);
    const WaferPoint back = fromView(c.n, v);
    EXPECT_DOUBLE_EQ(back.x, notch.x);
    EXPECT_DOUBLE_EQ(back.y, notch.y);
  }
}

TEST(DieFrame, LocateAndPositionAreInverse) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-140000, 140000);
  for (Notch n : {Notch::Down, Notch::Right, Notch::Up, Notch::Left}) {
    for (bool yUp : {true, false}) {
      DieFrame f{n, yUp, 7300, 5100, 1234, -987};
      for (int k = 0; k < 200; ++k) {
        const WaferPoint p{u(rng), u(rng)};
        const DieLocation loc = locate(f, p);
        EXPECT_GE(loc.offsetXUm, 0);
        EXPECT_LT(loc.offsetXUm, f.pitchXUm);
        EXPECT_GE(loc.offsetYUm, 0);
        EXPECT_LT(loc.offsetYUm, f.pitchYUm);
        const WaferPoint q = waferPosition(f, loc);
        EXPECT_NEAR(q.x, p.x, 1e-6);
        EXPECT_NEAR(q.y, p.y, 1e-6);
      }
    }
  }
}

TEST(DieFrame, ProductFrameCentresTheOriginDie) {
  WaferLayout layout;
  layout.dieWidthUm = 9000;
  layout.dieHeightUm = 7000;
  layout.scribeUm = 100;
  layout.originDieX = 12;
  layout.originDieY = 3;
  layout.yUp = false;
  const DieFrame f = productDieFrame(layout);
  const WaferPoint c = dieCentre(f, {12, 3});
  EXPECT_NEAR(c.x, 0, 1e-9);
  EXPECT_NEAR(c.y, 0, 1e-9);
  // Rows count down: row 4 lies one pitch below the origin die.
  const WaferPoint below = dieCentre(f, {12, 4});
  EXPECT_NEAR(below.y, -7100, 1e-9);
  const WaferPoint right = dieCentre(f, {13, 3});
  EXPECT_NEAR(right.x, 9100, 1e-9);
}

// A sort map drawn with the notch up, counting rows down, where the product's
// die (0, 0) is the map's (5, 5): turning the wafer half a turn mirrors both
// axes, so product die (i, j) is the map's (5 - i, 5 + j) (worked by hand).
TEST(DieFrame, RenumberedSortMapByHand) {
  WaferLayout layout;
  layout.dieWidthUm = layout.dieHeightUm = 10000;
  const DieFrame product = productDieFrame(layout);
  const DieFrame map = renumberedFrame(product, Notch::Up, false, {0, 0}, {5, 5});
  for (int i = -4; i <= 4; ++i)
    for (int j = -4; j <= 4; ++j) {
      EXPECT_EQ(convertDie(product, map, {i, j}), (DieIndex{5 - i, 5 + j}));
      EXPECT_EQ(convertDie(map, product, {5 - i, 5 + j}), (DieIndex{i, j}));
    }
}

// Notch left (a quarter turn clockwise from the wafer frame): product die
// (i, j) of a square grid centred on the wafer appears at view (j, -i).
TEST(DieFrame, RenumberedQuarterTurnByHand) {
  WaferLayout layout;
  layout.dieWidthUm = 8000;
  layout.dieHeightUm = 5000;
  const DieFrame product = productDieFrame(layout);
  const DieFrame left = renumberedFrame(product, Notch::Left, true, {0, 0}, {0, 0});
  EXPECT_DOUBLE_EQ(left.pitchXUm, 5000);  // the die lies on its side in that view
  EXPECT_DOUBLE_EQ(left.pitchYUm, 8000);
  for (int i = -3; i <= 3; ++i)
    for (int j = -3; j <= 3; ++j) EXPECT_EQ(convertDie(product, left, {i, j}), (DieIndex{j, -i}));
}

// A product with origin die (2, 1), rows counting up, its origin die's cell
// 5 mm right of the wafer centre (grid offset), numbered by a sort map drawn
// with the notch up, rows counting down and the product's origin die as the
// map's (7, 3): half a turn mirrors x, counting down mirrors y back, so product
// die (2 + a, 1 + b) is map die (7 − a, 3 + b) (worked by hand).
TEST(DieFrame, NumberedFrameOfASortMapByHand) {
  WaferLayout layout;
  layout.dieWidthUm = 10000;
  layout.dieHeightUm = 8000;
  layout.originDieX = 2;
  layout.originDieY = 1;
  layout.gridOffsetXUm = 5000;
  const DieFrame product = productDieFrame(layout);
  const WaferPoint origin = dieCentre(product, {2, 1});
  EXPECT_NEAR(origin.x, 5000, 1e-9);
  EXPECT_NEAR(origin.y, 0, 1e-9);
  const DieFrame map = numberedFrame(layout, {Notch::Up, false, DieIndex{7, 3}});
  for (int a = -3; a <= 3; ++a)
    for (int b = -3; b <= 3; ++b) EXPECT_EQ(convertDie(map, product, {7 - a, 3 + b}), (DieIndex{2 + a, 1 + b}));
  // Unset fields are the product's own: the identity.
  const DieFrame same = numberedFrame(layout, {});
  EXPECT_TRUE(DieNumbering{}.isProducts());
  for (int a = -3; a <= 3; ++a) EXPECT_EQ(convertDie(same, product, {a, -a}), (DieIndex{a, -a}));
  // Only the reference die given: a plain index shift.
  const DieFrame shifted = numberedFrame(layout, {std::nullopt, std::nullopt, DieIndex{0, 0}});
  EXPECT_EQ(convertDie(shifted, product, {0, 0}), (DieIndex{2, 1}));
  EXPECT_EQ(convertDie(shifted, product, {-1, 4}), (DieIndex{1, 5}));
}

TEST(DieFrame, KlarfPlacementByHand) {
  // Die (0, 0)'s reference point is 5500 µm left of and below the wafer centre.
  KlarfPlacement k{Notch::Down, 1000, 1000, 0, 0, 5500, 5500};
  const WaferPoint p = klarfToWafer(k, {{5, 5}, 500, 500});
  EXPECT_NEAR(p.x, 0, 1e-9);
  EXPECT_NEAR(p.y, 0, 1e-9);
  const WaferPoint q = klarfToWafer(k, {{0, 0}, 0, 0});
  EXPECT_NEAR(q.x, -5500, 1e-9);
  EXPECT_NEAR(q.y, -5500, 1e-9);
  // With the notch on the left, the KLARF view is the wafer frame turned a
  // quarter clockwise: view (-5500, -5500) is wafer (5500, -5500).
  k.notch = Notch::Left;
  const WaferPoint r = klarfToWafer(k, {{0, 0}, 0, 0});
  EXPECT_NEAR(r.x, 5500, 1e-9);
  EXPECT_NEAR(r.y, -5500, 1e-9);
}

TEST(DieFrame, KlarfFrameAgreesWithKlarfPositions) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(-100000, 100000);
  for (Notch n : {Notch::Down, Notch::Right, Notch::Up, Notch::Left}) {
    const KlarfPlacement k{n, 6100, 4300, 120, 80, 151234, 148765};
    const DieFrame f = klarfDieFrame(k);
    for (int i = 0; i < 200; ++i) {
      const WaferPoint p{u(rng), u(rng)};
      const KlarfLocation kl = waferToKlarf(k, p);
      const DieLocation dl = locate(f, p);
      EXPECT_EQ(kl.die, dl.die);
      EXPECT_NEAR(dl.offsetXUm, kl.xRelUm + k.dieOriginXUm, 1e-6);
      EXPECT_NEAR(dl.offsetYUm, kl.yRelUm + k.dieOriginYUm, 1e-6);
      const WaferPoint back = klarfToWafer(k, kl);
      EXPECT_NEAR(back.x, p.x, 1e-6);
      EXPECT_NEAR(back.y, p.y, 1e-6);
    }
  }
}

TEST(DieFrame, ZeroPitchIsRefused) {
  EXPECT_THROW(locate(DieFrame{}, {0, 0}), Error);
  EXPECT_THROW(klarfDieFrame(KlarfPlacement{}), Error);
}

}  // namespace
}  // namespace fab::wafer

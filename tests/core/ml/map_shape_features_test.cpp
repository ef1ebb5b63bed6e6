#include "core/ml/map_shape_features.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

#include "core/common/error.h"
#include "core/ml/wm811k_maps.h"
#include "tests/core/ml/round_map.h"

namespace fab::ml {
namespace {

using ::testing::HasSubstr;
using Features = std::array<float, kShapeFeatureCount>;

using test::roundMap;

/// R of the spec: the largest distance of a die from the box centre (= c for roundMap).
double radiusOf(const DieMap& m, double c) {
  double r = 0;
  for (const auto& d : m.dies) r = std::max(r, std::hypot(d.x - c, d.y - c));
  return r;
}

void expectFeatures(const Features& f, const std::vector<std::pair<int, double>>& expected, double tolerance) {
  for (const auto& [k, value] : expected) EXPECT_NEAR(f[k], value, tolerance) << "feature " << k;
}

TEST(MapShapeFeatures, AWaferWithoutFailsIsAllZero) {
  const auto f = mapShapeFeatures(roundMap(13, [](int, int) { return false; }));
  for (int k = 0; k < kShapeFeatureCount; ++k) EXPECT_EQ(f[k], 0.0f) << "feature " << k;
}

TEST(MapShapeFeatures, AWaferWhoseEveryDieFailsIsOneSolidCluster) {
  const auto m = roundMap(13, [](int, int) { return true; });
  const auto f = mapShapeFeatures(m);
  const double n = static_cast<double>(m.dies.size()), R = radiusOf(m, 6);  // R = √41
  ASSERT_NEAR(R, std::sqrt(41.0), 1e-12);
  // Every die has at least two failing neighbours; every one of the 23 regions holds dies (checked by hand for
  // R = √41: the rings [k/10, (k+1)/10) hold dies at distances 0, 1, √2, 2, √8, √13, 4, 5, √29, 6).
  for (int k = 0; k < 48; ++k) EXPECT_NEAR(f[k], 1.0, 1e-6) << "feature " << k;
  // Variance of the column (= of the row, by symmetry) about c, sample form.
  double sxx = 0;
  int boundary = 0;
  auto inMap = [&](int x, int y) { return std::hypot(x - 6.0, y - 6.0) <= 6.5; };
  for (const auto& d : m.dies) {
    sxx += (d.x - 6.0) * (d.x - 6.0);
    boundary += !inMap(d.x + 1, d.y) || !inMap(d.x - 1, d.y) || !inMap(d.x, d.y + 1) || !inMap(d.x, d.y - 1);
  }
  const double spread = std::sqrt(sxx / (n - 1)) / R;
  expectFeatures(f,
                 {{53, std::log(2.0)},
                  {54, 1},
                  {55, 1},
                  {56, 0},
                  {57, spread},
                  {58, spread},
                  {59, 1},
                  {60, boundary / std::sqrt(n)},
                  {61, 1},
                  {62, 0},
                  {63, 1},
                  {65, 1}},
                 1e-6);
  // The column through c holds 13 dies, so some angle has a bin of 13.
  EXPECT_GE(f[48], 13 / R - 1e-6);
}

TEST(MapShapeFeatures, AOneDieLineThroughTheCentre) {
  // Row 6 of a 13-wide disc fails: 13 dies, x = 0…12. The two ends have one failing neighbour, so the clustered
  // fails are x = 1…11 (offsets −5…5 from c = (6, 6)); R = √41, ⌈R⌉ = 7, so 15 Radon bins.
  const auto m = roundMap(13, [](int, int y) { return y == 6; });
  const auto f = mapShapeFeatures(m);
  const double n = static_cast<double>(m.dies.size()), R = std::sqrt(41.0);
  ASSERT_NEAR(radiusOf(m, 6), R, 1e-12);
  expectFeatures(f,
                 {{0, 13 / n},
                  {1, 11 / n},
                  // Centre disc d² < 41/9: 13 dies, 5 of them on the line. Middle ring 41/9 ≤ d² < 164/9: 14 dies
                  // per closed quadrant; the line's dies at |dx| = 3, 4 sit on the 0°/180° edges, 2 in each quadrant.
                  {2, 5 / 13.0},
                  {3, 2 / 14.0},
                  {4, 2 / 14.0},
                  {5, 2 / 14.0},
                  {6, 2 / 14.0},
                  // Outer ring: 11 dies per closed octant; |dx| = 5, 6 lie on the edges of octants 0, 7 and 3, 4.
                  {7, 0},
                  {10, 0},
                  {11, 2 / 11.0},
                  {14, 2 / 11.0},
                  {25, 5 / 13.0},
                  {26, 2 / 14.0},
                  {29, 2 / 14.0},
                  {30, 0},
                  {33, 0},
                  {34, 1 / 11.0},
                  {37, 1 / 11.0},
                  // Radon: at 90° all 11 in one bin, at 0° one per bin. Σcount² is largest (121) at 90° and
                  // smallest (11) at 0°; S² = Σcount²/15 − (11/15)².
                  {48, 11 / R},
                  {49, 1 / R},
                  {50, 10 / R},
                  {51, std::sqrt(1694.0) / 15 / R},
                  {52, std::sqrt(44.0) / 15 / R},
                  {53, std::log(2.0)},
                  {54, 11 / n},
                  {55, 1},
                  {56, 0},
                  {57, std::sqrt(11.0) / R},  // Σ(x − 6)² / 10 = 110 / 10
                  {58, 0},
                  {59, 0},
                  {60, std::sqrt(11.0)},  // every die has a free neighbour above: 11 / √11
                  {61, 1},
                  {62, 0},
                  {63, 5 / R},
                  {64, 30 / (11 * R)},
                  {65, 4 / 16.0}},  // 0° edge: sectors 15, 0; 180° edge: 7, 8; the die at c: none
                 1e-6);
}

TEST(MapShapeFeatures, AnIsolatedFailIsNotClustered) {
  // (3, 6) lies at r = 3/√41 on the 180° edge of the middle ring: in quadrants 1 and 2 of 14 dies each.
  const auto m = roundMap(13, [](int x, int y) { return x == 3 && y == 6; });
  const auto f = mapShapeFeatures(m);
  expectFeatures(f, {{0, 1.0 / m.dies.size()}, {1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 1 / 14.0}, {6, 1 / 14.0}}, 1e-7);
  for (int k = 25; k < kShapeFeatureCount; ++k) EXPECT_EQ(f[k], 0.0f) << "feature " << k;
}

TEST(MapShapeFeatures, TiesGoToTheClusterOfTheFirstDie) {
  // Two 3 × 3 blocks of 9 on a 15-wide disc (c = (7, 7)): A about (3, 7), 4 from c; B about (10, 3), 5 from c.
  auto m = roundMap(15, [](int x, int y) {
    return (x >= 2 && x <= 4 && y >= 6 && y <= 8) || (x >= 9 && x <= 11 && y >= 2 && y <= 4);
  });
  const double R = radiusOf(m, 7);
  EXPECT_NEAR(mapShapeFeatures(m)[56], 5 / R, 1e-6);  // rows first: B's row 2 comes before A's row 6
  std::reverse(m.dies.begin(), m.dies.end());
  EXPECT_NEAR(mapShapeFeatures(m)[56], 4 / R, 1e-6);
}

TEST(MapShapeFeatures, FarSpreadIndicesGiveTheSameCluster) {
  // Two rings of 8 failing dies round one passing die, a million columns apart: too wide for a dense grid.
  DieMap m;
  for (int block : {0, 1000000})
    for (int y = 0; y < 3; ++y)
      for (int x = 0; x < 3; ++x) m.dies.push_back({block + x, y, x == 1 && y == 1});
  const auto f = mapShapeFeatures(m);
  const double R = std::hypot(500001.0, 1.0);  // c = (500001, 1)
  expectFeatures(f,
                 {{0, 16 / 18.0},
                  {1, 16 / 18.0},
                  {53, std::log(3.0)},
                  {54, 8 / 18.0},
                  {55, 0.5},
                  {56, 500000 / R},  // the first ring (tie)
                  {57, std::sqrt(6 / 7.0) / R},
                  {58, std::sqrt(6 / 7.0) / R},
                  {59, 1},
                  {60, std::sqrt(8.0)},  // all 8 on the boundary
                  {61, 8 / 9.0},         // the passing die is a hole
                  {65, 2 / 16.0}},       // just above, on and just below the 180° line
                 1e-6);
}

/// The map turned by a quarter about an arbitrary point and mirrored, die order unchanged.
DieMap transformed(DieMap m, bool turn, bool mirror) {
  for (auto& d : m.dies) {
    if (turn) d = {17 - d.y, d.x + 4, d.pass};
    if (mirror) d.x = 3 - d.x;
  }
  return m;
}

TEST(MapShapeFeatures, TurnsAndMirroringsChangeNothing) {
  // A block, a diagonal line, a ring with a hole, a scattered pair and an isolated die on a 17-wide disc whose
  // centre is a die, so that many dies lie on the axes and diagonals through c.
  const auto m = roundMap(17, [](int x, int y) {
    const bool block = x >= 2 && x <= 4 && y >= 9 && y <= 12;
    const bool line = x >= 8 && x <= 13 && y == x - 6;
    const bool ring = x >= 6 && x <= 10 && y >= 12 && y <= 14 && !(x == 8 && y == 13);
    return block || line || ring || (x == 14 && y == 10) || (y == 1 && (x == 7 || x == 8)) || (x == 8 && y == 8);
  });
  const auto f = mapShapeFeatures(m);
  for (const auto& [turn, mirror] : {std::pair{true, false}, {false, true}, {true, true}}) {
    const auto g = mapShapeFeatures(transformed(m, turn, mirror));
    for (int k = 0; k < kShapeFeatureCount; ++k) EXPECT_NEAR(g[k], f[k], 1e-5) << "feature " << k;
  }
}

const std::string kTrain = FAB_SOURCE_DIR "/../shared/reference/real/wm811k/train.jsonl";

TEST(MapShapeFeatures, RealMapsAgreeWithAnIndependentComputation) {
  // Expected values from tests/core/ml/map_shape_features_reference.py (numpy/scipy, written from the header).
  const std::vector<std::pair<std::size_t, std::vector<double>>> expected = {
      {838,  // scratch
       {
           0.128113879,
           0.0498220641,
           0.185714286,
           0.0416666667,
           0.0892857143,
           0.0925925926,
           0.176470588,
           0.0243902439,
           0.0357142857,
           0.0731707317,
           0.142857143,
           0.161290323,
           0.161290323,
           0.214285714,
           0.268292683,
           0.285714286,
           0.263157895,
           0.125,
           0.0930232558,
           0.0701754386,
           0.0985915493,
           0.12345679,
           0.117021277,
           0.126213592,
           0.218181818,
           0.114285714,
           0,
           0.0357142857,
           0.037037037,
           0.0784313725,
           0,
           0,
           0,
           0,
           0,
           0.0322580645,
           0.0714285714,
           0.219512195,
           0.285714286,
           0.157894737,
           0.09375,
           0.0465116279,
           0.0526315789,
           0.014084507,
           0.024691358,
           0.0531914894,
           0.0291262136,
           0.0727272727,
           0.775754778,
           0.141046323,
           0.634708455,
           0.167420798,
           0.0603609977,
           1.79175947,
           0.0213523132,
           0.428571429,
           0.249583057,
           0.179347658,
           0.0496048491,
           0.276584872,
           3.46410162,
           0.923076923,
           0.0276713107,
           0.566490493,
           0.260215033,
           0.375,
       }},
      {584,  // loc
       {
           0.165103189,
           0.101313321,
           0.233333333,
           0.0666666667,
           0.133333333,
           0.177777778,
           0.266666667,
           0.102564103,
           0.111111111,
           0.135135135,
           0.147058824,
           0.166666667,
           0.179487179,
           0.189189189,
           0.2,
           0.25,
           0.3,
           0.178571429,
           0.222222222,
           0.205128205,
           0.109375,
           0.153846154,
           0.131578947,
           0.16,
           0.168316832,
           0.183333333,
           0.0222222222,
           0.0888888889,
           0.133333333,
           0.244444444,
           0,
           0,
           0.0294117647,
           0.0540540541,
           0.0769230769,
           0.114285714,
           0.138888889,
           0.162162162,
           0.25,
           0.25,
           0.107142857,
           0.222222222,
           0.179487179,
           0.078125,
           0.0769230769,
           0.0657894737,
           0.09,
           0.0594059406,
           0.769252921,
           0.307701168,
           0.461551752,
           0.218582565,
           0.102567056,
           2.30258509,
           0.0487804878,
           0.481481481,
           0.309448316,
           0.348429959,
           0.122212015,
           0.350750595,
           4.90290338,
           1,
           0.0562321881,
           0.737998046,
           0.441629324,
           0.5625,
       }},
      {447,  // edge-ring
       {
           0.204651163,
           0.148837209,
           0.0787401575,
           0.0543478261,
           0.0631578947,
           0.0631578947,
           0.102040816,
           0.263157895,
           0.268656716,
           0.296875,
           0.337837838,
           0.338709677,
           0.35,
           0.35,
           0.369230769,
           0.307692308,
           0.0588235294,
           0.0363636364,
           0.0886075949,
           0.0384615385,
           0.094488189,
           0.0821917808,
           0.0946745562,
           0.195979899,
           0.818791946,
           0.031496063,
           0,
           0,
           0,
           0.0204081633,
           0.236842105,
           0.23880597,
           0.258064516,
           0.2625,
           0.28125,
           0.283783784,
           0.2875,
           0.323076923,
           0.307692308,
           0,
           0,
           0,
           0,
           0,
           0.0205479452,
           0.0118343195,
           0.145728643,
           0.818791946,
           0.682100485,
           0.524692681,
           0.157407804,
           0.14371865,
           0.115772113,
           1.60943791,
           0.141395349,
           0.95,
           0.0410926365,
           0.694479311,
           0.626495396,
           0.902108078,
           12.1666066,
           0.141395349,
           0.794940024,
           1,
           0.932331687,
           1,
       }},
  };
  const auto maps = readWm811kMaps(kTrain);
  for (const auto& entry : expected) {
    const std::size_t line = entry.first;  // not a structured binding: clang 14 cannot capture one
    const auto& values = entry.second;
    const auto it = std::find_if(maps.begin(), maps.end(), [&](const auto& r) { return r.line == line; });
    ASSERT_NE(it, maps.end()) << "line " << line;
    const auto f = mapShapeFeatures(it->map);
    for (int k = 0; k < kShapeFeatureCount; ++k)
      EXPECT_NEAR(f[k], values[k], 1e-4 * std::abs(values[k]) + 1e-7) << "line " << line << ", feature " << k;
    // The same map turned and mirrored.
    const auto g = mapShapeFeatures(transformed(it->map, true, true));
    for (int k = 0; k < kShapeFeatureCount; ++k) EXPECT_NEAR(g[k], f[k], 1e-5) << "line " << line << ", feature " << k;
  }
}

TEST(MapShapeFeatures, RefusesAnEmptyMapAndADieListedTwice) {
  DieMap empty;
  empty.wafer = "W7";
  EXPECT_THAT([&] { mapShapeFeatures(empty); }, ::testing::ThrowsMessage<Error>(HasSubstr("wafer 'W7' has no dies")));
  DieMap twice;
  twice.dies = {{3, 4, true}, {5, 4, false}, {3, 4, false}};
  EXPECT_THAT([&] { mapShapeFeatures(twice); },
              ::testing::ThrowsMessage<Error>(HasSubstr("die (3, 4) is listed twice")));
}

}  // namespace
}  // namespace fab::ml

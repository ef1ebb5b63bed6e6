// The one die frame (docs/ARCHITECTURE.md §4 "Coordinate frames"): an asymmetric pattern of
// failing dies, reported by a sort map that counts rows down with the notch
// up and another origin, and defects reported by a KLARF file drawn with the
// notch on the left, meet on the same product dies. Both sources are written
// from formulas worked by hand, not from the conversion under test.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/defect/kill_ratio.h"
#include "core/defect/klarf.h"
#include "core/defect/klarf_overlay.h"
#include "core/wafer/die_grid.h"

namespace fab::defect {
namespace {

using wafer::DieIndex;

wafer::WaferLayout productLayout() {
  wafer::WaferLayout l;
  l.diameterMm = 100;
  l.edgeExclusionMm = 3;
  l.dieWidthUm = 10000;
  l.dieHeightUm = 8000;
  return l;  // notch down, rows up, die (0, 0) centred on the wafer
}

const std::set<DieIndex> kPlanted = {{1, 2}, {1, 3}, {1, 4}, {2, 2}, {3, 2}, {-2, -1}};  // an L and a stray die
const std::vector<DieIndex> kCleanDefectDies = {{0, 0}, {-1, 3}, {2, -2}, {-3, 1}};

/// The sort map (notch up, rows down, product die (0, 0) numbered (5, 5)):
/// half a turn mirrors both axes, so product (i, j) is map (5 − i, 5 + j).
struct MapDie {
  DieIndex map;
  int bin;
};
std::vector<MapDie> sortMap(const wafer::DieGrid& grid) {
  std::vector<MapDie> out;
  for (const auto& d : grid.dies)
    if (d.state == wafer::DieState::Complete)
      out.push_back({{5 - d.index.x, 5 + d.index.y}, kPlanted.count(d.index) ? 7 : 1});
  return out;
}

/// A KLARF file drawn with the notch on the left: product die (i, j), centred
/// at wafer (10000 i, 8000 j), appears at view (8000 j, −10000 i); with pitch
/// (8000, 10000) and SampleCenterLocation (52000, 65000) its KLARF index is
/// (j + 6, 6 − i), and a point (dx, dy) from the die centre (wafer frame) has
/// XREL = 4000 + dy, YREL = 5000 − dx.
KlarfFile klarf() {
  KlarfFile f;
  f.lotId = "LOT-F";
  f.stepId = "M1";
  f.orientationMark = wafer::Notch::Left;
  f.diePitchXUm = 8000;
  f.diePitchYUm = 10000;
  KlarfWafer w;
  w.waferId = "LOT-F.01";
  w.slot = 1;
  w.placement = {wafer::Notch::Left, 8000, 10000, 0, 0, 52000, 65000};
  w.hasSampleCentre = true;
  w.defectColumns = {"DEFECTID", "XREL", "YREL", "XINDEX", "YINDEX", "DSIZE", "CLASSNUMBER"};
  int id = 0;
  auto add = [&](DieIndex d, int cls, double dx, double dy) {
    w.defects.push_back(
        {{double(++id), 4000 + dy, 5000 - dx, double(d.y + 6), double(6 - d.x), 0.5, double(cls)}, {}, 0});
  };
  for (const auto& d : kPlanted) add(d, 1, 3000, -2500);
  for (const auto& d : kCleanDefectDies) add(d, 2, -4000, 1500);
  f.wafers.push_back(w);
  return f;
}

KillRatioTable overlay(const KlarfFile& file, std::vector<DieIndex>* defectDies = nullptr) {
  const auto layout = productLayout();
  const auto grid = wafer::buildDieGrid(layout);
  const auto product = wafer::productDieFrame(layout);
  const auto mapFrame = wafer::renumberedFrame(product, wafer::Notch::Up, false, {0, 0}, {5, 5});
  std::vector<KillDie> dies;
  for (const auto& m : sortMap(grid))
    dies.push_back({0, wafer::convertDie(mapFrame, product, m.map), m.bin == 1, true});
  std::vector<KillDefect> defects;
  for (const auto& d : placeKlarfDefects(file.wafers[0])) {
    const DieIndex die = productDie(product, d);
    if (defectDies) defectDies->push_back(die);
    defects.push_back({0, die, d.sizeUm, d.defectClass});
  }
  KillRatioOptions o;
  o.sizeEdges = {};
  return killRatios(dies, defects, o);
}

TEST(FrameOverlay, AsymmetricPatternMeetsOnTheProductDies) {
  // Through the text of the file, as an import reads it.
  const KlarfFile file = parseKlarf(writeKlarf(klarf()));
  std::vector<DieIndex> dies;
  const auto t = overlay(file, &dies);
  std::vector<DieIndex> expected(kPlanted.begin(), kPlanted.end());
  expected.insert(expected.end(), kCleanDefectDies.begin(), kCleanDefectDies.end());
  EXPECT_EQ(dies, expected);
  ASSERT_EQ(t.byClass.size(), 2u);
  EXPECT_EQ(t.byClass[0].group, "class 1");
  EXPECT_EQ(t.byClass[0].defectiveDies, kPlanted.size());
  EXPECT_DOUBLE_EQ(t.byClass[0].kr, 1.0);  // every planted die failed, every clean die passed
  EXPECT_EQ(t.byClass[1].defectiveDies, kCleanDefectDies.size());
  EXPECT_DOUBLE_EQ(t.byClass[1].kr, 0.0);
  EXPECT_EQ(t.defectsOffMap, 0u);
  EXPECT_DOUBLE_EQ(t.overall.yc, 1.0);
}

TEST(FrameOverlay, IgnoringTheKlarfNotchBreaksTheOverlay) {
  KlarfFile file = parseKlarf(writeKlarf(klarf()));
  file.wafers[0].placement.notch = wafer::Notch::Down;  // as a reader that ignores OrientationMarkLocation would
  const auto t = overlay(file);
  ASSERT_FALSE(t.byClass.empty());
  EXPECT_FALSE(t.byClass[0].kr == 1.0 && t.defectsOffMap == 0);
}

}  // namespace
}  // namespace fab::defect

// Kill ratios through the real import path (docs/ARCHITECTURE.md §4 "Coordinate frames" and
// "Killer defects"): a products CSV, a sort map numbered its own way (notch
// up, rows counting down, the product's origin die numbered (5, 5)) imported
// with that numbering, and a KLARF of the same wafer drawn with the notch on
// the left, with or without a SampleTestPlan; then the store loaders and the
// overlay the CLI and the wafer view use. Every index in the files comes from
// formulas worked by hand, not from the conversion under test:
//  - sort map: product die (i, j) is map die (5 − i, 5 + j) (half a turn
//    mirrors both axes, counting rows down mirrors y back);
//  - KLARF (notch left, pitch 8000 × 10000, SampleCenterLocation 52000 65000,
//    DieOrigin 0 0): product die (i, j) is KLARF die (j + 6, 6 − i), and a
//    point (dx, dy) from the die centre (wafer frame) has XREL = 4000 + dy,
//    YREL = 5000 − dx.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <sstream>

#include "core/defect/inspected_dies.h"
#include "core/defect/kill_ratio.h"
#include "core/io/importer.h"
#include "core/io/klarf_import.h"
#include "core/store/dies.h"
#include "core/store/inspections.h"
#include "core/wafer/die_frame.h"
#include "tests/support/temp_dir.h"

namespace fab::defect {
namespace {

using wafer::DieIndex;

const std::set<DieIndex> kPlanted = {{1, 2}, {1, 3}, {1, 4}, {2, 2}, {3, 2}, {-2, -1}};  // an L and a stray die
const std::set<DieIndex> kCleanDefectDies = {{0, 0}, {-1, 3}, {2, -2}, {-3, 1}};
const std::set<DieIndex> kRandomFails = {{-1, -2}, {2, 0}};  // failing dies without a defect

/// The tested dies: product dies whose centre lies within 38 mm of the wafer centre.
std::vector<DieIndex> testedDies() {
  std::vector<DieIndex> out;
  for (int i = -3; i <= 3; ++i)
    for (int j = -4; j <= 4; ++j)
      if (std::hypot(10000.0 * i, 8000.0 * j) <= 38000) out.push_back({i, j});
  return out;
}

std::string productsCsv() {
  return "product,die_width,die_height,wafer_diameter,edge_exclusion,scribe,notch,origin_x,origin_y,y_up,pass_bins,"
         "grid_offset_x_um,grid_offset_y_um\n"
         "PROD-F,10000,8000,100,3,0,down,0,0,1,1,0,0\n";
}

/// The sort map in its own numbering; planted dies and `extraFails` fail (bins 7 and 3).
std::string sortMapCsv(const std::set<DieIndex>& extraFails) {
  std::ostringstream s;
  s << "lot,wafer,product,die_x,die_y,bin\n";
  for (const auto& d : testedDies())
    s << "LOT-F,1,PROD-F," << 5 - d.x << "," << 5 + d.y << ","
      << (kPlanted.count(d)     ? 7
          : extraFails.count(d) ? 3
                                : 1)
      << "\n";
  return s.str();
}

/// The KLARF file; the test plan lists `plan` (product dies) when it is not empty.
std::string klarfText(const std::set<DieIndex>& plan) {
  std::ostringstream k;
  k << "FileVersion 1 2;\nLotID \"LOT-F\";\nDeviceID \"PROD-F\";\nStepID \"M1\";\nSampleOrientationMarkType NOTCH;\n"
       "OrientationMarkLocation LEFT;\nDiePitch 8000 10000;\nDieOrigin 0 0;\nWaferID \"LOT-F-01\";\nSlot 1;\n"
       "SampleCenterLocation 52000 65000;\nInspectionTest 1;\n";
  if (!plan.empty()) {
    k << "SampleTestPlan " << plan.size();
    for (const auto& d : plan) k << "\n " << d.y + 6 << " " << 6 - d.x;
    k << ";\n";
  }
  k << "DefectRecordSpec 7 DEFECTID XREL YREL XINDEX YINDEX DSIZE CLASSNUMBER;\nDefectList";
  int id = 0;
  // Planted: (dx, dy) = (3000, −2500) from the die centre; clean: (−4000, 1500).
  for (const auto& d : kPlanted) k << "\n " << ++id << " 1500 2000 " << d.y + 6 << " " << 6 - d.x << " 2.5 1";
  for (const auto& d : kCleanDefectDies) k << "\n " << ++id << " 5500 9000 " << d.y + 6 << " " << 6 - d.x << " 0.3 2";
  k << ";\nEndOfFile;\n";
  return k.str();
}

struct Imported {
  io::ImportReport dies, klarf;
  WaferKillInput input;
  KillRatioTable table;
};

/// Imports the three files through the core importers, then overlays the workspace's data.
Imported importAndOverlay(const test::TempDir& dir, const std::set<DieIndex>& extraFails,
                          const std::set<DieIndex>& plan) {
  auto ws = store::Workspace::openOrCreate(dir.path("w.fabdb"));
  io::ImportOptions products;
  products.kind = io::ImportKind::Products;
  EXPECT_EQ(io::importFile(ws, dir.write("products.csv", productsCsv()), products).status, "ok");
  io::ImportOptions sortMap;
  sortMap.kind = io::ImportKind::Dies;
  sortMap.dieNumbering = {wafer::Notch::Up, false, DieIndex{5, 5}};
  Imported out;
  out.dies = io::importFile(ws, dir.write("sort.csv", sortMapCsv(extraFails)), sortMap);
  out.klarf = io::importKlarf(ws, dir.write("inspection.klarf", klarfText(plan)));

  auto& db = ws.db();
  const auto layout = wafer::layoutFromProduct(*store::loadProduct(db, "PROD-F"));
  const auto dies = store::loadDies(db);
  const auto defects = store::loadDefects(db);
  const auto inspections = store::loadInspections(db);
  EXPECT_EQ(dies.size(), 1u);
  EXPECT_EQ(defects.size(), 1u);
  EXPECT_EQ(inspections.size(), 1u);
  out.input = overlayWafer(0, wafer::productDieFrame(layout), dies.at(0).dies, defects.at(0).defects,
                           inspections.at(0).inspections);
  KillRatioOptions o;
  o.sizeEdges = {};
  out.table = killRatios(out.input.dies, out.input.defects, o);
  return out;
}

TEST(InspectedKillRatio, RowsDownSortMapAndNotchLeftKlarfMeetOnThePlantedDies) {
  test::TempDir dir;
  const auto r = importAndOverlay(dir, {}, {});
  ASSERT_EQ(r.dies.status, "ok");
  ASSERT_EQ(r.klarf.status, "ok");
  // The sort map's dies are stored in the product's frame: the failing ones are the planted pattern.
  std::set<DieIndex> failing, stored;
  for (const auto& d : r.input.dies) {
    stored.insert(d.index);
    if (!d.pass) failing.insert(d.index);
  }
  const auto tested = testedDies();
  EXPECT_EQ(stored, std::set<DieIndex>(tested.begin(), tested.end()));
  EXPECT_EQ(failing, kPlanted);
  // No SampleTestPlan: the whole wafer counts as inspected, and the import says so.
  EXPECT_EQ(r.input.inspected.coverage, InspectedDies::Coverage::WholeWafer);
  EXPECT_THAT(r.klarf.notes, ::testing::Contains(::testing::HasSubstr("no SampleTestPlan")));
  EXPECT_THAT(r.dies.notes, ::testing::Contains(::testing::HasSubstr("notch up, rows counting down")));
  ASSERT_EQ(r.table.byClass.size(), 2u);
  EXPECT_EQ(r.table.byClass[0].group, "class 1");
  EXPECT_EQ(r.table.byClass[0].defectiveDies, kPlanted.size());
  EXPECT_DOUBLE_EQ(r.table.byClass[0].kr, 1.0);  // every planted die failed
  EXPECT_EQ(r.table.byClass[1].defectiveDies, kCleanDefectDies.size());
  EXPECT_DOUBLE_EQ(r.table.byClass[1].kr, 0.0);  // every other defective die passed, as every clean die
  EXPECT_EQ(r.table.defectsOffMap, 0u);
  EXPECT_EQ(r.table.defectsUninspected, 0u);
  EXPECT_DOUBLE_EQ(r.table.overall.yc, 1.0);
}

TEST(InspectedKillRatio, APartialSampleTestPlanCountsOnlyTheDiesItLists) {
  // The plan: the tested dies of columns x >= −1. It leaves out the planted
  // die (−2, −1) and the clean defective die (−3, 1), whose defects are then
  // on uninspected dies, and keeps both random fails.
  std::set<DieIndex> plan;
  for (const auto& d : testedDies())
    if (d.x >= -1) plan.insert(d);
  test::TempDir dir;
  const auto r = importAndOverlay(dir, kRandomFails, plan);
  ASSERT_EQ(r.klarf.status, "ok");
  EXPECT_EQ(r.input.inspected.coverage, InspectedDies::Coverage::SamplePlan);
  EXPECT_EQ(r.input.inspected.dies, plan);
  EXPECT_THAT(r.klarf.notes, ::testing::Contains(::testing::HasSubstr("lists " + std::to_string(plan.size()))));

  // The four counts, straight from the sets above.
  std::size_t nd = 0, pd = 0, nc = 0, pc = 0;
  for (const auto& d : testedDies()) {
    if (!plan.count(d)) continue;
    const bool pass = !kPlanted.count(d) && !kRandomFails.count(d);
    if (kPlanted.count(d) || kCleanDefectDies.count(d)) {
      ++nd;
      pd += pass;
    } else {
      ++nc;
      pc += pass;
    }
  }
  ASSERT_EQ(nd, 5u + 3u);  // planted and clean-defect dies inside the plan
  EXPECT_EQ(r.table.overall.defectiveDies, nd);
  EXPECT_EQ(r.table.overall.defectivePass, pd);
  EXPECT_EQ(r.table.overall.cleanDies, nc);
  EXPECT_EQ(r.table.overall.cleanPass, pc);
  EXPECT_DOUBLE_EQ(r.table.overall.kr, 1 - (double(pd) / double(nd)) / (double(pc) / double(nc)));
  EXPECT_EQ(r.table.defectsUninspected, 2u);
  EXPECT_EQ(r.table.byClass[0].defectiveDies, 5u);
  EXPECT_DOUBLE_EQ(r.table.byClass[0].kr, 1.0);
  // The whole wafer would have counted more clean dies.
  EXPECT_LT(nc, testedDies().size() - kPlanted.size() - kCleanDefectDies.size());
}

TEST(InspectedKillRatio, TestPlanDiesAreStoredInTheProductFrame) {
  const std::set<DieIndex> plan = {{1, 2}, {-3, 1}, {0, 0}, {2, -2}};
  test::TempDir dir;
  importAndOverlay(dir, {}, plan);
  auto ws = store::Workspace::open(dir.path("w.fabdb"));
  const auto inspections = store::loadInspections(ws.db());
  ASSERT_EQ(inspections.size(), 1u);
  ASSERT_EQ(inspections[0].inspections.size(), 1u);
  const auto& i = inspections[0].inspections[0];
  EXPECT_FALSE(i.wholeWafer);
  EXPECT_EQ(i.layer, "M1");
  std::set<DieIndex> stored;
  for (const auto& d : i.dies) {
    ASSERT_TRUE(d.dieX && d.dieY);
    const DieIndex product{*d.dieX, *d.dieY};
    stored.insert(product);
    EXPECT_EQ(d.sourceX, product.y + 6);  // as the file lists it
    EXPECT_EQ(d.sourceY, 6 - product.x);
    EXPECT_NEAR(d.xUm, 10000.0 * product.x, 1e-6);  // die centres, wafer frame
    EXPECT_NEAR(d.yUm, 8000.0 * product.y, 1e-6);
  }
  EXPECT_EQ(stored, plan);
}

// Which dies count, from the records alone: product dies 10 × 8 mm centred on the wafer.
TEST(InspectedDiesRule, PlansUniteAndUnrecordedLayersCoverTheWafer) {
  wafer::WaferLayout layout;
  layout.dieWidthUm = 10000;
  layout.dieHeightUm = 8000;
  const auto frame = wafer::productDieFrame(layout);
  store::Inspection m1;
  m1.layer = "M1";
  m1.wholeWafer = false;
  m1.dies = {{0, 0, 0, 0, {}, {}}, {0, 0, 10000, 8000, {}, {}}};  // centres of dies (0, 0) and (1, 1)
  store::Inspection m2 = m1;
  m2.layer = "M2";
  m2.dies = {{0, 0, -10000, 0, {}, {}}};  // die (−1, 0)
  const std::vector<store::Inspection> both = {m1, m2};
  auto covered = inspectedDies(both, frame);
  EXPECT_EQ(covered.coverage, InspectedDies::Coverage::SamplePlan);
  EXPECT_EQ(covered.dies, (std::set<DieIndex>{{0, 0}, {1, 1}, {-1, 0}}));
  EXPECT_FALSE(covered.contains({1, 0}));
  // A defect of a layer with a record keeps the plan; one of a layer without (a CSV) covers the wafer.
  store::Defect f;
  f.layer = "M1";
  EXPECT_EQ(inspectedDies(both, frame, std::vector<store::Defect>{f}).coverage, InspectedDies::Coverage::SamplePlan);
  f.layer = "";
  EXPECT_TRUE(inspectedDies(both, frame, std::vector<store::Defect>{f}).wholeWafer());
  // One inspection without a plan covers the wafer; no record at all too.
  m2.wholeWafer = true;
  EXPECT_EQ(inspectedDies(std::vector<store::Inspection>{m1, m2}, frame).coverage, InspectedDies::Coverage::WholeWafer);
  EXPECT_EQ(inspectedDies({}, frame).coverage, InspectedDies::Coverage::NoRecord);
  EXPECT_TRUE(inspectedDies({}, frame).contains({7, -7}));
}

TEST(InspectedKillRatio, ASortMapNumberingNeedsTheProductLayout) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(dir.path("w.fabdb"));
  io::ImportOptions sortMap;
  sortMap.kind = io::ImportKind::Dies;
  sortMap.dieNumbering.notch = wafer::Notch::Left;
  const auto path = dir.write("sort.csv", sortMapCsv({}));
  try {
    io::importFile(ws, path, sortMap);
    FAIL() << "a sort map was converted without its product's layout";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("sort.csv:2: product 'PROD-F' of lot 'LOT-F' has no layout"));
  }
  auto q = ws.db().prepare("SELECT count(*) FROM die");
  q.step();
  EXPECT_EQ(q.integer(0), 0);
  // Numbering options on another kind of file are refused before anything is read.
  io::ImportOptions products;
  products.kind = io::ImportKind::Products;
  products.dieNumbering.yUp = false;
  EXPECT_THROW(io::importFile(ws, dir.write("products.csv", productsCsv()), products), Error);
}

}  // namespace
}  // namespace fab::defect

#include "core/io/klarf_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

#include "core/common/error.h"
#include "core/store/dies.h"
#include "core/store/inspections.h"
#include "tests/core/defect/klarf_samples.h"
#include "tests/support/test_workspace.h"

namespace fab::io {
namespace {

using ::testing::HasSubstr;

std::int64_t count(store::Workspace& ws, const char* sql) {
  auto q = ws.db().prepare(sql);
  q.step();
  return q.integer(0);
}

void addProduct(store::Workspace& ws) {
  // Die pitch 10 x 8 mm as in the sample; die (0, 0) centred on the wafer.
  ws.db()
      .prepare(
          "INSERT INTO product(name, die_width_um, die_height_um, wafer_diameter_mm, edge_exclusion_mm, scribe_um, "
          "notch, origin_die_x, origin_die_y, y_up, pass_bins) VALUES ('PROD-X', 10000, 8000, 300, 3, 0, 'down', 0, 0, "
          "1, '1')")
      .run();
}

TEST(KlarfImport, StoresDefectsInTheWaferFrame) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  addProduct(ws);
  const auto path = dir.write("a.klarf", defect::samples::kTwoWafers);
  const auto report = importKlarf(ws, path);
  EXPECT_EQ(report.status, "ok");
  EXPECT_EQ(report.kind, "klarf");
  EXPECT_EQ(report.rowsOk, 4);
  const auto defects = store::loadDefects(ws.db());
  ASSERT_EQ(defects.size(), 2u);
  EXPECT_EQ(defects[0].lot, "LOT-A1");
  EXPECT_EQ(defects[0].wafer, 7);
  EXPECT_EQ(defects[1].wafer, 8);
  ASSERT_EQ(defects[0].defects.size(), 3u);
  const auto& d1 = defects[0].defects[0];
  // Notch down: x = XINDEX·px + XREL − centre = 15·10000 + 1250.5 − 155000; y = 18·8000 + 3300 − 148000.
  EXPECT_EQ(d1.defectId, 1);
  EXPECT_NEAR(d1.xUm, -3749.5, 1e-9);
  EXPECT_NEAR(d1.yUm, -700, 1e-9);
  EXPECT_NEAR(d1.sizeUm, 0.8, 1e-12);
  EXPECT_EQ(d1.defectClass, 1);
  EXPECT_EQ(d1.layer, "M1-CMP");
  // Product die: cell of die (0, 0) spans x in [−5000, 5000), y in [−4000, 4000).
  ASSERT_TRUE(d1.dieX && d1.dieY);
  EXPECT_EQ(*d1.dieX, 0);
  EXPECT_EQ(*d1.dieY, 0);
  // Wafer 8 repeats DieOrigin (50, −25): that moves the die corners, not the
  // reference points XREL/YREL count from: x = 14·10000 + 500 − 150000.
  const auto& d2 = defects[1].defects[0];
  EXPECT_EQ(d2.defectId, 11);
  EXPECT_NEAR(d2.xUm, -9500, 1e-9);
  EXPECT_NEAR(d2.yUm, 17 * 8000 + 500 - 150000, 1e-9);
  auto lot = ws.db().prepare("SELECT product FROM lot WHERE name = 'LOT-A1'");
  ASSERT_TRUE(lot.step());
  EXPECT_EQ(lot.text(0), "PROD-X");
  EXPECT_EQ(count(ws, "SELECT count(*) FROM wafer WHERE scribe = 'LOT-A1.07' AND slot = 7"), 1);

  // The same file again is refused; forced, its rows are duplicates.
  EXPECT_THROW(importKlarf(ws, path), Error);
  BatchOptions force;
  force.force = true;
  const auto again = importKlarf(ws, path, force);
  EXPECT_EQ(again.rowsOk, 0);
  EXPECT_EQ(again.rowsDuplicate, 4);
}

// Wafer 7 of the sample lists KLARF dies (15, 18), (16, 18), (15, 19). With
// notch down, pitch 10000 × 8000, DieOrigin 0 0 and SampleCenterLocation
// (155000, 148000), die (15, 18)'s reference point (its cell's lower-left
// corner) sits at (15·10000 − 155000, 18·8000 − 148000) = (−5000, −4000), so
// its cell is centred on the wafer: product die (0, 0); the others are (1, 0)
// and (0, 1). Wafer 8 has no SampleTestPlan: inspected whole.
TEST(KlarfImport, StoresEachWafersSampleTestPlan) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  addProduct(ws);
  const auto report = importKlarf(ws, dir.write("a.klarf", defect::samples::kTwoWafers));
  ASSERT_EQ(report.status, "ok");
  const auto inspections = store::loadInspections(ws.db());
  ASSERT_EQ(inspections.size(), 2u);
  ASSERT_EQ(inspections[0].wafer, 7);
  ASSERT_EQ(inspections[0].inspections.size(), 1u);
  const auto& plan = inspections[0].inspections[0];
  EXPECT_FALSE(plan.wholeWafer);
  EXPECT_EQ(plan.layer, "M1-CMP");
  EXPECT_EQ(plan.batchId, report.batchId);
  ASSERT_EQ(plan.dies.size(), 3u);  // ordered by the file's row, then column
  const int expected[3][6] = {{15, 18, 0, 0, 0, 0}, {16, 18, 1, 0, 10000, 0}, {15, 19, 0, 1, 0, 8000}};
  for (int i = 0; i < 3; ++i) {
    const auto& d = plan.dies[static_cast<std::size_t>(i)];
    EXPECT_EQ(d.sourceX, expected[i][0]);
    EXPECT_EQ(d.sourceY, expected[i][1]);
    ASSERT_TRUE(d.dieX && d.dieY);
    EXPECT_EQ(*d.dieX, expected[i][2]);
    EXPECT_EQ(*d.dieY, expected[i][3]);
    EXPECT_NEAR(d.xUm, expected[i][4], 1e-9);
    EXPECT_NEAR(d.yUm, expected[i][5], 1e-9);
  }
  ASSERT_EQ(inspections[1].wafer, 8);
  ASSERT_EQ(inspections[1].inspections.size(), 1u);
  EXPECT_TRUE(inspections[1].inspections[0].wholeWafer);
  EXPECT_TRUE(inspections[1].inspections[0].dies.empty());
  EXPECT_THAT(report.notes, ::testing::Contains(HasSubstr("wafer 'LOT-A1.07': the SampleTestPlan lists 3 inspected")));
  EXPECT_THAT(report.notes, ::testing::Contains(HasSubstr("wafer 'LOT-A1.08': no SampleTestPlan")));
  // Only the layer asked for.
  EXPECT_TRUE(store::loadInspections(ws.db(), {}, "M2").empty());
}

TEST(KlarfImport, WithoutAProductLayoutDieIndicesStayEmpty) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  const auto report = importKlarf(ws, dir.write("a.klarf", defect::samples::kTwoWafers));
  EXPECT_EQ(report.status, "ok");
  EXPECT_EQ(count(ws, "SELECT count(*) FROM defect WHERE die_x IS NULL"), 4);
  // The test plan is kept by position (wafer frame), so a layout imported later still places it.
  EXPECT_EQ(count(ws, "SELECT count(*) FROM inspected_die WHERE die_x IS NULL AND x_um IS NOT NULL"), 3);
  bool noted = false;
  for (const auto& n : report.notes) noted |= n.find("no layout") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(KlarfImport, BadFilesStoreNothing) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  const std::string cut =
      defect::samples::kTwoWafers.substr(0, defect::samples::kTwoWafers.find("WaferID \"LOT-A1.08\""));
  try {
    importKlarf(ws, dir.write("cut.klarf", cut));
    FAIL() << "a truncated file was imported";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("cut.klarf:36: the file ends without 'EndOfFile;'"));
  }
  try {
    std::string miscounted = defect::samples::kVersion18;
    miscounted.replace(miscounted.find("Columns 8"), 9, "Columns 9");
    importKlarf(ws, dir.write("new.klarf", miscounted));
    FAIL() << "a KLARF 1.8 file whose Columns count disagrees with its columns was imported";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("new.klarf:12: Columns in List DefectList announces 9 but lists 8"));
  }
  EXPECT_EQ(count(ws, "SELECT count(*) FROM defect"), 0);
  EXPECT_EQ(count(ws, "SELECT count(*) FROM lot"), 0);
  EXPECT_EQ(count(ws, "SELECT count(*) FROM import_batch WHERE status = 'ok'"), 0);
}

TEST(KlarfImport, CancelledImportRollsBack) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  std::atomic<bool> cancel{true};
  Feedback fb;
  fb.cancelFlag = &cancel;
  const auto report = importKlarf(ws, dir.write("a.klarf", defect::samples::kTwoWafers), {}, fb);
  EXPECT_EQ(report.status, "cancelled");
  EXPECT_EQ(count(ws, "SELECT count(*) FROM defect"), 0);
}

}  // namespace
}  // namespace fab::io

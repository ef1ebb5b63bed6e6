#include "core/io/importer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

#include "core/common/error.h"
#include "core/store/dies.h"
#include "core/store/measurements.h"
#include "core/wafer/die_frame.h"
#include "tests/support/test_workspace.h"

namespace fab::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ImporterTest : public ::testing::Test {
 protected:
  std::int64_t count(const std::string& sql) {
    auto q = ws.db().prepare(sql);
    q.step();
    return q.integer(0);
  }
  std::string importError(const std::string& path, const ImportOptions& options = {}) {
    try {
      importFile(ws, path, options);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
  test::TempDir dir;
  store::Workspace ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
};

constexpr const char* kLong =
    "Lot ID,Wafer,Site,Parameter,Value,Unit,Timestamp,Tool\n"
    "L1,1,1,THK,100.5,nm,2026-03-01T08:00:00+01:00,T1\n"
    "L1,1,2,THK,N/A,nm,2026-03-01T08:00:10+01:00,T1\n"
    "L1,2,1,THK,101.25,nm,2026-03-01 08:05:00,T1\n"
    "L2,W07,1,CD,45.1,nm,2026-03-02T09:00:00Z,T2\n";

TEST_F(ImporterTest, ImportsLongFileWithGuessedRolesAndMissingValues) {
  const auto report = importFile(ws, dir.write("long.csv", kLong));
  EXPECT_EQ(report.status, "ok");
  EXPECT_EQ(report.kind, "measurements");
  EXPECT_EQ(report.rowsOk, 4);
  EXPECT_EQ(report.rowsMissing, 1);
  const auto thk = store::loadMeasurements(ws.db(), "THK");
  ASSERT_EQ(thk.size(), 3u);
  EXPECT_EQ(thk.unit, "nm");
  EXPECT_DOUBLE_EQ(thk.value[0], 100.5);
  EXPECT_TRUE(std::isnan(thk.value[1]));
  EXPECT_EQ(thk.time[0], 1772348400000);  // 2026-03-01T07:00:00Z
  EXPECT_EQ(thk.time[2], 1772352300000);  // 08:05 read as UTC
  EXPECT_THAT(thk.wafer, ElementsAre(1, 1, 2));
  EXPECT_EQ(thk.tool[0], "T1");
  const auto cd = store::loadMeasurements(ws.db(), "CD");
  EXPECT_EQ(cd.wafer[0], 7);
  EXPECT_EQ(count("SELECT count(*) FROM wafer WHERE scribe = 'W07'"), 1);
}

TEST_F(ImporterTest, PivotsWideFileWithUnitsInHeaders) {
  const auto report = importFile(ws, dir.write("wide.csv",
                                               "lot;wafer;site;THK [nm];RS (ohm/sq)\n"
                                               "L1;1;1;100,0;20\n"  // decimal comma is not a number here: rejected
                                               "L1;1;2;101.5;21\n"));
  EXPECT_EQ(report.status, "failed");
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].line, 2);
  EXPECT_EQ(report.problems[0].columnName, "THK [nm]");
  // The first rows mix both marks, so the point stays; the message names the option that reads the comma.
  EXPECT_EQ(report.problems[0].message,
            "expected a number, found '100,0'; it reads as a number with a decimal comma (--decimal-comma)");

  const auto ok = importFile(ws, dir.write("wide2.csv",
                                           "lot;wafer;site;THK [nm];RS (ohm/sq)\n"
                                           "L1;1;1;100.0;20\n"
                                           "L1;1;2;101.5;21\n"));
  EXPECT_EQ(ok.status, "ok");
  EXPECT_EQ(ok.rowsOk, 4);
  const auto params = store::listParameters(ws.db());
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[0].name, "RS");
  EXPECT_EQ(params[0].unit, "ohm/sq");
  EXPECT_EQ(params[1].name, "THK");
  EXPECT_EQ(params[1].unit, "nm");
}

TEST_F(ImporterTest, RollsBackWholeBatchOnBadRowAndKeepsErrors) {
  const auto path = dir.write("bad.csv",
                              "lot,wafer,site,parameter,value\n"
                              "L1,1,1,THK,100\n"
                              "L1,1,2,THK,abc\n"
                              "L1,1,3\n"
                              "L1,1,4,THK,102\n");
  const auto report = importFile(ws, path);
  EXPECT_EQ(report.status, "failed");
  EXPECT_EQ(report.rowsOk, 0);
  EXPECT_EQ(report.rowsRejected, 2);
  ASSERT_EQ(report.problems.size(), 2u);
  EXPECT_EQ(report.problems[0].describe("bad.csv"), "bad.csv:3:12: column 'value': expected a number, found 'abc'");
  EXPECT_EQ(report.problems[1].describe("bad.csv"), "bad.csv:4: expected 5 fields as in the header, found 3");
  EXPECT_EQ(count("SELECT count(*) FROM measurement"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM lot"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM import_batch WHERE status = 'failed'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM import_error WHERE raw_text = 'L1,1,2,THK,abc' AND line = 3"), 1);
  // The failed batch does not block a corrected re-run of the same file name.
  dir.write("bad.csv", "lot,wafer,site,parameter,value\nL1,1,1,THK,100\n");
  EXPECT_EQ(importFile(ws, path).status, "ok");
}

TEST_F(ImporterTest, SkipBadRowsKeepsGoodRowsAndStoresRejectedOnes) {
  ImportOptions options;
  options.batch.skipBadRows = true;
  const auto report = importFile(ws, dir.write("skip.csv",
                                               "lot,wafer,site,parameter,value\n"
                                               "L1,1,1,THK,100\n"
                                               "L1,1,2,THK,1e999\n"
                                               ",1,3,THK,101\n"
                                               "L1,1,4,THK,102\n"),
                                 options);
  EXPECT_EQ(report.status, "ok");
  EXPECT_EQ(report.rowsOk, 2);
  EXPECT_EQ(report.rowsRejected, 2);
  EXPECT_EQ(count("SELECT count(*) FROM measurement"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM import_error WHERE line IN (3, 4)"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM import_error WHERE message LIKE 'expected a lot%'"), 1);
}

TEST_F(ImporterTest, RefusesSameFileTwiceUnlessForcedAndSkipsOverlappingRows) {
  const auto path = dir.write("a.csv", kLong);
  importFile(ws, path);
  EXPECT_THAT(importError(path), HasSubstr("already imported as batch 1"));
  ImportOptions force;
  force.batch.force = true;
  const auto again = importFile(ws, path, force);
  EXPECT_EQ(again.rowsOk, 0);
  EXPECT_EQ(again.rowsDuplicate, 4);
  // An overlapping export: two rows already present, one new.
  const auto overlap = importFile(ws, dir.write("b.csv",
                                                "Lot ID,Wafer,Site,Parameter,Value,Unit,Timestamp,Tool\n"
                                                "L1,1,1,THK,100.5,nm,2026-03-01T08:00:00+01:00,T1\n"
                                                "L1,2,1,THK,101.25,nm,2026-03-01 08:05:00,T1\n"
                                                "L1,3,1,THK,99.0,nm,2026-03-01 08:10:00,T1\n"));
  EXPECT_EQ(overlap.rowsOk, 1);
  EXPECT_EQ(overlap.rowsDuplicate, 2);
  EXPECT_EQ(count("SELECT count(*) FROM measurement"), 5);
}

TEST_F(ImporterTest, ExplicitMappingOverridesGuessesAndMissingRolesAreNamed) {
  ImportOptions options;
  options.mapping = {{"lot", "carrier"}, {"value", "reading_nm"}, {"parameter", "item"}};
  const auto report = importFile(ws, dir.write("m.csv", "carrier,item,reading_nm\nC9,THK,99.5\n"), options);
  EXPECT_EQ(report.rowsOk, 1);
  EXPECT_EQ(store::loadMeasurements(ws.db(), "THK").lot[0], "C9");
  EXPECT_THAT(importError(dir.write("n.csv", "carrier,THK\nC9,99.5\n")), HasSubstr("no column for lot"));
  ImportOptions wrong;
  wrong.mapping = {{"lot", "nope"}};
  EXPECT_THAT(importError(dir.write("o.csv", "carrier,THK\nC9,99.5\n"), wrong), HasSubstr("column 'nope'"));
}

TEST_F(ImporterTest, RefusesEmptyHeaderOnlyAndBinaryFilesStoringNothing) {
  EXPECT_THAT(importError(dir.write("e.csv", "")), HasSubstr("empty"));
  EXPECT_THAT(importError(dir.write("h.csv", "lot,parameter,value\n")), HasSubstr("header but no data rows"));
  EXPECT_THAT(importError(dir.write("b.csv", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11))), HasSubstr("binary"));
  EXPECT_THAT(importError(dir.write("d.csv", "lot,lot,value\nL,L,1\n")), HasSubstr("names column 'lot' twice"));
  EXPECT_EQ(count("SELECT count(*) FROM measurement"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM import_batch WHERE status = 'ok'"), 0);
}

TEST_F(ImporterTest, RejectsConflictingUnitForAParameter) {
  const auto report = importFile(ws, dir.write("u.csv", "lot,parameter,value,unit\nL1,THK,100,nm\nL2,THK,1000,A\n"));
  EXPECT_EQ(report.status, "failed");
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_THAT(report.problems[0].message, HasSubstr("differs from the unit 'nm'"));
}

TEST_F(ImporterTest, CancellationRollsBack) {
  std::string content = "lot,site,parameter,value\n";
  for (int i = 0; i < 200000; ++i)
    content += "L" + std::to_string(i % 50) + "," + std::to_string(i) + ",P" + std::to_string(i % 7) + "," + std::to_string(i) + "\n";
  const auto path = dir.write("big.csv", content);
  std::atomic<bool> cancel{false};
  Feedback feedback;
  feedback.cancelFlag = &cancel;
  feedback.onProgress = [&](double f, std::string_view) {
    if (f > 0.3) cancel = true;
  };
  const auto report = importFile(ws, path, {}, feedback);
  EXPECT_EQ(report.status, "cancelled");
  EXPECT_EQ(count("SELECT count(*) FROM measurement"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM import_batch WHERE status = 'cancelled'"), 1);
  EXPECT_EQ(importFile(ws, path).rowsOk, 200000);
}

TEST_F(ImporterTest, ImportsProductsDiesDefectsSpecsAndHistory) {
  importFile(ws, dir.write("p.csv", "product,die_width_um,die_height_um,wafer_diameter_mm,notch,pass_bins\nAX,10000,8000,300,left,1;2\n"));
  importFile(ws, dir.write("d.csv", "lot,wafer,die_x,die_y,bin,product\nL1,1,0,0,1,AX\nL1,1,1,0,2,AX\nL1,1,2,0,7,AX\n"));
  importFile(ws, dir.write("f.csv", "lot,wafer,x_um,y_um,size,class\nL1,1,100,-200,0.5,3\nL1,1,300,400,1.5,1\n"));
  importFile(ws, dir.write("s.csv", "parameter,lsl,target,usl,unit,effective_from\nTHK,95,100,105,nm,2026-01-01\nTHK,96,100,104,nm,2026-06-01\n"));
  importFile(ws, dir.write("h.csv", "lot,wafer,step,tool,chamber,recipe,track_in,track_out\nL1,,ETCH,E3,B,R1,2026-05-01T10:00:00Z,2026-05-01T11:00:00Z\n"));

  const auto product = store::loadProduct(ws.db(), "AX");
  ASSERT_TRUE(product);
  EXPECT_EQ(product->notch, "left");
  EXPECT_THAT(product->passBins, ElementsAre(1, 2));
  const auto dies = store::loadDies(ws.db());
  ASSERT_EQ(dies.size(), 1u);
  EXPECT_EQ(dies[0].product, "AX");
  ASSERT_EQ(dies[0].dies.size(), 3u);
  EXPECT_TRUE(dies[0].dies[0].pass);
  EXPECT_TRUE(dies[0].dies[1].pass);   // bin 2 passes for AX
  EXPECT_FALSE(dies[0].dies[2].pass);
  const auto defects = store::loadDefects(ws.db());
  ASSERT_EQ(defects.size(), 1u);
  EXPECT_EQ(defects[0].defects[1].defectId, 2);
  EXPECT_DOUBLE_EQ(defects[0].defects[1].sizeUm, 1.5);
  const auto early = store::specInForce(ws.db(), "THK", "AX", 1772348400000);  // 2026-03-01
  ASSERT_TRUE(early);
  EXPECT_EQ(*early->lsl, 95);
  EXPECT_EQ(*store::specInForce(ws.db(), "THK", "AX")->lsl, 96);
  const auto etch = store::processAtStep(ws.db(), "ETCH");
  ASSERT_EQ(etch.size(), 1u);
  EXPECT_EQ(etch[0].processTool, "E3");
  EXPECT_EQ(etch[0].chamber, "B");
}

TEST_F(ImporterTest, ProductsCarryTheirDieGridOffset) {
  const auto r = importFile(ws, dir.write("p.csv",
                                          "product,die_width_um,die_height_um,origin_x,origin_y,grid_offset_x_um,"
                                          "grid_offset_y_um\nEVEN,10000,8000,3,2,-5000,4000\nPLAIN,10000,8000,0,0,,\n"));
  ASSERT_EQ(r.status, "ok");
  const auto even = store::loadProduct(ws.db(), "EVEN");
  ASSERT_TRUE(even);
  EXPECT_DOUBLE_EQ(even->gridOffsetXUm, -5000);
  EXPECT_DOUBLE_EQ(even->gridOffsetYUm, 4000);
  // The layout places the origin die's cell at the offset: a grid whose
  // centre falls on a corner between four dies.
  const auto layout = wafer::layoutFromProduct(*even);
  const auto centre = wafer::dieCentre(wafer::productDieFrame(layout), {3, 2});
  EXPECT_NEAR(centre.x, -5000, 1e-9);
  EXPECT_NEAR(centre.y, 4000, 1e-9);
  EXPECT_DOUBLE_EQ(store::loadProduct(ws.db(), "PLAIN")->gridOffsetXUm, 0);  // empty: the origin die on the centre
  const auto bad = importFile(ws, dir.write("q.csv", "product,die_width_um,die_height_um,grid_offset_x_um\nX,1,1,left\n"));
  EXPECT_EQ(bad.status, "failed");
  ASSERT_FALSE(bad.problems.empty());
  EXPECT_THAT(bad.problems[0].describe("q.csv"), HasSubstr("q.csv:2:"));
  EXPECT_THAT(bad.problems[0].message, HasSubstr("expected a number, found 'left'"));
}

TEST_F(ImporterTest, RejectsInconsistentSpecRows) {
  const auto r = importFile(ws, dir.write("s.csv", "parameter,lsl,target,usl\nTHK,105,100,95\nCD,,,\n"));
  EXPECT_EQ(r.status, "failed");
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_THAT(r.problems[0].message, HasSubstr("is not above LSL"));
  EXPECT_THAT(r.problems[1].message, HasSubstr("needs an LSL, a USL or both"));
}

TEST_F(ImporterTest, HostileNamesAreStoredVerbatim) {
  const std::string lot = "L'1; DROP TABLE lot; --";
  const std::string parameter = "THK\"); DELETE FROM measurement; --";
  importFile(ws, dir.write("x.csv", "lot,parameter,value\n\"" + lot + "\",\"" + std::string("THK\"\"); DELETE FROM measurement; --") + "\",1.5\n"));
  const auto s = store::loadMeasurements(ws.db(), parameter, {{lot}, {}, {}, ""});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.lot[0], lot);
  EXPECT_EQ(count("SELECT count(*) FROM lot"), 1);
}

TEST_F(ImporterTest, PreviewGuessesKindAndRoles) {
  const auto preview = previewFile(dir.write("d.csv", "LOT;WAFER;X;Y;SOFTBIN\nL1;1;3;4;1\n"));
  EXPECT_EQ(preview.delimiter, ';');
  EXPECT_EQ(preview.kind, ImportKind::Dies);
  ASSERT_TRUE(preview.mapping);
  EXPECT_EQ(*preview.mapping->column(Role::DieX), 2u);
  EXPECT_EQ(*preview.mapping->column(Role::Bin), 4u);
  EXPECT_EQ(preview.rows.size(), 1u);
}

TEST_F(ImporterTest, EuropeanExportImportsTheValuesWritten) {
  // As a European MES or Excel writes it: ';', decimal commas, dd.mm.yyyy hh:mm.
  const auto report = importFile(ws, dir.write("eu.csv",
                                               "Lot;Wafer;Site;Parameter;Value;Unit;Time\n"
                                               "L1;1;1;THK;1000,5;nm;01.03.2026 08:15\n"
                                               "L1;1;2;THK;-0,25;nm;01.03.2026 08:15:30\n"
                                               "L1;2;1;THK;12,125;nm;13.03.2026 23:59\n"
                                               "L1;2;2;THK;7;nm;13.03.2026 23:59\n"));
  ASSERT_EQ(report.status, "ok") << report.message;
  EXPECT_EQ(report.rowsOk, 4);
  EXPECT_EQ(report.numberFormat, "decimal comma (detected)");
  EXPECT_EQ(report.dateFormat, "day first: dd.mm.yyyy or dd/mm/yyyy hh:mm[:ss] (detected)");
  const auto thk = store::loadMeasurements(ws.db(), "THK");
  ASSERT_EQ(thk.size(), 4u);
  EXPECT_THAT(thk.value, ElementsAre(1000.5, -0.25, 12.125, 7.0));
  // Epoch milliseconds from Python's datetime(…, tzinfo=utc).timestamp().
  EXPECT_THAT(thk.time, ElementsAre(1772352900000, 1772352930000, 1773446340000, 1773446340000));
}

TEST_F(ImporterTest, UsDatesAreMonthFirst) {
  const auto report = importFile(ws, dir.write("us.csv",
                                               "lot,parameter,value,time\n"
                                               "L1,THK,1.5,01/02/2026 06:00:05\n"
                                               "L1,THK,2.5,12/24/2026 18:30\n"));
  ASSERT_EQ(report.status, "ok") << report.message;
  EXPECT_EQ(report.numberFormat, "decimal point (default)");
  EXPECT_EQ(report.dateFormat, "month first: mm/dd/yyyy hh:mm[:ss] (detected)");
  const auto thk = store::loadMeasurements(ws.db(), "THK");
  EXPECT_THAT(thk.time, ElementsAre(1767333605000, 1798137000000));
}

TEST_F(ImporterTest, ThousandsAreRefusedUntilDeclared) {
  const auto path = dir.write("k.csv",
                              "lot;parameter;value\n"
                              "L1;THK;1000,5\n"
                              "L1;CD;1.250,75\n");
  const auto refused = importFile(ws, path);
  EXPECT_EQ(refused.status, "failed");
  ASSERT_EQ(refused.problems.size(), 1u);
  EXPECT_EQ(refused.problems[0].describe(path),
            path +
                ":3:7: column 'value': expected a number with a decimal comma, found '1.250,75'; it looks like "
                "a number with thousands separators: declare them with --thousands .");
  EXPECT_EQ(count("SELECT count(*) FROM measurement"), 0);

  ImportOptions declared;
  declared.format.thousands = '.';
  declared.batch.force = true;
  const auto accepted = importFile(ws, path, declared);
  ASSERT_EQ(accepted.status, "ok") << accepted.message;
  EXPECT_EQ(accepted.numberFormat, "decimal comma, thousands . (declared)");
  EXPECT_THAT(store::loadMeasurements(ws.db(), "THK").value, ElementsAre(1000.5));
  EXPECT_THAT(store::loadMeasurements(ws.db(), "CD").value, ElementsAre(1250.75));
}

TEST_F(ImporterTest, AmbiguousDatesAreRefusedUntilDeclared) {
  const auto path =
      dir.write("a.csv", "lot,parameter,value,time\nL1,THK,1,03/04/2026 08:00\nL1,THK,2,05/06/2026 08:00\n");
  EXPECT_THAT(importError(path), HasSubstr("could be day/month or month/day"));
  EXPECT_EQ(count("SELECT count(*) FROM import_batch"), 0);
  ImportOptions declared;
  declared.format.dates = DateOrder::DayMonthYear;
  const auto r = importFile(ws, path, declared);
  ASSERT_EQ(r.status, "ok") << r.message;
  EXPECT_EQ(r.dateFormat, "day first: dd.mm.yyyy or dd/mm/yyyy hh:mm[:ss] (declared)");
  // 3 April 2026 08:00 UTC = 2026-03-01T08:00Z (1772352000000) + 33 days.
  EXPECT_EQ(store::loadMeasurements(ws.db(), "THK").time[0], 1772352000000 + 33 * 86400000LL);
}

TEST_F(ImporterTest, PreviewStatesTheFormats) {
  const auto preview = previewFile(dir.write("p.csv", "lot;parameter;value;time\nL1;THK;0,5;24.12.2026 18:30\n"));
  ASSERT_TRUE(preview.format);
  EXPECT_EQ(preview.format->numberDescription(), "decimal comma (detected)");
  EXPECT_EQ(preview.format->dates, DateOrder::DayMonthYear);
  const auto ambiguous = previewFile(dir.write("q.csv", "lot,parameter,value,time\nL1,THK,1,03/04/2026\n"));
  EXPECT_FALSE(ambiguous.format);
  EXPECT_THAT(ambiguous.formatError, HasSubstr("--date-format"));
}

}  // namespace
}  // namespace fab::io

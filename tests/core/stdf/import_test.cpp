// Importing STDF into a workspace: every real file imports; parts, dies, bins,
// measurements and specs are those of the file's own records; a retested die
// keeps its final bin; a file imported twice or cut short stores nothing.
#include "core/stdf/stdf_import.h"

#include <gtest/gtest.h>

#include <set>

#include "core/common/error.h"
#include "core/store/dies.h"
#include "tests/core/stdf/stdf_builder.h"
#include "tests/core/stdf/stdf_files.h"
#include "tests/support/test_workspace.h"

namespace fab::stdf {
namespace {

std::int64_t count(store::Database& db, const std::string& sql, std::int64_t bind = -1) {
  auto q = db.prepare(sql);
  if (bind >= 0) q.bind(1, bind);
  return q.step() ? q.integer(0) : -1;
}

/// The PRRs of a file read from the bytes: hard bin (body bytes 5–6) and coordinates (9–12).
struct PrrRow {
  int hardBin, x, y;
};
std::vector<PrrRow> prrRows(const std::string& bytes) {
  const bool big = bytes[4] == 1;
  std::vector<PrrRow> rows;
  auto u2 = [&](const unsigned char* p) { return big ? (p[0] << 8 | p[1]) : (p[1] << 8 | p[0]); };
  for (const auto& h : test::walkHeaders(bytes)) {
    if (h.type != 5 || h.sub != 20) continue;
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data() + h.offset + 4);
    rows.push_back({u2(b + 5), static_cast<std::int16_t>(u2(b + 9)), static_cast<std::int16_t>(u2(b + 11))});
  }
  return rows;
}

TEST(StdfImport, EveryRealFileImports) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  for (const auto& path : test::realStdfFiles()) {
    SCOPED_TRACE(path);
    const auto bytes = test::decompressedBytes(path);
    const auto counts = test::countByType(test::walkHeaders(bytes));
    const auto prrs = counts.count({5, 20}) ? counts.at({5, 20}) : 0;
    const auto report = importStdf(ws, path);
    EXPECT_EQ(report.status, "ok") << report.message;
    EXPECT_EQ(report.kind, "stdf");
    auto& db = ws.db();
    const auto run = count(db, "SELECT id FROM test_run WHERE batch_id = ?", report.batchId);
    ASSERT_GT(run, 0);
    EXPECT_EQ(count(db, "SELECT count(*) FROM part WHERE run_id = ?", run), prrs);
    EXPECT_EQ(count(db, "SELECT parts FROM test_run WHERE id = ?", run), prrs);
    EXPECT_EQ(count(db, "SELECT count(*) FROM measurement WHERE batch_id = ?", report.batchId) + prrs, report.rowsOk);
    EXPECT_TRUE(looksLikeStdf(path));
  }
  EXPECT_FALSE(looksLikeStdf(test::stdfFile("STDF.RADAR/a595-tst_2_mcc_TEST_dec02_08_54.data.gz")));
}

TEST(StdfImport, A595LotHasItsDiesBinsTestsAndLimits) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  const auto path = test::stdfFile("stdflib/a595.stdf");
  const auto report = importStdf(ws, path);
  ASSERT_EQ(report.status, "ok") << report.message;
  auto& db = ws.db();
  // Three wafers (WIR WAFER_ID 02, 03, 09 → slots 2, 3, 9), 112 dies each.
  const auto rows = prrRows(test::decompressedBytes(path));
  ASSERT_EQ(rows.size(), 336u);
  const auto dies = store::loadDies(db, {{"TEST"}, std::nullopt});
  ASSERT_EQ(dies.size(), 3u);
  std::vector<int> slots;
  std::map<int, std::int64_t> binCounts;
  std::size_t dieCount = 0;
  for (const auto& w : dies) {
    slots.push_back(w.wafer);
    dieCount += w.dies.size();
    for (const auto& d : w.dies) ++binCounts[d.bin];
  }
  EXPECT_EQ(slots, (std::vector<int>{2, 3, 9}));
  // Each wafer's dies are distinct coordinates; the final bin of each is its last PRR's.
  std::map<std::tuple<int, int, int>, int> lastBin;
  for (std::size_t i = 0; i < rows.size(); ++i)
    lastBin[{static_cast<int>(i / 112), rows[i].x, rows[i].y}] = rows[i].hardBin;
  EXPECT_EQ(dieCount, lastBin.size());
  std::map<int, std::int64_t> expectedBins;
  for (const auto& [key, bin] : lastBin) ++expectedBins[bin];
  EXPECT_EQ(binCounts, expectedBins);
  auto product = db.prepare("SELECT product FROM lot WHERE name = 'TEST'");
  ASSERT_TRUE(product.step());
  EXPECT_EQ(product.text(0), "mcc");
  // Every PTR is a measurement of its part.
  EXPECT_EQ(count(db, "SELECT count(*) FROM measurement WHERE batch_id = ?", report.batchId), 31605);
  // The limits of test 210 (datalog: 35.00 ma < IDD_Static < 55.00 ma) as a spec of the part type.
  auto spec =
      db.prepare("SELECT lsl, usl, unit FROM spec WHERE parameter = '210 IDD_Static <> curr' AND product = 'mcc'");
  ASSERT_TRUE(spec.step());
  EXPECT_NEAR(spec.real(0), 0.035, 1e-9);
  EXPECT_NEAR(spec.real(1), 0.055, 1e-9);
  // Bin names from the HBRs.
  EXPECT_EQ(count(db, "SELECT count(*) FROM bin_name WHERE kind = 'hard'"), 4);
}

TEST(StdfImport, ReimportIsRefusedAndChangesNothing) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  const auto path = test::stdfFile("stdf2xls4/d10_1.std");
  ASSERT_EQ(importStdf(ws, path).status, "ok");
  const auto measurements = count(ws.db(), "SELECT count(*) FROM measurement");
  EXPECT_THROW(importStdf(ws, path), Error);
  EXPECT_EQ(count(ws.db(), "SELECT count(*) FROM measurement"), measurements);
  EXPECT_EQ(count(ws.db(), "SELECT count(*) FROM test_run"), 1);
}

TEST(StdfImport, ATruncatedFileStoresNothing) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  const auto bytes = test::decompressedBytes(test::stdfFile("rust-stdf_galaxy_demo/lot2.stdf.gz"));
  const auto cut = dir.write("cut.stdf", bytes.substr(0, bytes.size() * 2 / 3 + 1));
  try {
    importStdf(ws, cut);
    FAIL() << "a truncated file was imported";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  }
  auto& db = ws.db();
  EXPECT_EQ(count(db, "SELECT count(*) FROM measurement"), 0);
  EXPECT_EQ(count(db, "SELECT count(*) FROM part"), 0);
  EXPECT_EQ(count(db, "SELECT count(*) FROM die"), 0);
  EXPECT_EQ(count(db, "SELECT count(*) FROM import_batch WHERE status = 'failed'"), 1);
  // The problem is kept with the failed batch, at the offset of the record the file ends in.
  const auto headers = test::walkHeaders(bytes);
  const std::size_t end = bytes.size() * 2 / 3 + 1;
  std::size_t last = 0;
  for (const auto& h : headers)
    if (h.offset < end) last = h.offset;
  EXPECT_EQ(count(db, "SELECT line FROM import_error"), static_cast<std::int64_t>(last));
}

TEST(StdfImport, ARetestedDieKeepsItsFinalBinAndBothPassesStayInPart) {
  test::StdfBuilder b(false);
  b.u4(0).u4(1700000000).u1(1).u1('P').u1(' ').u1(' ').u2(0).u1(' ').cn("RT1").cn("PX").end(1, 10);  // MIR
  b.u1(1).u1(255).u4(0).cn("RT1-04").end(2, 10);                                                     // WIR
  const int bins[] = {7, 1, 1};
  const int xs[] = {2, 2, 3};
  for (int i = 0; i < 3; ++i) {
    b.u1(1).u1(0).end(5, 10);
    b.u1(1).u1(0).u1(bins[i] == 1 ? 0 : 0x08).u2(0).u2(bins[i]).u2(bins[i]).i2(xs[i]).i2(5).end(5, 20);
  }
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  ASSERT_EQ(importStdf(ws, dir.write("retest.stdf", b.bytes())).status, "ok");
  auto& db = ws.db();
  const auto dies = store::loadDies(db);
  ASSERT_EQ(dies.size(), 1u);
  EXPECT_EQ(dies[0].wafer, 4);
  ASSERT_EQ(dies[0].dies.size(), 2u);
  for (const auto& d : dies[0].dies) {
    EXPECT_EQ(d.bin, 1);  // (2,5) failed with bin 7 first, then passed
    EXPECT_TRUE(d.pass);
  }
  EXPECT_EQ(count(db, "SELECT count(*) FROM part WHERE retest_of IS NULL"), 2);  // first pass: 2 dies
  EXPECT_EQ(count(db, "SELECT count(*) FROM part WHERE retest_of IS NULL AND passed = 1"), 1);
  EXPECT_EQ(count(db, "SELECT count(*) FROM part WHERE final = 1 AND passed = 1"), 2);  // final: both good
  EXPECT_EQ(count(db, "SELECT retest_of FROM part WHERE seq = 2"), 1);
}

TEST(StdfImport, AFinalTestFileIsOneWaferlessGroupOfParts) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  ASSERT_EQ(importStdf(ws, test::stdfFile("itestinc_stdf2xls/special_stdf/rabbi.stdf")).status, "ok");
  auto& db = ws.db();
  EXPECT_EQ(count(db, "SELECT count(*) FROM part WHERE wafer = 0 AND x IS NULL"), 400);
  EXPECT_EQ(count(db, "SELECT count(*) FROM die"), 0);
  EXPECT_EQ(count(db, "SELECT count(*) FROM wafer"), 0);
}

}  // namespace
}  // namespace fab::stdf

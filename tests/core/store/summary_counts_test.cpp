// The counts a workspace keeps of itself (data/schema/008_summary.sql) equal
// the counts of its tables, read directly, after imports of every kind —
// overlapping ones whose duplicate rows the primary keys skip, values missing,
// retested dies replaced in place — and after the migration fills them for a
// workspace made before it.
#include "core/store/summary_counts.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/demo/demo_workspace.h"
#include "core/io/importer.h"
#include "core/io/klarf_import.h"
#include "core/stdf/stdf_import.h"
#include "core/store/dies.h"
#include "core/store/measurements.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

/// Each parameter's rows, missing values and lots, counted from the measurement table.
std::vector<ParameterSummary> countedParameters(Database& db) {
  std::vector<ParameterSummary> out;
  auto q = db.prepare(
      "SELECT p.name, coalesce(p.unit, ''), count(m.parameter_id), count(m.parameter_id) - count(m.value), "
      "       count(DISTINCT m.lot_id) "
      "FROM parameter p LEFT JOIN measurement m ON m.parameter_id = p.id GROUP BY p.id ORDER BY p.name");
  while (q.step()) out.push_back({q.text(0), q.text(1), q.integer(2), q.integer(3), q.integer(4)});
  return out;
}

/// Each lot's wafers (any of its measurements, dies or defects), measurements, dies and defects, counted.
std::vector<LotSummary> countedLots(Database& db) {
  std::vector<LotSummary> out;
  auto q = db.prepare(
      "SELECT l.name, coalesce(l.product, ''), "
      "  (SELECT count(*) FROM (SELECT wafer FROM measurement WHERE lot_id = l.id UNION "
      "     SELECT wafer FROM die WHERE lot_id = l.id UNION SELECT wafer FROM defect WHERE lot_id = l.id) AS w), "
      "  (SELECT count(*) FROM measurement WHERE lot_id = l.id), (SELECT count(*) FROM die WHERE lot_id = l.id), "
      "  (SELECT count(*) FROM defect WHERE lot_id = l.id) "
      "FROM lot l ORDER BY l.name");
  while (q.step()) out.push_back({q.text(0), q.text(1), q.integer(2), q.integer(3), q.integer(4), q.integer(5)});
  return out;
}

void expectKeptEqualsCounted(Database& db) {
  const auto kept = listParameters(db), counted = countedParameters(db);
  ASSERT_EQ(kept.size(), counted.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    SCOPED_TRACE(kept[i].name);
    EXPECT_EQ(kept[i].name, counted[i].name);
    EXPECT_EQ(kept[i].rows, counted[i].rows);
    EXPECT_EQ(kept[i].missing, counted[i].missing);
    EXPECT_EQ(kept[i].lots, counted[i].lots);
  }
  const auto keptLots = listLots(db), countedLotList = countedLots(db);
  ASSERT_EQ(keptLots.size(), countedLotList.size());
  for (std::size_t i = 0; i < keptLots.size(); ++i) {
    SCOPED_TRACE(keptLots[i].name);
    EXPECT_EQ(keptLots[i].name, countedLotList[i].name);
    EXPECT_EQ(keptLots[i].product, countedLotList[i].product);
    EXPECT_EQ(keptLots[i].wafers, countedLotList[i].wafers);
    EXPECT_EQ(keptLots[i].measurements, countedLotList[i].measurements);
    EXPECT_EQ(keptLots[i].dies, countedLotList[i].dies);
    EXPECT_EQ(keptLots[i].defects, countedLotList[i].defects);
  }
}

/// A long measurement file: lots × 25 wafers × `sites` sites × 3 parameters from lot `firstLot`,
/// one value in 11 missing; `value` tells the files apart (the first stored of a key is kept).
std::string measurements(int firstLot, int lots, int sites, const std::string& value) {
  std::ostringstream out;
  out << "lot,wafer,site,parameter,value,time\n";
  int i = 0;
  for (int l = firstLot; l < firstLot + lots; ++l)
    for (int w = 1; w <= 25; ++w)
      for (int s = 1; s <= sites; ++s)
        for (const char* p : {"CD", "THK", "RS"})
          out << "Q" << l << "," << w << ",S" << s << "," << p << "," << (++i % 11 == 0 ? "N/A" : value)
              << ",2026-03-01T07:00:00Z\n";
  return out.str();
}

std::int64_t batchCount(Database& db, const char* table) {
  auto q = db.prepare(std::string("SELECT count(*) FROM ") + table);
  return q.step() ? q.integer(0) : -1;
}

TEST(SummaryCounts, EqualTheTablesAfterOverlappingImportsOfEveryKind) {
  test::TempDir dir;
  const auto path = test::workspaceIn(dir, "w.fabdb");
  demo::buildDemoWorkspace(path);  // products, specs, history, measurements, dies and defects
  auto ws = Workspace::open(path);
  expectKeptEqualsCounted(ws.db());

  // Lots 0–3, then lots 2–5 with 7 sites: half of the second file repeats keys
  // stored by the first, in runs of 16 rows that straddle wafers, and repeats
  // keys inside itself (the same file body twice).
  const auto first = dir.write("first.csv", measurements(0, 4, 5, "1.5"));
  const auto overlap = measurements(2, 4, 7, "2.5");
  const auto second = dir.write("second.csv", overlap + overlap.substr(overlap.find('\n') + 1));
  for (const auto& file : {first, second}) {
    const auto report = io::importFile(ws, file);
    ASSERT_EQ(report.status, "ok") << report.message;
  }
  // The second file imported again, forced: every row a duplicate.
  io::ImportOptions forced;
  forced.batch.force = true;
  const auto again = io::importFile(ws, second, forced);
  ASSERT_EQ(again.status, "ok") << again.message;
  EXPECT_EQ(again.rowsOk, 0);
  expectKeptEqualsCounted(ws.db());

  // A die map over demo wafers (some dies stored already), and defects on a new lot.
  std::ostringstream dies, defects;
  dies << "lot,wafer,die_x,die_y,bin\n";
  for (int x = -3; x <= 3; ++x)
    for (int y = -3; y <= 3; ++y) dies << "Q1,2," << x << "," << y << ",1\n";
  auto demoLot = listLots(ws.db()).front().name;
  for (int x = 0; x < 4; ++x) dies << demoLot << ",1," << x << ",0,7\n";
  defects << "lot,wafer,x,y,size\n";
  for (int i = 0; i < 9; ++i) defects << "Q7," << i % 3 + 1 << "," << i * 1000 << "," << -i * 500 << ",0.3\n";
  for (const auto& [name, text, kind] : {std::tuple{"dies.csv", dies.str(), io::ImportKind::Dies},
                                         std::tuple{"defects.csv", defects.str(), io::ImportKind::Defects}}) {
    io::ImportOptions options;
    options.kind = kind;
    const auto report = io::importFile(ws, dir.write(name, text), options);
    ASSERT_EQ(report.status, "ok") << report.message;
  }
  expectKeptEqualsCounted(ws.db());

  // Real files: a KLARF inspection and an STDF wafer sort (retested dies replace their bin in place).
  const std::string real = FAB_SOURCE_DIR "/../shared/reference/real/";
  ASSERT_EQ(io::importKlarf(ws, real + "klarf/jklarfreader/simple12.klarf").status, "ok");
  ASSERT_EQ(stdf::importStdf(ws, real + "stdf/stdflib/a595.stdf").status, "ok");
  expectKeptEqualsCounted(ws.db());
  EXPECT_GT(batchCount(ws.db(), "defect"), 9);
}

TEST(SummaryCounts, MigrationFillsThemForAWorkspaceMadeBefore) {
  test::TempDir dir;
  const auto path = test::workspaceIn(dir, "w.fabdb");
  demo::buildDemoWorkspace(path);
  {
    // The workspace as it was before migration 8.
    auto ws = Workspace::open(path);
    ws.db().exec("DROP TABLE parameter_lot_count; DROP TABLE wafer_count; DELETE FROM schema_version WHERE id = 8");
  }
  auto ws = Workspace::open(path);
  ASSERT_GT(batchCount(ws.db(), "parameter_lot_count"), 0);
  expectKeptEqualsCounted(ws.db());
}

}  // namespace
}  // namespace fab::store

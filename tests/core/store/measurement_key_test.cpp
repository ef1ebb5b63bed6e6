// The measurement key starts with the lot (data/schema/009_measurement_by_lot.sql):
// every read of the table names the lot and parameter it reads, so SQLite seeks
// a key range (SEARCH) and never walks the whole table (SCAN), and a workspace
// made with the key that started with the parameter keeps every row across the
// migration.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <mutex>
#include <regex>
#include <set>
#include <sstream>

#include "core/demo/demo_workspace.h"
#include "core/io/importer.h"
#include "core/store/measurements.h"
#include "core/store/table_page.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

/// The text of every statement a connection runs, as prepared (with its ? marks).
class StatementLog {
 public:
  explicit StatementLog(Database& db) : db_(db) { sqlite3_trace_v2(db_.handle(), SQLITE_TRACE_STMT, &record, this); }
  ~StatementLog() { sqlite3_trace_v2(db_.handle(), 0, nullptr, nullptr); }
  StatementLog(const StatementLog&) = delete;
  StatementLog& operator=(const StatementLog&) = delete;
  std::set<std::string> statements() {
    std::lock_guard lock(mutex_);
    return statements_;
  }

 private:
  static int record(unsigned, void* self, void* statement, void*) {
    auto& log = *static_cast<StatementLog*>(self);
    std::lock_guard lock(log.mutex_);  // an import writes on a thread of its own
    log.statements_.insert(sqlite3_sql(static_cast<sqlite3_stmt*>(statement)));
    return 0;
  }
  Database& db_;
  std::mutex mutex_;
  std::set<std::string> statements_;
};

/// The lines of SQLite's plan for `sql` that read the measurement table (as m or by name).
std::vector<std::string> measurementPlan(Database& db, const std::string& sql) {
  static const std::regex readsMeasurement(R"(^(SCAN|SEARCH) (m|measurement)\b)");
  std::vector<std::string> lines;
  auto q = db.prepare("EXPLAIN QUERY PLAN " + sql);
  while (q.step())
    if (std::regex_search(q.text(3), readsMeasurement)) lines.push_back(q.text(3));
  return lines;
}

/// Measurements of three parameters on lots Q<first>…, one value a site.
std::string measurements(int firstLot, int lots) {
  std::ostringstream out;
  out << "lot,wafer,site,parameter,value,time\n";
  for (int l = firstLot; l < firstLot + lots; ++l)
    for (int w = 1; w <= 5; ++w)
      for (int s = 1; s <= 5; ++s)
        for (const char* p : {"CD", "THK", "RS"})
          out << "Q" << l << "," << w << ",S" << s << "," << p << "," << l + w * 0.1 + s * 0.01
              << ",2026-03-0" << 1 + s % 5 << "T07:00:00Z\n";
  return out.str();
}

TEST(MeasurementKey, EveryReadByParameterSeeksTheKeyOfALot) {
  if (test::workspacesOnPostgres()) GTEST_SKIP() << "reads SQLite's query plans";
  test::TempDir dir;
  const auto path = test::workspaceIn(dir, "w.fabdb");
  demo::buildDemoWorkspace(path);
  auto ws = Workspace::open(path);
  StatementLog log(ws.db());

  // An import that repeats stored keys: the stored rows of its lots are counted from the table.
  const auto first = dir.write("first.csv", measurements(0, 3));
  const auto overlap = dir.write("overlap.csv", measurements(2, 3));
  for (const auto& file : {first, overlap}) ASSERT_EQ(io::importFile(ws, file).status, "ok");

  MeasurementFilter window;
  window.from = 0;
  window.to = std::int64_t{1} << 50;
  for (const auto& filter : {MeasurementFilter{}, window}) EXPECT_GT(loadMeasurements(ws.db(), "THK", filter).size(), 0u);

  for (const std::string& parameter : {std::string(), std::string("CD")})
    for (const std::string& lot : {std::string(), std::string("Q3")})
      for (const auto& sort : {std::optional<MeasurementColumn>(), std::optional(MeasurementColumn::Value)})
        for (const bool descending : {false, true}) {
          MeasurementQuery q{parameter, lot, "", sort, descending};
          const auto page = fetchMeasurementPage(ws.db(), q, std::nullopt, 7);
          ASSERT_TRUE(page.next);
          EXPECT_FALSE(fetchMeasurementPage(ws.db(), q, page.next, 7).rows.empty());
          EXPECT_FALSE(fetchMeasurementPage(ws.db(), q, page.next, 7, 10).rows.empty());
          EXPECT_GE(countMeasurements(ws.db(), q), 25);
        }

  int reads = 0;
  for (const auto& sql : log.statements()) {
    if (!std::regex_search(sql, std::regex(R"(\bmeasurement\b)")) || sql.starts_with("INSERT")) continue;
    SCOPED_TRACE(sql);
    const auto plan = measurementPlan(ws.db(), sql);
    EXPECT_FALSE(plan.empty());
    for (const auto& line : plan)
      EXPECT_TRUE(line.starts_with("SEARCH") && line.find("(lot_id=? AND parameter_id=?") != std::string::npos)
          << line;
    ++reads;
  }
  // The series, the uncounted lots' counts, and the page, jump and count queries of the table view.
  EXPECT_GE(reads, 10);
}

/// Every row of the table in one total order, each as text.
std::vector<std::string> everyRow(Database& db) {
  std::vector<std::string> rows;
  auto q = db.prepare(
      "SELECT parameter_id, lot_id, wafer, site_id, time, quote(x), quote(y), quote(value), quote(tool_id), batch_id "
      "FROM measurement ORDER BY parameter_id, lot_id, wafer, site_id, time");
  while (q.step()) {
    std::string row;
    for (int i = 0; i < 10; ++i) row += q.text(i) + "|";
    rows.push_back(row);
  }
  return rows;
}

/// The measurement table's primary key columns, in key order.
std::vector<std::string> keyColumns(Database& db) {
  std::vector<std::string> columns;
  auto q = db.prepare(db.backend() == Database::Backend::PostgreSQL
                          ? "SELECT CAST(a.attname AS TEXT) FROM pg_index i JOIN pg_attribute a "
                            "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                            "WHERE i.indrelid = CAST('measurement' AS regclass) AND i.indisprimary "
                            "ORDER BY array_position(CAST(i.indkey AS int2[]), a.attnum)"
                          : "SELECT i.name FROM pragma_index_list('measurement') l, pragma_index_info(l.name) i "
                            "WHERE l.origin = 'pk' ORDER BY i.seqno");
  while (q.step()) columns.push_back(q.text(0));
  return columns;
}

TEST(MeasurementKey, StartsWithTheLot) {
  test::TempDir dir;
  auto ws = Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  EXPECT_EQ(keyColumns(ws.db()), (std::vector<std::string>{"lot_id", "parameter_id", "wafer", "site_id", "time"}));
}

TEST(MeasurementKey, MigrationKeepsEveryRowOfAWorkspaceMadeBefore) {
  if (test::workspacesOnPostgres()) GTEST_SKIP() << "rebuilds a SQLite workspace as it was before";
  test::TempDir dir;
  const auto path = dir.path("w.fabdb");
  demo::buildDemoWorkspace(path);
  std::vector<std::string> before;
  std::vector<ParameterSummary> countsBefore;
  {
    // The workspace as it was before migration 9: the key starts with the parameter.
    auto ws = Workspace::open(path);
    ASSERT_EQ(keyColumns(ws.db()), (std::vector<std::string>{"lot_id", "parameter_id", "wafer", "site_id", "time"}));
    ws.db().exec(
        "ALTER TABLE measurement RENAME TO measurement_by_lot;"
        "CREATE TABLE measurement(parameter_id INTEGER NOT NULL, lot_id INTEGER NOT NULL, wafer INTEGER NOT NULL, "
        "  site_id INTEGER NOT NULL, time INTEGER NOT NULL, x REAL, y REAL, value REAL, tool_id INTEGER, "
        "  batch_id INTEGER NOT NULL, PRIMARY KEY(parameter_id, lot_id, wafer, site_id, time)) WITHOUT ROWID;"
        "INSERT INTO measurement SELECT * FROM measurement_by_lot; DROP TABLE measurement_by_lot;"
        "DELETE FROM schema_version WHERE id = 9");
    ASSERT_EQ(keyColumns(ws.db()), (std::vector<std::string>{"parameter_id", "lot_id", "wafer", "site_id", "time"}));
    before = everyRow(ws.db());
    countsBefore = listParameters(ws.db());
  }
  ASSERT_GT(before.size(), 1000u);
  auto ws = Workspace::open(path);
  EXPECT_GE(ws.schemaVersion(), 9);
  EXPECT_EQ(keyColumns(ws.db()), (std::vector<std::string>{"lot_id", "parameter_id", "wafer", "site_id", "time"}));
  EXPECT_EQ(everyRow(ws.db()), before);
  const auto countsAfter = listParameters(ws.db());
  ASSERT_EQ(countsAfter.size(), countsBefore.size());
  for (std::size_t i = 0; i < countsAfter.size(); ++i) {
    EXPECT_EQ(countsAfter[i].name, countsBefore[i].name);
    EXPECT_EQ(countsAfter[i].rows, countsBefore[i].rows);
    EXPECT_EQ(countsAfter[i].missing, countsBefore[i].missing);
    EXPECT_EQ(countsAfter[i].lots, countsBefore[i].lots);
  }
  // The table is stored in its new key order: its rows read in storage order come by lot first.
  auto q = ws.db().prepare("SELECT lot_id, parameter_id FROM measurement");
  std::pair<std::int64_t, std::int64_t> last{-1, -1};
  while (q.step()) {
    const std::pair<std::int64_t, std::int64_t> key{q.integer(0), q.integer(1)};
    ASSERT_LE(last, key);
    last = key;
  }
}

}  // namespace
}  // namespace fab::store

// An import into a PostgreSQL workspace (rows by COPY) stores and counts what
// the same import stores and counts in an SQLite file: the first of rows that
// share a key, no key twice across batches, missing values kept as NULL.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <vector>

#include "core/io/importer.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

/// A query's rows, each as its columns' text joined by '|' (NULL as "NULL"):
/// the same on both backends, reals included (written as SQLite writes them).
std::vector<std::string> rows(Database& db, const std::string& sql) {
  std::vector<std::string> out;
  auto q = db.prepare(sql);
  while (q.step()) {
    std::string row;
    for (int c = 0; c < q.columnCount(); ++c) row += (q.isNull(c) ? std::string("NULL") : q.text(c)) + "|";
    out.push_back(std::move(row));
  }
  return out;
}

const char* kMeasurements =
    "SELECT p.name, l.name, m.wafer, coalesce(s.name, ''), m.time, m.value FROM measurement m "
    "JOIN parameter p ON p.id = m.parameter_id JOIN lot l ON l.id = m.lot_id LEFT JOIN site s ON s.id = m.site_id "
    "ORDER BY p.name, l.name, m.wafer, s.name, m.time";
const char* kDies =
    "SELECT l.name, d.wafer, d.die_x, d.die_y, d.bin, d.pass FROM die d JOIN lot l ON l.id = d.lot_id "
    "ORDER BY l.name, d.wafer, d.die_x, d.die_y";

TEST(PostgresImport, StoresAndCountsAsTheSameImportIntoAFile) {
  FAB_NEEDS_POSTGRES();
  test::TempDir dir;
  // 40 000 rows: more than one chunk of the import pipeline, with a key
  // repeated inside the file (other value: the first is kept), values missing,
  // and a second file that overlaps the first by half.
  std::ostringstream first, second;
  first << "lot,wafer,site,parameter,value,time\n";
  second << "lot,wafer,site,parameter,value,time\n";
  for (int i = 0; i < 40000; ++i) {
    const std::string key = "L" + std::to_string(i / 1000) + "," + std::to_string(i / 40 % 25 + 1) + ",S" +
                            std::to_string(i % 40) + ",THK,";
    const std::string value = i % 97 == 0 ? "N/A" : std::to_string(100 + i % 13) + ".25";
    first << key << value << ",2026-03-01T07:00:00Z\n";
    if (i % 5000 == 17) first << key << "999,2026-03-01T07:00:00Z\n";  // repeats a key
    if (i >= 20000) second << key << "555,2026-03-01T07:00:00Z\n";
  }
  for (int i = 0; i < 20000; ++i)
    second << "M" << i / 1000 << "," << i / 40 % 25 + 1 << ",S" << i % 40 << ",THK,1.5,2026-03-02T07:00:00Z\n";
  const auto a = dir.write("a.csv", first.str()), b = dir.write("b.csv", second.str());

  auto file = Workspace::openOrCreate(dir.path("w.fabdb"));
  auto server = Workspace::openOrCreate(test::PostgresSchemas::instance().fresh());
  ASSERT_EQ(server.db().backend(), Database::Backend::PostgreSQL);
  // Counted from the files as written: 40 000 keys, 8 repeated, 413 (i = 0, 97, …) without a value; the
  // second file's 40 000 rows hold 20 000 keys of the first and 20 000 new ones.
  const std::int64_t ok[] = {40000, 20000}, duplicate[] = {8, 20000}, missing[] = {413, 0};
  for (int k = 0; k < 2; ++k) {
    const auto& csv = k == 0 ? a : b;
    const auto onFile = io::importFile(file, csv);
    const auto onServer = io::importFile(server, csv);
    ASSERT_EQ(onServer.status, "ok") << onServer.message;
    EXPECT_EQ(onServer.rowsOk, ok[k]) << csv;
    EXPECT_EQ(onServer.rowsDuplicate, duplicate[k]) << csv;
    EXPECT_EQ(onServer.rowsMissing, missing[k]) << csv;
    EXPECT_EQ(onServer.rowsOk, onFile.rowsOk) << csv;
    EXPECT_EQ(onServer.rowsDuplicate, onFile.rowsDuplicate) << csv;
    EXPECT_EQ(onServer.rowsMissing, onFile.rowsMissing) << csv;
  }
  const auto stored = rows(server.db(), kMeasurements);
  EXPECT_EQ(stored.size(), 60000u);
  EXPECT_EQ(stored, rows(file.db(), kMeasurements));
}

TEST(PostgresImport, DieMapsInBulkStoreAndCountAsRowByRowIntoAFile) {
  FAB_NEEDS_POSTGRES();
  test::TempDir dir;
  // 2 lots × 5 wafers × 40 × 50 dies = 20 000 rows (more than one bulk of
  // 16 384), a die repeated with another bin (the first is kept), and a second
  // file that repeats one wafer and adds one.
  std::ostringstream first, second;
  first << "lot,wafer,die_x,die_y,bin,pass\n";
  second << "lot,wafer,die_x,die_y,bin\n";
  for (int lot = 0; lot < 2; ++lot)
    for (int w = 1; w <= 5; ++w)
      for (int x = 0; x < 40; ++x)
        for (int y = 0; y < 50; ++y) {
          first << "D" << lot << "," << w << "," << x << "," << y << "," << 1 + (x * y) % 7 << "," << ((x * y) % 7 == 0)
                << "\n";
          if (lot == 0 && w == 1) second << "D0,1," << x << "," << y << ",9\n";
          if (lot == 0 && w == 2 && x == 3 && y == 4) first << "D0,2,3,4,8,0\n";  // repeats a die
          if (lot == 1 && w == 5) second << "D1,6," << x << "," << y << ",2\n";
        }
  io::ImportOptions options;
  options.kind = io::ImportKind::Dies;
  auto file = Workspace::openOrCreate(dir.path("w.fabdb"));
  auto server = Workspace::openOrCreate(test::PostgresSchemas::instance().fresh());
  const std::int64_t ok[] = {20000, 2000}, duplicate[] = {1, 2000};  // counted from the files as written
  for (int k = 0; k < 2; ++k) {
    const auto csv = dir.write("d" + std::to_string(k) + ".csv", (k == 0 ? first : second).str());
    const auto onFile = io::importFile(file, csv, options);
    const auto onServer = io::importFile(server, csv, options);
    ASSERT_EQ(onServer.status, "ok") << onServer.message;
    EXPECT_EQ(onServer.rowsOk, ok[k]);
    EXPECT_EQ(onServer.rowsDuplicate, duplicate[k]);
    EXPECT_EQ(onServer.rowsOk, onFile.rowsOk);
    EXPECT_EQ(onServer.rowsDuplicate, onFile.rowsDuplicate);
  }
  const auto stored = rows(server.db(), kDies);
  EXPECT_EQ(stored.size(), 22000u);
  EXPECT_EQ(stored, rows(file.db(), kDies));

  // A bad row fails the whole file: nothing of it is stored.
  const auto bad = dir.write("bad.csv", "lot,wafer,die_x,die_y,bin\nD9,1,0,0,1\nD9,1,0,1,x\n");
  EXPECT_EQ(io::importFile(server, bad, options).status, "failed");
  EXPECT_EQ(rows(server.db(), kDies).size(), 22000u);
}

}  // namespace
}  // namespace fab::store

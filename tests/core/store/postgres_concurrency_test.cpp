// Engineers importing into one shared workspace at once (FAB_TEST_PG_URL;
// skipped without a server): each import is whole, lots and parameters that
// several files name are stored once, and no measurement is lost or doubled.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "core/io/import_batch.h"
#include "core/io/importer.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

std::int64_t scalar(Database& db, const std::string& sql) {
  auto q = db.prepare(sql);
  return q.step() ? q.integer(0) : -1;
}

TEST(PostgresConcurrency, SimultaneousImportsOfTheSameLotsKeepEveryRowOnce) {
  FAB_NEEDS_POSTGRES();
  test::TempDir dir;
  const auto url = test::PostgresSchemas::instance().fresh();
  { Workspace::openOrCreate(url); }
  // Four files, one per engineer: the same 10 lots and 3 parameters, each file
  // its own wafers (wafer = file + 1), 30 000 rows each; and a fifth file that
  // repeats the first file's rows.
  constexpr int kFiles = 4, kRows = 30000;
  std::vector<std::string> files;
  for (int f = 0; f < kFiles; ++f) {
    std::ostringstream csv;
    csv << "lot,wafer,site,parameter,value,time\n";
    for (int i = 0; i < kRows; ++i)
      csv << "LOT" << i % 10 << "," << f + 1 << "," << i / 30 << ",P" << i % 3 << "," << 1 + i % 17
          << ",2026-04-01T08:00:00Z\n";
    files.push_back(dir.write("f" + std::to_string(f) + ".csv", csv.str()));
  }
  files.push_back(dir.write("again.csv", [&] {
    std::ifstream in(files[0]);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }()));
  std::vector<io::ImportReport> reports(files.size());
  std::vector<std::string> errors(files.size());
  std::vector<std::thread> engineers;
  for (std::size_t f = 0; f < files.size(); ++f)
    engineers.emplace_back([&, f] {
      try {
        auto ws = Workspace::open(url);  // a connection of its own
        io::ImportOptions options;
        options.batch.force = true;  // the fifth file has the first one's content
        reports[f] = io::importFile(ws, files[f], options);
      } catch (const std::exception& e) {
        errors[f] = e.what();
      }
    });
  for (auto& t : engineers) t.join();
  std::int64_t stored = 0, duplicates = 0;
  for (std::size_t f = 0; f < files.size(); ++f) {
    ASSERT_EQ(errors[f], "") << files[f];
    EXPECT_EQ(reports[f].status, "ok") << reports[f].message;
    stored += reports[f].rowsOk;
    duplicates += reports[f].rowsDuplicate;
  }
  // 4 files × 30 000 distinct keys; the repeated file's rows are all duplicates
  // of one of the two imports of those keys, whichever stored them first.
  EXPECT_EQ(stored, kFiles * kRows);
  EXPECT_EQ(duplicates, kRows);
  auto ws = Workspace::open(url);
  EXPECT_EQ(scalar(ws.db(), "SELECT count(*) FROM measurement"), kFiles * kRows);
  EXPECT_EQ(scalar(ws.db(), "SELECT count(*) FROM lot"), 10);
  EXPECT_EQ(scalar(ws.db(), "SELECT count(*) FROM parameter"), 3);
  EXPECT_EQ(scalar(ws.db(), "SELECT count(*) FROM import_batch WHERE status = 'ok'"), 5);
}

TEST(PostgresConcurrency, OpeningMarksACutOffBatchFailedAndLeavesARunningImportAlone) {
  FAB_NEEDS_POSTGRES();
  test::TempDir dir;
  const auto url = test::PostgresSchemas::instance().fresh();
  // A batch left 'running' by an import whose connection went away: nothing holds its row.
  Workspace::openOrCreate(url).db().exec(
      "INSERT INTO import_batch(source, sha256, kind, started, status) VALUES ('cut.csv', 'abc', 'measurements', 1, "
      "'running')");
  auto engineer = Workspace::open(url);
  EXPECT_EQ(engineer.recoveredBatches(), 1);
  {
    // An import in progress on this connection holds its batch's row ...
    io::ImportBatch alive(engineer, dir.write("m.csv", "lot,parameter,value\nL1,THK,1\n"), "measurements", {});
    // ... so another engineer opening the workspace meanwhile leaves it running.
    auto other = Workspace::open(url);
    EXPECT_EQ(other.recoveredBatches(), 0);
    EXPECT_EQ(scalar(other.db(), "SELECT count(*) FROM import_batch WHERE status = 'running'"), 1);
  }  // abandoned: recorded as failed by the import itself
  EXPECT_EQ(scalar(engineer.db(), "SELECT count(*) FROM import_batch WHERE status = 'running'"), 0);
  EXPECT_EQ(scalar(engineer.db(), "SELECT count(*) FROM import_batch WHERE status = 'failed'"), 2);
}

}  // namespace
}  // namespace fab::store

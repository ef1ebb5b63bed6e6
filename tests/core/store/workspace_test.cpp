#include "core/store/workspace.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/common/error.h"
#include "core/store/migrations.h"
#include "tests/support/temp_dir.h"

namespace fab::store {
namespace {

using ::testing::HasSubstr;

std::string openError(const std::string& path) {
  try {
    Workspace::open(path);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Workspace, CreatesSchemaWithWalAndForeignKeys) {
  test::TempDir dir;
  auto ws = Workspace::openOrCreate(dir.path("new.fabdb"));
  EXPECT_EQ(ws.schemaVersion(), migrations().back().id);
  auto q = ws.db().prepare("PRAGMA journal_mode");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "wal");
  auto fk = ws.db().prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(fk.step());
  EXPECT_EQ(fk.integer(0), 1);
  for (const char* table : {"import_batch", "import_error", "product", "lot", "wafer", "lot_history", "measurement",
                            "spec", "die", "defect"}) {
    auto t = ws.db().prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    t.bind(1, table);
    ASSERT_TRUE(t.step());
    EXPECT_EQ(t.integer(0), 1) << table;
  }
}

TEST(Workspace, ReopensExistingWorkspace) {
  test::TempDir dir;
  const auto path = dir.path("w.fabdb");
  { Workspace::openOrCreate(path).db().exec("INSERT INTO lot(name) VALUES ('L1')"); }
  auto ws = Workspace::open(path);
  auto q = ws.db().prepare("SELECT name FROM lot");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "L1");
}

TEST(Workspace, RefusesMissingFileAndTextFileWithoutChangingThem) {
  test::TempDir dir;
  EXPECT_THAT(openError(dir.path("none.fabdb")), HasSubstr("does not exist"));
  EXPECT_FALSE(std::filesystem::exists(dir.path("none.fabdb")));
  const std::string text = "lot,value\nL1,1\n" + std::string(2000, 'x');
  const auto p = dir.write("text.fabdb", text);
  EXPECT_THAT(openError(p), HasSubstr("not an SQLite database"));
  EXPECT_EQ(std::filesystem::file_size(p), text.size());
}

TEST(Workspace, RefusesForeignSqliteDatabase) {
  test::TempDir dir;
  const auto p = dir.path("other.db");
  { Database(p, Database::Mode::Create).exec("CREATE TABLE customers(id INTEGER)"); }
  const auto before = std::filesystem::file_size(p);
  EXPECT_THAT(openError(p), HasSubstr("not a fabkit workspace"));
  EXPECT_EQ(std::filesystem::file_size(p), before);
  Database check(p, Database::Mode::ReadOnly);
  auto q = check.prepare("SELECT count(*) FROM sqlite_master");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.integer(0), 1);
}

TEST(Workspace, RefusesNewerSchema) {
  test::TempDir dir;
  const auto p = dir.path("newer.fabdb");
  { Workspace::openOrCreate(p).db().exec("INSERT INTO schema_version VALUES (9999, '9999_future', 0)"); }
  EXPECT_THAT(openError(p), HasSubstr("newer fabkit (schema 9999)"));
}

TEST(Workspace, MarksInterruptedBatchFailedOnOpen) {
  test::TempDir dir;
  const auto p = dir.path("crash.fabdb");
  {
    Workspace::openOrCreate(p).db().exec(
        "INSERT INTO import_batch(source, sha256, kind, started, status) VALUES ('a.csv', 'abc', 'measurements', 1, 'running')");
  }
  auto ws = Workspace::open(p);
  EXPECT_EQ(ws.recoveredBatches(), 1);
  auto q = ws.db().prepare("SELECT status, message FROM import_batch");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "failed");
  EXPECT_THAT(q.text(1), HasSubstr("interrupted"));
}

}  // namespace
}  // namespace fab::store

namespace fab::store {
namespace {

TEST(Workspace, RefusesDamagedWorkspaceWithoutChangingIt) {
  // Found by fuzzing the opener: a file that claims fabkit's first schema but
  // lacks its tables was changed before the open failed.
  test::TempDir dir;
  const auto p = dir.path("damaged.fabdb");
  {
    Database db(p, Database::Mode::Create);
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec("CREATE TABLE schema_version(id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL)");
    db.exec("INSERT INTO schema_version VALUES (1, '001_workspace', 0)");
  }
  std::ifstream before(p, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(before)), std::istreambuf_iterator<char>());
  EXPECT_THAT(openError(p), HasSubstr("damaged fabkit workspace"));
  std::ifstream after(p, std::ios::binary);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(after)), std::istreambuf_iterator<char>()), bytes);
}

TEST(Workspace, RefusesSqliteFileWithFabkitTablesButAnotherApplicationId) {
  test::TempDir dir;
  const auto p = dir.path("other.db");
  { Database(p, Database::Mode::Create).exec("CREATE TABLE schema_version(id INTEGER PRIMARY KEY, name TEXT, applied INTEGER)"); }
  EXPECT_THAT(openError(p), HasSubstr("application id"));
}

}  // namespace
}  // namespace fab::store

namespace fab::store {
namespace {

// A process killed inside a transaction before the workspace was in WAL mode
// (while creating it) leaves a hot rollback journal: the next open rolls it
// back and reads the workspace as it was before that transaction.
TEST(Workspace, OpensAWorkspaceLeftWithAHotJournal) {
  test::TempDir dir;
  const auto path = dir.path("w.fabdb"), copy = dir.path("copy.fabdb");
  { Workspace::openOrCreate(path).db().exec("INSERT INTO lot(name) VALUES ('L1')"); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "PRAGMA journal_mode = DELETE; PRAGMA cache_size = 2; BEGIN IMMEDIATE; "
                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                         "INSERT INTO lot(name) SELECT 'L' || (i + 1) || printf('%.200c', 'x') FROM n",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  // The files as a kill would leave them: the database part-written, the journal beside it.
  ASSERT_TRUE(std::filesystem::exists(path + "-journal"));
  std::filesystem::copy_file(path, copy);
  std::filesystem::copy_file(path + "-journal", copy + "-journal");
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto ws = Workspace::open(copy);
  auto q = ws.db().prepare("SELECT count(*), min(name) FROM lot");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.integer(0), 1);
  EXPECT_EQ(q.text(1), "L1");
}

}  // namespace
}  // namespace fab::store

// The store API on a PostgreSQL server (FAB_TEST_PG_URL; skipped without one):
// values read back as they were written, ids and row counts as SQLite gives
// them, transactions that nest and roll back, and a workspace's schema built
// by the same migrations as a file's.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/store/database.h"
#include "core/store/migrations.h"
#include "core/store/table_page.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

using ::testing::HasSubstr;

class PostgresStore : public ::testing::Test {
 protected:
  void SetUp() override {
    FAB_NEEDS_POSTGRES();
    url_ = test::PostgresSchemas::instance().fresh();
  }
  std::string url_;
};

TEST_F(PostgresStore, BuildsTheSchemaOfEveryMigration) {
  auto ws = Workspace::openOrCreate(url_);
  EXPECT_EQ(ws.db().backend(), Database::Backend::PostgreSQL);
  EXPECT_EQ(ws.schemaVersion(), migrations().back().id);
  auto applied = ws.db().prepare("SELECT count(*) FROM schema_version");
  ASSERT_TRUE(applied.step());
  EXPECT_EQ(applied.integer(0), static_cast<std::int64_t>(migrations().size()));
  for (const char* table : {"import_batch",  "import_error", "product", "lot",         "wafer",        "lot_history",
                            "measurement",   "spec",         "die",     "defect",      "chart_config", "point_note",
                            "gauge_study",   "gauge_rating", "kaizen",  "kaizen_edit", "kanban_card",  "inspection",
                            "inspected_die", "test_run",     "part",    "bin_name"}) {
    auto t = ws.db().prepare(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?");
    t.bind(1, table);
    ASSERT_TRUE(t.step());
    EXPECT_EQ(t.integer(0), 1) << table;
  }
}

TEST_F(PostgresStore, ReopensWithItsRowsAndRefusesADatabaseThatIsNotAWorkspace) {
  { Workspace::openOrCreate(url_).db().exec("INSERT INTO lot(name) VALUES ('L1')"); }
  auto ws = Workspace::open(url_);
  auto q = ws.db().prepare("SELECT name FROM lot");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "L1");

  const auto other = test::PostgresSchemas::instance().fresh();
  Database(other, Database::Mode::ReadWrite).exec("CREATE TABLE notes(t TEXT)");
  try {
    Workspace::open(other);
    FAIL() << "opened a database that is not a workspace";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("not a fabkit workspace"));
  }
}

TEST_F(PostgresStore, ValuesReadBackAsWritten) {
  auto ws = Workspace::openOrCreate(url_);
  auto& db = ws.db();
  db.exec("CREATE TABLE v(i BIGINT, r DOUBLE PRECISION, t TEXT)");
  const std::int64_t big = (std::int64_t{1} << 62) + 7;  // beyond a double's 53 bits
  const double reals[] = {0.1, -1e-300, 6.02214076e23, 1.0 / 3.0, std::numeric_limits<double>::infinity()};
  auto insert = db.prepare("INSERT INTO v(i, r, t) VALUES (?, ?, ?)");
  for (int k = 0; k < 5; ++k)
    insert.bind(1, big - k).bind(2, reals[k]).bind(3, std::string("it's \"") + char('a' + k) + "\" µm ∅").run();
  insert.bind(1, std::optional<std::int64_t>()).bind(2, std::nan("")).bindNull(3).run();
  EXPECT_EQ(db.changes(), 1);

  auto q = db.prepare("SELECT i, r, t FROM v ORDER BY i DESC NULLS LAST");
  for (int k = 0; k < 5; ++k) {
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.integer(0), big - k);
    EXPECT_EQ(q.real(1), reals[k]);  // bit for bit
    EXPECT_EQ(q.text(2), std::string("it's \"") + char('a' + k) + "\" µm ∅");
  }
  ASSERT_TRUE(q.step());
  EXPECT_TRUE(q.isNull(0));
  EXPECT_FALSE(q.optionalInteger(0));
  EXPECT_TRUE(std::isnan(q.real(1)));
  EXPECT_FALSE(q.optionalReal(1));
  EXPECT_TRUE(q.isNull(2));
  EXPECT_FALSE(q.step());
}

TEST_F(PostgresStore, ReadsAnswersAsSQLiteConvertsThem) {
  auto ws = Workspace::openOrCreate(url_);
  // avg and sum of integers are numeric on PostgreSQL; a comparison is a boolean.
  auto q = ws.db().prepare("SELECT avg(x), sum(x), 2 > 1, 1 > 2, '?' FROM (VALUES (1), (2)) AS t(x)");
  ASSERT_TRUE(q.step());
  EXPECT_DOUBLE_EQ(q.real(0), 1.5);
  EXPECT_EQ(q.text(0), "1.5");  // PostgreSQL writes 1.5000000000000000
  EXPECT_EQ(q.integer(0), 1);   // truncated, as SQLite reads 1.5 as an integer
  EXPECT_EQ(q.integer(1), 3);
  EXPECT_EQ(q.text(1), "3");
  EXPECT_EQ(q.integer(2), 1);
  EXPECT_EQ(q.integer(3), 0);
  EXPECT_EQ(q.text(4), "?");  // quoted, not a parameter
}

TEST_F(PostgresStore, RealsReadAsTextAsSQLiteWritesThem) {
  auto ws = Workspace::openOrCreate(url_);
  // sqlite3 3.40: SELECT CAST(0.1 + 0.2 AS TEXT), … gives 0.3|70.0|1.0e+20|12.92840025|1.0e-07|Inf
  auto q = ws.db().prepare("SELECT ?, ?, ?, ?, ?, ?");
  const double values[] = {0.1 + 0.2, 70.0, 1e20, 12.928400249999992, 1e-7, std::numeric_limits<double>::infinity()};
  for (int i = 0; i < 6; ++i) q.bind(i + 1, values[i]);
  ASSERT_TRUE(q.step());
  const char* expected[] = {"0.3", "70.0", "1.0e+20", "12.92840025", "1.0e-07", "Inf"};
  for (int i = 0; i < 6; ++i) EXPECT_EQ(q.text(i), expected[i]) << i;
}

TEST_F(PostgresStore, NumberedParametersAndAStatementRunAgainWithOtherTypes) {
  auto ws = Workspace::openOrCreate(url_);
  auto q = ws.db().prepare("SELECT ?1 + ?2, ?2");
  q.bind(1, std::int64_t{40}).bind(2, std::int64_t{2});
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.integer(0), 42);
  q.reset();
  q.bind(2, 2.5);  // prepared again for a real
  ASSERT_TRUE(q.step());
  EXPECT_DOUBLE_EQ(q.real(0), 42.5);
  EXPECT_DOUBLE_EQ(q.real(1), 2.5);
  EXPECT_FALSE(q.step());
  ASSERT_TRUE(q.step());  // a finished statement runs again, as on SQLite
  EXPECT_DOUBLE_EQ(q.real(0), 42.5);
}

TEST_F(PostgresStore, LastInsertIdAndChangesAsOnSQLite) {
  auto ws = Workspace::openOrCreate(url_);
  auto& db = ws.db();
  auto insert = db.prepare("INSERT INTO lot(name) VALUES (?)");
  insert.bind(1, "A").run();
  const auto a = db.lastInsertId();
  insert.bind(1, "B").run();
  EXPECT_EQ(db.lastInsertId(), a + 1);
  auto ignore = db.prepare("INSERT INTO wafer(lot_id, slot) VALUES (?, ?) ON CONFLICT DO NOTHING");
  ignore.bind(1, a).bind(2, 1).run();
  EXPECT_EQ(db.changes(), 1);
  ignore.run();  // the same wafer again: nothing stored
  EXPECT_EQ(db.changes(), 0);
  db.prepare("UPDATE lot SET product = 'P'").run();
  EXPECT_EQ(db.changes(), 2);
}

TEST_F(PostgresStore, TransactionsNestAndRollBack) {
  auto ws = Workspace::openOrCreate(url_);
  auto& db = ws.db();
  auto count = [&] {
    auto q = db.prepare("SELECT count(*) FROM lot");
    return q.step() ? q.integer(0) : -1;
  };
  {
    Transaction outer(db);
    db.exec("INSERT INTO lot(name) VALUES ('kept')");
    {
      Transaction inner(db);
      db.exec("INSERT INTO lot(name) VALUES ('dropped')");
      // rolled back on leaving the scope
    }
    EXPECT_EQ(count(), 1);
    {
      Transaction failing(db);
      EXPECT_THROW(db.exec("INSERT INTO lot(name) VALUES ('kept')"), Error);  // not unique
    }
    // The savepoint's rollback leaves the outer transaction usable.
    EXPECT_EQ(count(), 1);
    outer.commit();
  }
  {
    Transaction dropped(db);
    db.exec("INSERT INTO lot(name) VALUES ('gone')");
  }
  EXPECT_EQ(count(), 1);
  EXPECT_FALSE(db.inTransaction());
}

TEST_F(PostgresStore, ReadOnlyConnectionRefusesWrites) {
  { Workspace::openOrCreate(url_); }
  Database db(url_, Database::Mode::ReadOnly);
  EXPECT_EQ(lotNames(db).size(), 0u);
  EXPECT_THROW(db.exec("INSERT INTO lot(name) VALUES ('L')"), Error);
}

TEST(PostgresServer, AServerThatIsNotThereFailsWithAMessageNotAHang) {
  try {
    Database db("postgresql://nobody@127.0.0.1:1/none?connect_timeout=5", Database::Mode::ReadWrite);
    FAIL() << "connected to nothing";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot open workspace 'postgresql://nobody@127.0.0.1:1/none"));
  }
}

TEST(PostgresServer, APasswordInTheUrlIsLeftOutOfMessages) {
  try {
    Database db("postgresql://someone:s3cret@127.0.0.1:1/none", Database::Mode::ReadWrite);
    FAIL() << "connected to nothing";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("s3cret")));
    EXPECT_THAT(e.what(), HasSubstr("postgresql://someone@127.0.0.1:1/none"));
  }
}

}  // namespace
}  // namespace fab::store

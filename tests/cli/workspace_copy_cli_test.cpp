// End to end: fabkit-cli workspace copy, file to file and, with the PostgreSQL
// test server (FAB_TEST_PG_URL), file → server → file. Each copy is checked
// here against its source independently of the command's own check: every
// table read from both in its key order, and what info reports.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/store/database.h"
#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace fab {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

/// Every row of a table as text, in the order of its key.
std::vector<std::string> rowsOf(const std::string& workspace, const std::string& sql) {
  store::Database db(workspace, store::Database::Mode::ReadOnly);
  auto q = db.prepare(sql);
  std::vector<std::string> rows;
  while (q.step()) {
    std::string row;
    for (int c = 0; c < q.columnCount(); ++c) {
      // Reals by value: their text differs between SQLite (15 digits) and PostgreSQL (shortest exact).
      if (q.type(c) == store::Statement::ValueType::Real) {
        char buf[32];
        row.append(buf, std::to_chars(buf, buf + sizeof buf, q.real(c)).ptr);
      } else {
        row += q.isNull(c) ? "NULL" : q.text(c);
      }
      row += "|";
    }
    rows.push_back(row);
  }
  return rows;
}

void expectSameWorkspace(const std::string& a, const std::string& b) {
  for (const char* sql :
       {"SELECT parameter_id, lot_id, wafer, site_id, time, x, y, value, tool_id, batch_id FROM measurement "
        "ORDER BY parameter_id, lot_id, wafer, site_id, time",
        "SELECT lot_id, wafer, die_x, die_y, bin, pass, batch_id FROM die ORDER BY lot_id, wafer, die_x, die_y",
        "SELECT id, name, product FROM lot ORDER BY id",
        "SELECT id, source, sha256, kind, status FROM import_batch ORDER BY id",
        "SELECT id, parameter, chart_type, version, center, sigma, approved_by FROM chart_config ORDER BY id",
        "SELECT kaizen_id, who, time, field, old_value, new_value FROM kaizen_edit ORDER BY kaizen_id, time, rowid",
        "SELECT id, card_id, from_column, to_column, undo_of FROM card_move ORDER BY id"}) {
    SCOPED_TRACE(sql);
    const auto rowsA = rowsOf(a, sql);
    EXPECT_FALSE(rowsA.empty());
    EXPECT_EQ(rowsA, rowsOf(b, sql));
  }
  auto info = [](const std::string& ws) {
    auto j = Json::parse(test::runCli({"info", "--workspace", ws, "--json"}).out);
    j.erase("workspace");
    return j;
  };
  EXPECT_EQ(info(a), info(b));
}

class WorkspaceCopyCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto r = test::runCli({"demo", "--workspace", demo}, dir.path("err"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
  }
  test::TempDir dir;
  std::string demo = dir.path("demo.fabdb");
};

TEST_F(WorkspaceCopyCli, FileToFileRowForRow) {
  const auto copy = dir.path("copy.fabdb");
  const auto r = test::runCli({"workspace", "copy", demo, copy, "--json"}, dir.path("err"));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = Json::parse(r.out);
  EXPECT_TRUE(j["checked"].get<bool>());
  EXPECT_EQ(j["rows"].get<std::int64_t>(), [&] {
    std::int64_t n = 0;  // counted table by table in the source
    for (const auto& t : j["tables"])
      n += std::stoll(rowsOf(demo, "SELECT count(*) FROM " + t["table"].get<std::string>())[0]);
    return n;
  }());
  expectSameWorkspace(demo, copy);
}

TEST_F(WorkspaceCopyCli, RefusesATargetThatHoldsRowsAndTheSourceAsItsOwnTarget) {
  const auto other = dir.path("other.fabdb");
  ASSERT_EQ(
      test::runCli({"import", dir.write("m.csv", "lot,parameter,value\nL1,THK,1\n"), "--workspace", other}).exitCode,
      0);
  const auto full = test::runCli({"workspace", "copy", demo, other}, dir.path("err"));
  EXPECT_EQ(full.exitCode, 1);
  EXPECT_THAT(full.err, HasSubstr("is not empty"));
  EXPECT_EQ(test::runCli({"workspace", "copy", demo, demo}, dir.path("err")).exitCode, 1);
  EXPECT_EQ(test::runCli({"workspace", "copy", demo}, dir.path("err")).exitCode, 2);
}

TEST_F(WorkspaceCopyCli, FileToServerAndBackRowForRow) {
  FAB_NEEDS_POSTGRES();
  const auto server = test::PostgresSchemas::instance().fresh();
  const auto back = dir.path("back.fabdb");
  auto r = test::runCli({"workspace", "copy", demo, server}, dir.path("err"));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  expectSameWorkspace(demo, server);
  r = test::runCli({"workspace", "copy", server, back}, dir.path("err"));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  expectSameWorkspace(demo, back);
  // On the server, new rows are numbered after the copied ones.
  const auto imported =
      test::runCli({"import", dir.write("m.csv", "lot,parameter,value\nNEW,THK,1\n"), "--workspace", server, "--json"});
  ASSERT_EQ(imported.exitCode, 0) << imported.err;
  EXPECT_EQ(Json::parse(imported.out)["batch"], 7);  // the demo's six imports (core/demo/demo_workspace.cpp), then this
}

}  // namespace
}  // namespace fab

// End to end: fabkit-cli audit lists what imports, spec edits and point notes
// recorded, newest first, filtered by table, user, time and count.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/store/database.h"
#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace fab {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

/// The user the trail should name: the database user on a server, else the operating-system user.
std::string expectedUser(const std::string& workspace) {
  if (!test::workspacesOnPostgres()) {
    const passwd* pw = getpwuid(geteuid());
    return pw ? pw->pw_name : "";
  }
  store::Database db(workspace, store::Database::Mode::ReadOnly);
  auto q = db.prepare("SELECT session_user");
  return q.step() ? q.text(0) : "";
}

Json auditJson(const std::string& ws, std::vector<std::string> more = {}) {
  std::vector<std::string> args{"audit", "--workspace", ws, "--json"};
  args.insert(args.end(), more.begin(), more.end());
  const auto r = test::runCli(args);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return Json::parse(r.out);
}

TEST(AuditCli, ListsImportsSpecsAndNotesNewestFirstWithFilters) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "w.fabdb");
  const auto specs = dir.write("specs.csv", "parameter,lsl,target,usl,unit\nTHK,90,100,110,nm\n");
  ASSERT_EQ(test::runCli({"import", specs, "--workspace", ws, "--kind", "specs"}).exitCode, 0);
  const auto note = test::runCli({"spc-note", "--workspace", ws, "--parameter", "THK", "--point", "L1/3", "--exclude",
                                  "--cause", "probe card change", "--who", "ana"});
  ASSERT_EQ(note.exitCode, 0) << note.err;

  const auto all = auditJson(ws);
  const auto& e = all["entries"];
  // The batch starts, its spec row is stored, the batch ends; then the note.
  ASSERT_EQ(e.size(), 4u) << all.dump(1);
  EXPECT_FALSE(all["truncated"].get<bool>());
  EXPECT_EQ(e[0]["what"], "point_note");
  EXPECT_EQ(e[0]["action"], "insert");
  EXPECT_EQ(e[0]["after"]["cause"], "probe card change");
  EXPECT_EQ(e[0]["after"]["point_key"], "L1/3");
  EXPECT_EQ(e[0]["after"]["excluded"], 1);
  EXPECT_TRUE(e[0]["before"].is_null());
  EXPECT_EQ(e[1]["what"], "import_batch");
  EXPECT_EQ(e[1]["action"], "update");
  EXPECT_EQ(e[1]["before"]["status"], "running");
  EXPECT_EQ(e[1]["after"]["status"], "ok");
  EXPECT_EQ(e[1]["after"]["rows_ok"], 1);
  EXPECT_EQ(e[2]["what"], "spec");
  // The spec's row as the file gave it.
  EXPECT_EQ(e[2]["after"]["parameter"], "THK");
  EXPECT_EQ(e[2]["after"]["lsl"].get<double>(), 90.0);
  EXPECT_EQ(e[2]["after"]["usl"].get<double>(), 110.0);
  EXPECT_EQ(e[2]["after"]["unit"], "nm");
  EXPECT_EQ(e[3]["what"], "import_batch");
  EXPECT_EQ(e[3]["action"], "insert");
  for (const auto& entry : e) EXPECT_EQ(entry["who"], expectedUser(ws));
  for (std::size_t i = 1; i < e.size(); ++i)
    EXPECT_GE(e[i - 1]["at_ms"].get<std::int64_t>(), e[i]["at_ms"].get<std::int64_t>());
  // The fields an update changed, and only those.
  std::vector<std::string> changed;
  for (const auto& c : e[1]["changes"]) changed.push_back(c["field"]);
  EXPECT_THAT(changed, ::testing::UnorderedElementsAre("finished", "rows_ok", "status", "message"));

  EXPECT_EQ(auditJson(ws, {"--what", "spec"})["entries"].size(), 1u);
  EXPECT_EQ(auditJson(ws, {"--what", "import_batch"})["entries"].size(), 2u);
  EXPECT_EQ(auditJson(ws, {"--who", expectedUser(ws)})["entries"].size(), 4u);
  EXPECT_EQ(auditJson(ws, {"--who", "nobody_at_all"})["entries"].size(), 0u);
  const auto one = auditJson(ws, {"--limit", "1"});
  ASSERT_EQ(one["entries"].size(), 1u);
  EXPECT_EQ(one["entries"][0]["what"], "point_note");
  EXPECT_TRUE(one["truncated"].get<bool>());
  EXPECT_EQ(auditJson(ws, {"--to", "2000-01-01"})["entries"].size(), 0u);
  EXPECT_EQ(auditJson(ws, {"--from", "2000-01-01", "--to", "2999-12-31"})["entries"].size(), 4u);
  EXPECT_EQ(auditJson(ws, {"--from", e[0]["at"].get<std::string>()})["entries"].size(),
            static_cast<std::size_t>(
                std::count_if(e.begin(), e.end(), [&](const Json& x) { return x["at_ms"] == e[0]["at_ms"]; })));

  // The text table: one line per entry, an update's change as before → after.
  const auto text = test::runCli({"audit", "--workspace", ws});
  ASSERT_EQ(text.exitCode, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("rows_ok 0 → 1"));
  EXPECT_THAT(text.out, HasSubstr("point_key L1/3"));
  EXPECT_THAT(text.out, HasSubstr(expectedUser(ws)));
  EXPECT_THAT(test::runCli({"audit", "--workspace", ws, "--who", "nobody_at_all"}).out, HasSubstr("no audit entries"));
}

TEST(AuditCli, RefusesAnUnknownTableAndAnInvertedWindow) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "w.fabdb");
  const auto table = test::runCli({"audit", "--workspace", ws, "--what", "measurement"});
  EXPECT_EQ(table.exitCode, 2);
  EXPECT_THAT(table.err, HasSubstr("records no table 'measurement'"));
  const auto window = test::runCli({"audit", "--workspace", ws, "--from", "2026-10-02", "--to", "2026-10-01"});
  EXPECT_EQ(window.exitCode, 2);
  EXPECT_THAT(window.err, HasSubstr("after its end"));
  EXPECT_EQ(test::runCli({"audit", "--workspace", ws, "--from", "yesterday"}).exitCode, 2);
}

}  // namespace
}  // namespace fab

// Changes another engineer makes to a shared workspace reach a listener
// without polling (FAB_TEST_PG_URL; skipped without a server): an import, an
// approval, a point note and a card move each announce what changed, once,
// when their transaction commits; a rolled-back change announces nothing, and
// another workspace on the same server is not heard
// (core/store/change_notice.h, core/store/change_listener.h).
#include <gtest/gtest.h>

#include <vector>

#include "core/common/error.h"
#include "core/io/importer.h"
#include "core/lean/kanban_store.h"
#include "core/store/change_listener.h"
#include "core/store/spc_limits.h"
#include "core/store/spc_notes.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

/// Every change heard within `ms`, waiting at most that long after the last one.
std::vector<WorkspaceChange> heard(ChangeListener& listener, int ms = 2000) {
  std::vector<WorkspaceChange> all;
  for (;;) {
    auto some = listener.wait(ms);
    if (some.empty()) return all;
    all.insert(all.end(), some.begin(), some.end());
    ms = 200;  // notices of one commit arrive together; a short wait for stragglers
  }
}

TEST(PostgresChanges, AnotherConnectionsImportApprovalAndNoteReachTheListener) {
  FAB_NEEDS_POSTGRES();
  test::TempDir dir;
  const auto url = test::PostgresSchemas::instance().fresh();
  auto ws = Workspace::openOrCreate(url);
  ChangeListener listener(url);
  EXPECT_TRUE(listener.drain().empty());

  const auto file = dir.write("thk.csv",
                              "lot,wafer,site,parameter,value,time\nL1,1,1,THK,10.5,2026-04-01T08:00:00Z\n"
                              "L1,1,2,THK,10.7,2026-04-01T08:00:00Z\n");
  const auto report = io::importFile(ws, file, {});
  ASSERT_EQ(report.status, "ok") << report.message;
  auto changes = heard(listener);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].what, "import");
  EXPECT_EQ(changes[0].id, report.batchId);
  EXPECT_EQ(changes[0].detail, "ok");
  EXPECT_EQ(changes[0].user, "fabkit");  // the test server's user (packaging/pg-test-server.sh)

  ApprovedLimits limits;
  limits.parameter = "THK";
  limits.chartType = "imr";
  limits.center = 10.6;
  limits.sigma = 0.1;
  limits.approvedBy = "ana";
  limits.reason = "baseline of April";
  EXPECT_EQ(saveApprovedLimits(ws.db(), limits), 1);
  PointNote note;
  note.parameter = "THK";
  note.pointKey = "L1";
  note.who = "ana";
  note.comment = "new pad";
  const auto noteId = addPointNote(ws.db(), note);
  changes = heard(listener);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].what, "limits");
  EXPECT_EQ(changes[0].parameter, "THK");
  EXPECT_EQ(changes[0].id, 1);  // the version approved
  EXPECT_EQ(changes[0].detail, "imr");
  EXPECT_EQ(changes[1].what, "notes");
  EXPECT_EQ(changes[1].parameter, "THK");
  EXPECT_EQ(changes[1].id, noteId);
  EXPECT_EQ(changes[1].detail, "L1");

  lean::KanbanStore boards(ws.db());
  boards.createBoard("improvement", {{0, "Plan", lean::ColumnRole::Active, 0, false}});
  const auto card = boards.addCard("improvement", {0, "Thinner pad"}, "Plan", "ana", 1);
  changes = heard(listener);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].what, "kaizen");
  EXPECT_EQ(changes[0].id, card);
  EXPECT_EQ(changes[0].detail, "improvement");
}

TEST(PostgresChanges, ARolledBackChangeOrAnotherWorkspacesChangeIsNotHeard) {
  FAB_NEEDS_POSTGRES();
  const auto url = test::PostgresSchemas::instance().fresh(), other = test::PostgresSchemas::instance().fresh();
  auto ws = Workspace::openOrCreate(url);
  auto elsewhere = Workspace::openOrCreate(other);
  ChangeListener listener(url);
  {
    Transaction tx(ws.db());
    announceChange(ws.db(), "limits", 1, "imr", "THK");
    // Not committed: the server drops the notice with the transaction.
  }
  announceChange(elsewhere.db(), "limits", 1, "imr", "THK");
  announceChange(ws.db(), "specs", 7, "ok");
  const auto changes = heard(listener);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].what, "specs");
  EXPECT_EQ(changes[0].id, 7);
}

TEST(PostgresChanges, ALostConnectionIsAnErrorNotSilence) {
  FAB_NEEDS_POSTGRES();
  const auto url = test::PostgresSchemas::instance().fresh();
  Workspace::openOrCreate(url);
  ChangeListener listener(url);
  Database admin(url, Database::Mode::ReadWrite);
  admin.exec("SELECT pg_terminate_backend(" + std::to_string(listener.serverProcessId()) + ")");
  try {
    listener.wait(5000);
    ADD_FAILURE() << "the lost connection went unnoticed";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("changes by others are no longer seen"), std::string::npos) << e.what();
  }
}

TEST(PostgresChanges, AWorkspaceFileHasNothingToListenTo) {
  test::TempDir dir;
  const auto path = dir.path("w.fabdb");
  auto ws = Workspace::openOrCreate(path);
  announceChange(ws.db(), "import", 1, "ok");  // one user: nothing to announce, and no error
  EXPECT_THROW(ChangeListener{path}, Error);
  EXPECT_FALSE(parseChangeNotice("not json"));
  EXPECT_FALSE(parseChangeNotice(R"({"id": 3})"));
}

}  // namespace
}  // namespace fab::store

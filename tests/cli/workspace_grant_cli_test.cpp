// End to end: fabkit-cli workspace grant. On a workspace file it is a clear
// error; on the PostgreSQL test server (FAB_TEST_PG_URL) a viewer reads the
// overview but is refused a point note by the server, with the role it needs,
// and an engineer is refused closing a kaizen.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "core/store/database.h"
#include "core/store/workspace.h"
#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace fab {
namespace {

using ::testing::HasSubstr;

TEST(WorkspaceGrantCli, AFileHasNoRolesAndRolesAreNamed) {
  test::TempDir dir;
  const auto ws = dir.path("w.fabdb");
  store::Workspace::openOrCreate(ws);
  const auto file = test::runCli({"workspace", "grant", "--workspace", ws, "--user", "ana", "--role", "viewer"});
  EXPECT_EQ(file.exitCode, 1);
  EXPECT_THAT(file.err, HasSubstr("PostgreSQL server"));
  const auto role = test::runCli({"workspace", "grant", "--workspace", ws, "--user", "ana", "--role", "boss"});
  EXPECT_EQ(role.exitCode, 2);
  EXPECT_THAT(role.err, HasSubstr("viewer, engineer, approver or admin"));
}

TEST(WorkspaceGrantCli, AViewerReadsAndTheServerRefusesItsNoteAndAnEngineersKaizenClose) {
  FAB_NEEDS_POSTGRES();
  const auto url = test::PostgresSchemas::instance().fresh();
  ASSERT_EQ(test::runCli({"demo", "--workspace", url}).exitCode, 0);
  const std::string user = "fabkit_test_cli_viewer_" + std::to_string(::getpid());
  {
    store::Database admin(url, store::Database::Mode::ReadWrite);
    admin.exec("DROP ROLE IF EXISTS " + user + "; CREATE ROLE " + user + " LOGIN");  // a name made here
  }
  const auto granted = test::runCli({"workspace", "grant", "--workspace", url, "--user", user, "--role", "viewer"});
  ASSERT_EQ(granted.exitCode, 0) << granted.err;
  const auto scheme = url.find("://") + 3;
  const auto asViewer = url.substr(0, scheme) + user + url.substr(url.find('@', scheme));
  const auto overview = test::runCli({"overview", "--workspace", asViewer, "--json"});
  EXPECT_EQ(overview.exitCode, 0) << overview.err;
  EXPECT_THAT(overview.out, HasSubstr("OX_THK"));
  const auto note = test::runCli({"spc-note", "--workspace", asViewer, "--parameter", "OX_THK", "--point",
                                  "N2874A/25", "--cause", "probe", "--who", user});
  EXPECT_EQ(note.exitCode, 1);
  EXPECT_THAT(note.err, HasSubstr("permission denied"));
  EXPECT_THAT(note.err, HasSubstr("engineer role"));

  // An engineer moves cards, but closing a kaizen (its card onto the board's done column, Act) is refused.
  const std::string engineer = "fabkit_test_cli_engineer_" + std::to_string(::getpid());
  {
    store::Database admin(url, store::Database::Mode::ReadWrite);
    admin.exec("DROP ROLE IF EXISTS " + engineer + "; CREATE ROLE " + engineer + " LOGIN");  // a name made here
  }
  ASSERT_EQ(test::runCli({"workspace", "grant", "--workspace", url, "--user", engineer, "--role", "engineer"}).exitCode,
            0);
  const auto asEngineer = url.substr(0, scheme) + engineer + url.substr(url.find('@', scheme));
  const auto close = test::runCli({"kanban", "move", "--workspace", asEngineer, "--board", "Yield improvement",
                                   "--card", "2", "--column", "Act", "--who", engineer, "--override", "pump spec met"});
  EXPECT_EQ(close.exitCode, 1);
  EXPECT_THAT(close.err, HasSubstr("closing a kaizen, or changing a closed one, needs the approver role"));
  const auto closeAsOwner = test::runCli({"kanban", "move", "--workspace", url, "--board", "Yield improvement",
                                          "--card", "2", "--column", "Act", "--who", "lead", "--override", "met"});
  EXPECT_EQ(closeAsOwner.exitCode, 0) << closeAsOwner.err;
  store::Database admin(url, store::Database::Mode::ReadWrite);
  for (const auto& u : {user, engineer}) admin.exec("DROP OWNED BY " + u + "; DROP ROLE " + u);
}

}  // namespace
}  // namespace fab

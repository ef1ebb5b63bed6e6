// Roles of a shared workspace are enforced by the PostgreSQL server: a viewer
// connecting directly (not through fabkit) cannot write, an engineer can note
// a signal but not exclude a point or approve limits, an approver can, and a
// refusal names the role it needs (core/store/workspace_roles.h).
#include <gtest/gtest.h>

#include <string>

#include "core/common/error.h"
#include "core/store/database.h"
#include "core/store/workspace.h"
#include "core/store/workspace_roles.h"
#include "tests/support/postgres_users.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

using test::asUser;
using test::makeUser;

bool refused(const std::string& url, const std::string& sql, std::string* message = nullptr) {
  try {
    Database db(url, Database::Mode::ReadWrite);
    db.exec(sql);
    return false;
  } catch (const Error& e) {
    if (message) *message = e.what();
    return true;
  }
}

TEST(PostgresRoles, TheServerRefusesWhatARoleMayNotDo) {
  FAB_NEEDS_POSTGRES();
  const auto url = test::PostgresSchemas::instance().fresh();
  Workspace::openOrCreate(url);
  Database admin(url, Database::Mode::ReadWrite);
  const auto viewer = makeUser(admin, "viewer"), engineer = makeUser(admin, "engineer"),
             approver = makeUser(admin, "approver");
  grantWorkspaceRole(admin, viewer, WorkspaceRole::Viewer);
  grantWorkspaceRole(admin, engineer, WorkspaceRole::Engineer);
  grantWorkspaceRole(admin, approver, WorkspaceRole::Approver);
  EXPECT_EQ(workspaceRoleOf(admin, approver), "approver");
  EXPECT_EQ(workspaceRoleOf(admin, viewer), "viewer");

  const std::string note =
      "INSERT INTO point_note(parameter, point_key, excluded, who, noted_at) VALUES ('THK', 'L1/1', %d, 'x', 1)";
  const auto noteWith = [&](int excluded) {
    std::string s = note;
    s.replace(s.find("%d"), 2, std::to_string(excluded));
    return s;
  };
  const std::string approve =
      "INSERT INTO chart_config(parameter, chart_type, version, center, approved_by, approved_at, reason) "
      "VALUES ('THK', 'imr', 1, 1.0, 'x', 1, 'y')";

  // A viewer reads, and writes nothing, even with SQL of its own.
  Database asViewer(asUser(url, viewer), Database::Mode::ReadOnly);
  auto q = asViewer.prepare("SELECT count(*) FROM measurement");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.integer(0), 0);
  std::string message;
  EXPECT_TRUE(refused(asUser(url, viewer), noteWith(0), &message));
  EXPECT_NE(message.find("needs the engineer role"), std::string::npos) << message;

  // An engineer notes a signal but may not exclude the point or approve limits.
  EXPECT_FALSE(refused(asUser(url, engineer), noteWith(0)));
  EXPECT_TRUE(refused(asUser(url, engineer), noteWith(1), &message));
  EXPECT_NE(message.find("approver role"), std::string::npos) << message;
  EXPECT_TRUE(refused(asUser(url, engineer), approve, &message));
  EXPECT_NE(message.find("approving control limits needs the approver role"), std::string::npos) << message;

  // An approver does both.
  EXPECT_FALSE(refused(asUser(url, approver), noteWith(1)));
  EXPECT_FALSE(refused(asUser(url, approver), approve));

  // Unknown users and file workspaces are clear errors.
  EXPECT_THROW(grantWorkspaceRole(admin, "no_such_user_anywhere", WorkspaceRole::Viewer), Error);
  for (const std::string u : {viewer, engineer, approver}) admin.exec("REASSIGN OWNED BY " + u + " TO CURRENT_USER; DROP OWNED BY " + u + "; DROP ROLE " + u);
}

}  // namespace
}  // namespace fab::store

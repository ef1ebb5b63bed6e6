// Roles of a shared workspace are enforced by the PostgreSQL server: a viewer
// connecting directly (not through fabkit) cannot write, an engineer can note
// a signal but not exclude a point or approve limits, an approver can, and a
// refusal names the role it needs (core/store/workspace_roles.h). Closing a
// kaizen (its card moved to done) is an approver's decision, refused by the
// server to an engineer however the change is sent.
#include <gtest/gtest.h>

#include <string>

#include "core/common/error.h"
#include "core/lean/kaizen_store.h"
#include "core/lean/kanban_store.h"
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

TEST(PostgresRoles, OnlyAnApproverClosesAKaizen) {
  FAB_NEEDS_POSTGRES();
  const auto url = test::PostgresSchemas::instance().fresh();
  Workspace::openOrCreate(url);
  Database admin(url, Database::Mode::ReadWrite);
  const auto engineer = makeUser(admin, "kaizen_engineer"), approver = makeUser(admin, "kaizen_approver");
  grantWorkspaceRole(admin, engineer, WorkspaceRole::Engineer);
  grantWorkspaceRole(admin, approver, WorkspaceRole::Approver);
  constexpr std::int64_t kT0 = 1772323200000;  // 2026-03-01
  {
    Database asEngineer(asUser(url, engineer), Database::Mode::ReadWrite);
    lean::KaizenStore kaizens(asEngineer);
    lean::KanbanStore boards(asEngineer);
    boards.createBoard("improvement", {{0, "Plan", lean::ColumnRole::Active, 0, false},
                                       {0, "Done", lean::ColumnRole::Done, 0, false}});
    lean::Kaizen k;
    k.title = "Shorter etch recipe";
    const auto kaizen = kaizens.add(k, engineer, kT0);
    const auto card = boards.addCard("improvement", {0, "Shorter etch recipe", kaizen}, "Plan", engineer, kT0);
    // The engineer works on the kaizen, but moving its card to done is refused by the server, whole.
    k.problem = "etch takes 40 min";
    EXPECT_EQ(kaizens.update(k, engineer, kT0 + 1), 1);
    const lean::EvidenceGate evidence{true, true, "σ down 30 %", ""};
    std::string message;
    try {
      boards.move("improvement", card, "Done", engineer, kT0 + 2, evidence);
    } catch (const Error& e) {
      message = e.what();
    }
    EXPECT_NE(message.find("closing a kaizen, or changing a closed one, needs the approver role"), std::string::npos)
        << message;
    EXPECT_FALSE(kaizens.get(kaizen).closed);
    EXPECT_EQ(boards.load("improvement").moves.size(), 1u);  // the creation only
    // SQL of its own is refused too.
    EXPECT_TRUE(refused(asUser(url, engineer), "UPDATE kaizen SET closed = 1, stage = 'act'", &message));
    EXPECT_NE(message.find("approver role"), std::string::npos) << message;

    // The approver closes it.
    Database asApprover(asUser(url, approver), Database::Mode::ReadWrite);
    lean::KanbanStore(asApprover).move("improvement", card, "Done", approver, kT0 + 3, evidence);
    EXPECT_EQ(kaizens.get(kaizen).closed, kT0 + 3);
    EXPECT_EQ(kaizens.get(kaizen).stage, lean::Stage::Act);
  }
  for (const std::string u : {engineer, approver})
    admin.exec("REASSIGN OWNED BY " + u + " TO CURRENT_USER; DROP OWNED BY " + u + "; DROP ROLE " + u);
}

}  // namespace
}  // namespace fab::store

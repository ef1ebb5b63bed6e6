// The audit trail on a PostgreSQL server (data/schema/007_audit.postgresql.sql):
// users connecting directly, outside fabkit, can read it but neither write,
// change nor delete entries; a change is recorded under the database user who
// made it; a copy from a file keeps the file's trail and adds none.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "core/common/error.h"
#include "core/store/audit_trail.h"
#include "core/store/database.h"
#include "core/store/spc_limits.h"
#include "core/store/workspace.h"
#include "core/store/workspace_copy.h"
#include "core/store/workspace_roles.h"
#include "tests/core/store/approved_limits_fixture.h"
#include "tests/support/postgres_users.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

using test::asUser;
using test::makeUser;
using ::testing::HasSubstr;

/// The server's refusal of `sql` run as the user of `url`; empty when it ran.
std::string refusal(const std::string& url, const std::string& sql) {
  try {
    Database db(url, Database::Mode::ReadWrite);
    db.exec(sql);
    return "";
  } catch (const Error& e) {
    return e.what();
  }
}

std::int64_t entries(Database& db) {
  auto q = db.prepare("SELECT count(*) FROM audit");
  return q.step() ? q.integer(0) : -1;
}

TEST(PostgresAudit, OnlyTheTriggersWriteTheTrailAndEachChangeNamesItsUser) {
  FAB_NEEDS_POSTGRES();
  const auto url = test::PostgresSchemas::instance().fresh();
  Workspace::openOrCreate(url);
  Database owner(url, Database::Mode::ReadWrite);
  const auto viewer = makeUser(owner, "audit_viewer"), engineer = makeUser(owner, "audit_engineer"),
             approver = makeUser(owner, "audit_approver"), admin = makeUser(owner, "audit_admin");
  grantWorkspaceRole(owner, viewer, WorkspaceRole::Viewer);
  grantWorkspaceRole(owner, engineer, WorkspaceRole::Engineer);
  grantWorkspaceRole(owner, approver, WorkspaceRole::Approver);
  grantWorkspaceRole(owner, admin, WorkspaceRole::Admin);

  // An engineer's note is recorded under the engineer, though the engineer may not write the trail.
  EXPECT_EQ(refusal(asUser(url, engineer),
                    "INSERT INTO point_note(parameter, point_key, excluded, who, noted_at) VALUES ('THK', 'L1/1', 0, "
                    "'e', 1)"),
            "");
  // An approval made through fabkit by an approver names the approver.
  {
    Database asApprover(asUser(url, approver), Database::Mode::ReadWrite);
    test::approveThk(asApprover, 100.0, "typed by hand", "baseline");
  }
  const auto trail = readAuditTrail(owner, {}).entries;
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[0].what, "chart_config");
  EXPECT_EQ(trail[0].who, approver);
  EXPECT_EQ(trail[1].what, "point_note");
  EXPECT_EQ(trail[1].who, engineer);

  // Everyone reads it.
  for (const auto& user : {viewer, engineer, approver, admin}) {
    Database db(asUser(url, user), Database::Mode::ReadOnly);
    EXPECT_EQ(entries(db), 2) << user;
  }
  // Nobody writes a fake entry, rewrites, deletes or empties it; nor turns its recording off.
  const std::string fake =
      "INSERT INTO audit(at, who, what, action, key, after) VALUES (1, 'someone', 'spec', 'insert', '1', '{}')";
  for (const auto& user : {viewer, engineer, approver, admin}) {
    for (const std::string sql :
         {fake, std::string("UPDATE audit SET who = 'someone'"), std::string("DELETE FROM audit"),
          std::string("TRUNCATE audit"), std::string("ALTER TABLE chart_config DISABLE TRIGGER audit_chart_config")}) {
      const auto message = refusal(asUser(url, user), sql);
      EXPECT_THAT(message, HasSubstr("ERROR")) << user << " was allowed: " << sql;
    }
  }
  const auto message = refusal(asUser(url, engineer), fake);
  EXPECT_THAT(message, HasSubstr("permission denied for table audit"));
  EXPECT_THAT(message, HasSubstr("no role may write"));
  // The owner may not rewrite it either: the triggers refuse.
  EXPECT_THAT(refusal(url, "UPDATE audit SET who = 'someone'"), HasSubstr("append-only"));
  EXPECT_THAT(refusal(url, "DELETE FROM audit"), HasSubstr("append-only"));
  EXPECT_THAT(refusal(url, "TRUNCATE audit"), HasSubstr("append-only"));
  EXPECT_EQ(entries(owner), 2);
  EXPECT_EQ(readAuditTrail(owner, {}).entries[0].who, approver);

  for (const auto& u : {viewer, engineer, approver, admin})
    owner.exec("REASSIGN OWNED BY " + u + " TO CURRENT_USER; DROP OWNED BY " + u + "; DROP ROLE " + u);
}

TEST(PostgresAudit, ACopyFromAFileKeepsItsTrailAndAddsNone) {
  FAB_NEEDS_POSTGRES();
  test::TempDir dir;
  const auto file = dir.path("w.fabdb");
  {
    auto ws = Workspace::openOrCreate(file);
    test::approveThk(ws.db(), 0.1, "ana", "baseline");  // 0.1: no exact binary fraction, it must come back as written
    ws.db().exec("UPDATE chart_config SET reason = 'baseline after PM'");
  }
  const auto url = test::PostgresSchemas::instance().fresh();
  copyWorkspace(file, url);
  auto source = Workspace::open(file);
  auto copy = Workspace::open(url);
  const auto a = readAuditTrail(source.db(), {}).entries, b = readAuditTrail(copy.db(), {}).entries;
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(b[i].id, a[i].id);
    EXPECT_EQ(b[i].who, a[i].who);
    EXPECT_EQ(b[i].before, a[i].before);
    EXPECT_EQ(b[i].after, a[i].after);
  }
  // Recording is on again in the copy, numbering after the copied entries.
  copy.db().exec("UPDATE chart_config SET reason = 'again'");
  const auto after = readAuditTrail(copy.db(), {}).entries;
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[0].id, a[0].id + 1);
}

}  // namespace
}  // namespace fab::store

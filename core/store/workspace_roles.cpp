#include "core/store/workspace_roles.h"

#include <array>

#include "core/common/error.h"

namespace fab::store {
namespace {

constexpr std::array<std::string_view, 4> kNames{"viewer", "engineer", "approver", "admin"};
constexpr std::array<std::string_view, 4> kServerNames{"fabkit_viewer", "fabkit_engineer", "fabkit_approver",
                                                       "fabkit_admin"};

// Fixed SQL: the roles, their chain and their grants on the tables of the
// workspace's schema (current_schema(), quoted by the server with %I).
// Row-level security on point_note keeps exclusions for approvers: an
// engineer's note must leave the point in the limits. On kaizen it keeps
// closing for approvers: an engineer's kaizen stays open (or is rejected), so
// moving its card to done with its evidence is an approver's decision. Every
// role reads the audit trail and none writes it: its trigger function does, as
// the owner.
constexpr const char* kRolesAndGrants = R"sql(
DO $roles$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['fabkit_viewer', 'fabkit_engineer', 'fabkit_approver', 'fabkit_admin'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
  GRANT fabkit_viewer TO fabkit_engineer;
  GRANT fabkit_engineer TO fabkit_approver;
  GRANT fabkit_approver TO fabkit_admin;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO fabkit_viewer', current_schema());
  EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO fabkit_viewer', current_schema());
  EXECUTE format('GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO fabkit_engineer', current_schema());
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO fabkit_engineer', current_schema());
  EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON %I.chart_config, %I.schema_version FROM fabkit_engineer',
                 current_schema(), current_schema());
  EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I.chart_config TO fabkit_approver', current_schema());
  EXECUTE format('GRANT ALL ON ALL TABLES IN SCHEMA %I TO fabkit_admin', current_schema());
  EXECUTE format('GRANT CREATE ON SCHEMA %I TO fabkit_admin', current_schema());
  EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER ON %I.audit '
                 'FROM fabkit_engineer, fabkit_approver, fabkit_admin', current_schema());
  EXECUTE format('ALTER TABLE %I.point_note ENABLE ROW LEVEL SECURITY', current_schema());
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = 'point_note') THEN
    EXECUTE format('CREATE POLICY notes_read ON %I.point_note FOR SELECT USING (true)', current_schema());
    EXECUTE format('CREATE POLICY notes_acknowledge ON %I.point_note FOR INSERT TO fabkit_engineer '
                   'WITH CHECK (excluded = 0)', current_schema());
    EXECUTE format('CREATE POLICY notes_exclude ON %I.point_note FOR ALL TO fabkit_approver '
                   'USING (true) WITH CHECK (true)', current_schema());
  END IF;
  EXECUTE format('ALTER TABLE %I.kaizen ENABLE ROW LEVEL SECURITY', current_schema());
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = 'kaizen') THEN
    EXECUTE format('CREATE POLICY kaizen_read ON %I.kaizen FOR SELECT USING (true)', current_schema());
    EXECUTE format('CREATE POLICY kaizen_open ON %I.kaizen FOR INSERT TO fabkit_engineer '
                   'WITH CHECK (closed IS NULL OR stage = ''rejected'')', current_schema());
    EXECUTE format('CREATE POLICY kaizen_work ON %I.kaizen FOR UPDATE TO fabkit_engineer '
                   'USING (true) WITH CHECK (closed IS NULL OR stage = ''rejected'')', current_schema());
    EXECUTE format('CREATE POLICY kaizen_close ON %I.kaizen FOR ALL TO fabkit_approver '
                   'USING (true) WITH CHECK (true)', current_schema());
  END IF;
END
$roles$;
)sql";

// The user, bound as a parameter and read back by the server, quoted there with %I.
constexpr const char* kGrantUser = R"sql(
DO $grant$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_setting('fabkit.grant_user')) THEN
    RAISE EXCEPTION 'the server has no database user "%"; create it first (CREATE ROLE ... LOGIN)',
      current_setting('fabkit.grant_user');
  END IF;
  EXECUTE format('GRANT %I TO %I', current_setting('fabkit.grant_role'), current_setting('fabkit.grant_user'));
END
$grant$;
)sql";

}  // namespace

std::string_view roleName(WorkspaceRole role) { return kNames[static_cast<std::size_t>(role)]; }
std::string_view serverRoleName(WorkspaceRole role) { return kServerNames[static_cast<std::size_t>(role)]; }

std::optional<WorkspaceRole> roleFromName(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (name == kNames[i]) return static_cast<WorkspaceRole>(i);
  return std::nullopt;
}

void grantWorkspaceRole(Database& db, const std::string& user, WorkspaceRole role) {
  if (db.backend() != Database::Backend::PostgreSQL)
    throw Error("roles belong to a shared workspace on a PostgreSQL server; a workspace file has none");
  if (user.empty()) throw Error("give the database user to grant a role to");
  Transaction t(db);
  // Roles are the server's, shared by every workspace on it: one grant at a time.
  db.exec("SELECT pg_advisory_xact_lock(7366277)");
  db.exec(kRolesAndGrants);
  auto set = db.prepare("SELECT set_config('fabkit.grant_user', ?1, true), set_config('fabkit.grant_role', ?2, true)");
  set.bind(1, user).bind(2, std::string(serverRoleName(role)));
  set.step();
  set.reset();
  db.exec(kGrantUser);
  t.commit();
}

std::string workspaceRoleOf(Database& db, const std::string& user) {
  if (db.backend() != Database::Backend::PostgreSQL) return "";
  for (std::size_t i = kServerNames.size(); i-- > 0;) {
    auto q = db.prepare(
        "SELECT pg_has_role(u.rolname, ?2, 'MEMBER') FROM pg_roles u "
        "WHERE u.rolname = ?1 AND EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = ?2)");
    q.bind(1, user).bind(2, std::string(kServerNames[i]));
    if (q.step() && q.integer(0)) return std::string(kNames[i]);
  }
  return "";
}

std::string refusalHint(std::string_view message) {
  const auto has = [&](std::string_view s) { return message.find(s) != std::string_view::npos; };
  if (has("table audit") || has("audit trail is append-only"))
    return "the audit trail is written by the workspace itself: no role may write, change or delete its entries";
  if (has("chart_config")) return "approving control limits needs the approver role (fabkit-cli workspace grant)";
  if (has("point_note") && has("row-level security"))
    return "excluding a point from the limits needs the approver role (fabkit-cli workspace grant)";
  if (has("kaizen") && has("row-level security"))
    return "closing a kaizen, or changing a closed one, needs the approver role (fabkit-cli workspace grant)";
  if (has("schema_version") || has("permission denied for schema"))
    return "changing the workspace's schema needs the admin role (fabkit-cli workspace grant)";
  if (has("permission denied") || has("row-level security"))
    return "this change needs the engineer role; reading needs the viewer role (fabkit-cli workspace grant)";
  return "";
}

}  // namespace fab::store

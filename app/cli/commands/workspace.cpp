// fabkit-cli workspace copy SRC DST: moves a workspace between an SQLite file
// and a shared PostgreSQL workspace (either way), checked row for row.
// fabkit-cli workspace grant: gives a database user a role on a shared
// workspace, enforced by the server (core/store/workspace_roles.h).
#include <chrono>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/store/workspace.h"
#include "core/store/workspace_copy.h"
#include "core/store/workspace_roles.h"

namespace fab::cli {
namespace {

int copy(const Args& args, const std::string& source, const std::string& target) {
  const auto start = std::chrono::steady_clock::now();
  const auto report = store::copyWorkspace(source, target);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (args.json()) {
    Json j = {{"rows", report.rows}, {"schema_version", report.schemaVersion}, {"checked", true}, {"seconds", seconds}};
    j["tables"] = Json::array();
    for (const auto& t : report.tables) j["tables"].push_back({{"table", t.table}, {"rows", t.rows}});
    printJson(j);
    return 0;
  }
  TextTable table({"table", "rows"});
  for (const auto& t : report.tables) table.add({t.table, std::to_string(t.rows)});
  table.print();
  std::cout << "\n" << report.rows << " rows copied and checked row for row in " << seconds << " s\n";
  return 0;
}

int grant(const Args& args) {
  for (const char* o : {"workspace", "user", "role"})
    if (!args.has(o)) throw UsageError{std::string("workspace grant needs --") + o};
  const auto role = store::roleFromName(args.value("role"));
  if (!role) throw UsageError{"--role expects viewer, engineer, approver or admin, got '" + args.value("role") + "'"};
  auto ws = store::Workspace::open(args.value("workspace"));
  store::grantWorkspaceRole(ws.db(), args.value("user"), *role);
  const auto now = store::workspaceRoleOf(ws.db(), args.value("user"));
  if (args.json())
    printJson({{"user", args.value("user")}, {"granted", std::string(store::roleName(*role))}, {"highest_role", now}});
  else
    std::cout << args.value("user") << " is now " << store::roleName(*role) << " (highest role: " << now << ")\n";
  return 0;
}

int run(const Args& args) {
  const auto& p = args.positional();
  if (p.empty()) throw UsageError{"give an action: copy or grant"};
  if (p[0] == "grant") {
    if (p.size() != 1) throw UsageError{"workspace grant takes options only: --workspace URL --user NAME --role ROLE"};
    return grant(args);
  }
  if (p[0] != "copy") throw UsageError{"unknown workspace action '" + p[0] + "' (copy, grant)"};
  if (p.size() != 3) throw UsageError{"workspace copy takes a source and a target: workspace copy SRC DST"};
  return copy(args, p[1], p[2]);
}

const Registration registration{
    Command{"workspace",
            "copy a workspace between a file and a PostgreSQL server; grant roles on a shared workspace",
            "copy SRC DST | grant --workspace URL --user NAME --role ROLE",
            "SRC and DST are workspace files (.fabdb) or PostgreSQL URLs (postgresql://user@host:port/db).\n"
            "DST must be new or an empty workspace; ids are kept, and the copy is read back and compared\n"
            "with its source value for value.\n"
            "grant: the database user NAME becomes viewer (reads), engineer (imports, notes, kaizen cards),\n"
            "approver (approves limits, excludes points, closes kaizens) or admin (everything); the server\n"
            "enforces the roles, so a client that skips fabkit is refused too. The connected user must own\n"
            "the workspace.",
            {workspaceOption(),
             {"user", "NAME", "grant: the database user"},
             {"role", "ROLE", "grant: viewer | engineer | approver | admin"},
             jsonOption()},
            run}};

}  // namespace
}  // namespace fab::cli

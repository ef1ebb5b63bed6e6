// fabkit-cli workspace copy SRC DST: moves a workspace between an SQLite file
// and a shared PostgreSQL workspace (either way), checked row for row.
#include <chrono>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/store/workspace_copy.h"

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

int run(const Args& args) {
  const auto& p = args.positional();
  if (p.empty()) throw UsageError{"give an action: copy"};
  if (p[0] != "copy") throw UsageError{"unknown workspace action '" + p[0] + "' (copy)"};
  if (p.size() != 3) throw UsageError{"workspace copy takes a source and a target: workspace copy SRC DST"};
  return copy(args, p[1], p[2]);
}

const Registration registration{
    Command{"workspace",
            "copy a workspace between an SQLite file and a PostgreSQL server, checked row for row",
            "copy SRC DST",
            "SRC and DST are workspace files (.fabdb) or PostgreSQL URLs (postgresql://user@host:port/db).\n"
            "DST must be new or an empty workspace; ids are kept, and the copy is read back and compared\n"
            "with its source value for value.",
            {jsonOption()},
            run}};

}  // namespace
}  // namespace fab::cli

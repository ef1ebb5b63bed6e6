// fabkit-cli audit: the workspace's audit trail, newest first: who changed
// approved limits, point notes, specs, kaizen records, card moves and imports,
// when, and the row before and after (core/store/audit_trail.h).
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "app/cli/time_option.h"
#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/store/audit_trail.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

/// A row's JSON text as JSON (null when there is none).
Json rowJson(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  try {
    return Json::parse(*text);
  } catch (const Json::exception&) {
    return *text;  // kept as the text it is
  }
}

int run(const Args& args) {
  store::AuditFilter filter;
  filter.what = args.optional("what");
  filter.who = args.optional("who");
  if (args.has("from")) filter.from = timeOption(args, "from");
  if (args.has("to")) filter.to = windowEndOption(args, "to");
  filter.limit = args.integerOr("limit", 100);
  if (const auto problem = filter.problem(); !problem.empty()) throw UsageError{problem};
  auto ws = store::Workspace::open(args.value("workspace"));
  const auto trail = store::readAuditTrail(ws.db(), filter);

  if (args.json()) {
    Json entries = Json::array();
    for (const auto& e : trail.entries) {
      // A field's values are JSON text already; an absent one (an insert's before) is null.
      const auto value = [](const std::string& text) { return text.empty() ? Json(nullptr) : Json::parse(text); };
      Json changes = Json::array();
      for (const auto& c : store::changedFields(e))
        changes.push_back({{"field", c.field}, {"before", value(c.before)}, {"after", value(c.after)}});
      entries.push_back({{"id", e.id},
                         {"at", io::formatTimestamp(e.at)},
                         {"at_ms", e.at},
                         {"who", e.who},
                         {"what", e.what},
                         {"action", e.action},
                         {"key", e.key},
                         {"before", rowJson(e.before)},
                         {"after", rowJson(e.after)},
                         {"changes", changes}});
    }
    printJson({{"entries", entries}, {"truncated", trail.truncated}});
    return 0;
  }
  if (trail.entries.empty()) {
    std::cout << "no audit entries match\n";
    return 0;
  }
  TextTable t({"when", "who", "what", "action", "key", "change"});
  for (const auto& e : trail.entries)
    t.add({io::formatTimestamp(e.at), e.who, e.what, e.action, e.key, store::changeSummary(e, 100)});
  t.print();
  if (trail.truncated)
    std::cout << "(the newest " << trail.entries.size() << "; more match: --limit N, or --limit 0 for all)\n";
  return 0;
}

const Registration registration{Command{
    "audit",
    "who changed limits, notes, specs, kaizen records, card moves and imports, and when",
    "",
    "Lists the workspace's audit trail, newest first: each change to approved control limits\n"
    "(chart_config), point notes and exclusions (point_note), specs (spec), kaizen records (kaizen),\n"
    "kanban card moves (card_move) and import batches (import_batch), with the row before and after.\n"
    "The workspace's own triggers write it; nobody can change or delete an entry. On a file the user\n"
    "is the operating-system user; on a PostgreSQL server, the database user.",
    {workspaceOption(),
     {"what", "TABLE", "only changes to this table (chart_config, point_note, spec, kaizen, card_move, import_batch)"},
     {"who", "USER", "only changes made by this user"},
     {"from", "T", "only changes at or after T (2026-10-01 or 2026-10-01T08:00:00Z)"},
     {"to", "T", "only changes at or before T (a bare date: that whole day)"},
     {"limit", "N", "at most N entries, the newest (default 100; 0 = all)"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

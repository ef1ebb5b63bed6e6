// fabkit-cli spc-note: acknowledge a violation (cause, comment) or exclude a
// point from limit estimation, kept in the workspace's point_note.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/io/field_parse.h"
#include "core/store/spc_notes.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

int run(const Args& args) {
  auto ws = store::Workspace::open(args.value("workspace"));
  store::PointNote note;
  note.parameter = args.value("parameter");
  if (args.has("list")) {
    const auto notes = store::pointNotes(ws.db(), note.parameter);
    if (args.json()) {
      Json a = Json::array();
      for (const auto& n : notes)
        a.push_back({{"id", n.id},
                     {"point", n.pointKey},
                     {"rule", n.rule ? Json(*n.rule) : Json(nullptr)},
                     {"excluded", n.excluded},
                     {"cause", n.cause},
                     {"comment", n.comment},
                     {"who", n.who},
                     {"when", io::formatTimestamp(n.at)}});
      printJson(a);
      return 0;
    }
    TextTable t({"point", "rule", "excluded", "cause", "comment", "who", "when"});
    for (const auto& n : notes)
      t.add({n.pointKey, n.rule ? std::to_string(*n.rule) : "all", n.excluded ? "yes" : "no", n.cause, n.comment, n.who,
             io::formatTimestamp(n.at)});
    t.print();
    return 0;
  }
  note.pointKey = args.value("point");
  if (args.has("rule")) note.rule = static_cast<int>(args.integer("rule"));
  note.excluded = args.has("exclude");
  note.cause = args.valueOr("cause", "");
  note.comment = args.valueOr("comment", "");
  note.who = args.value("who");
  const auto id = store::addPointNote(ws.db(), note);
  if (args.json())
    printJson({{"id", id}});
  else
    std::cout << "note " << id << " kept for " << note.parameter << " point " << note.pointKey << "\n";
  return 0;
}

const Registration registration{
    Command{"spc-note",
            "acknowledge a chart violation or exclude a point from the limits, with cause and comment",
            "",
            "Notes are kept in the workspace, never overwritten; the latest note on a point is in force.\n"
            "The point is named as fabkit-cli spc shows it (the subgroup key, e.g. LOT/WAFER).",
            {workspaceOption(),
             {"parameter", "P", "the charted parameter"},
             {"point", "KEY", "the point's key as the chart shows it"},
             {"rule", "N", "the rule acknowledged (default: the whole point)"},
             {"exclude", "", "leave the point out of limit estimation"},
             {"cause", "TEXT", "what happened (needed to acknowledge or exclude)"},
             {"comment", "TEXT", "action taken, reference"},
             {"who", "NAME", "who writes the note"},
             {"list", "", "list the parameter's notes instead"},
             jsonOption()},
            run}};

}  // namespace
}  // namespace fab::cli

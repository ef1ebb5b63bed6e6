// fabkit-cli kaizen: improvement records through PDCA, tied to a kanban card and to SPC evidence.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/kaizen_evidence.h"
#include "app/cli/output.h"
#include "app/cli/time_option.h"
#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/lean/kaizen_store.h"
#include "core/lean/kanban_store.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

std::string when(const std::optional<std::int64_t>& t) { return t ? io::formatTimestamp(*t).substr(0, 10) : ""; }

Json kaizenJson(const lean::Kaizen& k, std::int64_t now) {
  Json j = {{"id", k.id}, {"type", lean::typeName(k.type)}, {"title", k.title}, {"stage", lean::stageName(k.stage)},
            {"area", k.area}, {"owner", k.owner}, {"submitter", k.submitter}, {"team", k.team},
            {"submitted", io::formatTimestamp(k.submitted)}, {"due", when(k.due)}, {"closed", when(k.closed)},
            {"overdue", k.overdue(now)}, {"problem", k.problem}, {"root_cause", k.rootCause}, {"target", k.target},
            {"hard_savings", k.hardSavings}, {"soft_savings", k.softSavings}, {"evidence_override", k.evidenceOverride}};
  if (k.link)
    j["spc_link"] = {{"parameter", k.link->parameter}, {"step", k.link->step}, {"tool", k.link->tool},
                     {"chamber", k.link->chamber}, {"product", k.link->product},
                     {"change_time", io::formatTimestamp(k.link->changeTime)},
                     {"intended", lean::directionName(k.link->intended)}};
  Json actions = Json::array();
  for (const auto& a : k.actions) actions.push_back({{"what", a.what}, {"owner", a.owner}, {"due", when(a.due)}, {"done", a.done}});
  j["actions"] = actions;
  return j;
}

/// The board and card that track a kaizen.
std::pair<std::string, std::int64_t> cardOf(lean::KanbanStore& boards, std::int64_t kaizenId) {
  for (const auto& name : boards.boardNames()) {
    const auto b = boards.load(name);
    for (const auto& c : b.cards)
      if (c.kaizenId == kaizenId) return {name, c.id};
  }
  throw Error("kaizen " + std::to_string(kaizenId) + " has no card on any board (add it with kaizen add --board B)");
}

int add(const Args& args) {
  auto ws = store::Workspace::openOrCreate(args.value("workspace"));
  const auto now = timeOption(args, "at");
  lean::Kaizen k;
  k.type = lean::typeFromName(args.valueOr("type", "event"));
  k.title = args.value("title");
  k.area = args.valueOr("area", "");
  k.owner = args.valueOr("owner", "");
  k.submitter = args.valueOr("who", k.owner);
  k.problem = args.valueOr("problem", "");
  k.target = args.valueOr("target", "");
  k.submitted = now;
  if (args.has("due")) k.due = timeOption(args, "due");
  if (auto parameter = args.optional("parameter")) {
    lean::SpcLink link;
    link.parameter = *parameter;
    link.step = args.valueOr("step", "");
    link.tool = args.valueOr("tool", "");
    link.chamber = args.valueOr("chamber", "");
    link.product = args.valueOr("product", "");
    link.changeTime = timeOption(args, "change-time");
    if (!args.has("change-time")) throw UsageError{"an SPC link (--parameter) needs --change-time"};
    link.intended = lean::directionFromName(args.valueOr("intended", "lower_spread"));
    k.link = link;
  }
  lean::KaizenStore(ws.db()).add(k, k.submitter, now);
  if (auto board = args.optional("board")) {
    lean::KanbanCard card;
    card.title = k.title;
    card.kaizenId = k.id;
    card.owner = k.owner;
    card.area = k.area;
    lean::KanbanStore boards(ws.db());
    const auto b = boards.load(*board);
    boards.addCard(*board, card, args.valueOr("column", b.columns.front().name), k.submitter, now);
  }
  if (args.json()) printJson(kaizenJson(k, now));
  else std::cout << "kaizen " << k.id << " added: " << k.title << "\n";
  return 0;
}

int list(const Args& args) {
  auto ws = store::Workspace::open(args.value("workspace"));
  const auto now = timeOption(args, "at");
  const auto all = lean::KaizenStore(ws.db()).list();
  if (args.json()) {
    Json a = Json::array();
    for (const auto& k : all) a.push_back(kaizenJson(k, now));
    printJson(a);
    return 0;
  }
  TextTable t({"id", "type", "stage", "title", "owner", "due", "SPC link"});
  for (const auto& k : all)
    t.add({std::to_string(k.id), std::string(lean::typeName(k.type)), std::string(lean::stageName(k.stage)) + (k.overdue(now) ? " OVERDUE" : ""),
           k.title, k.owner, when(k.due), k.link ? k.link->parameter : ""});
  t.print();
  return 0;
}

int show(const Args& args, std::int64_t id) {
  auto ws = store::Workspace::open(args.value("workspace"));
  lean::KaizenStore kaizens(ws.db());
  const auto k = kaizens.get(id);
  const auto history = kaizens.history(id);
  if (args.json()) {
    Json j = kaizenJson(k, timeOption(args, "at"));
    Json h = Json::array();
    for (const auto& e : history)
      h.push_back({{"who", e.who}, {"time", io::formatTimestamp(e.time)}, {"field", e.field}, {"old", e.oldValue}, {"new", e.newValue}});
    j["history"] = h;
    printJson(j);
    return 0;
  }
  std::cout << "#" << k.id << " " << k.title << " (" << lean::typeName(k.type) << ", " << lean::stageName(k.stage) << ")\n"
            << "owner " << k.owner << ", area " << k.area << ", due " << when(k.due) << "\n";
  if (!k.problem.empty()) std::cout << "problem: " << k.problem << "\n";
  if (k.link)
    std::cout << "SPC link: " << k.link->parameter << " changed " << io::formatTimestamp(k.link->changeTime)
              << ", intended " << lean::directionName(k.link->intended) << "\n";
  std::cout << "\nhistory\n";
  for (const auto& e : history)
    std::cout << "  " << io::formatTimestamp(e.time) << " " << e.who << ": " << e.field
              << (e.field == "created" ? "" : " '" + e.oldValue + "' → '" + e.newValue + "'") << "\n";
  return 0;
}

int move(const Args& args, std::int64_t id) {
  auto ws = store::Workspace::open(args.value("workspace"));
  lean::KanbanStore boards(ws.db());
  const auto [board, card] = cardOf(boards, id);
  const auto k = lean::KaizenStore(ws.db()).get(id);
  lean::EvidenceGate gate = evidenceGate(ws.db(), k);
  gate.override = args.valueOr("override", "");
  const auto r = boards.move(board, card, args.value("column"), args.valueOr("who", ""), timeOption(args, "at"), gate);
  if (args.json()) printJson({{"kaizen", id}, {"board", board}, {"card", card}, {"warning", r.warning}, {"evidence", gate.summary}});
  else std::cout << "kaizen " << id << " moved to " << args.value("column") << (r.warning.empty() ? "" : "\nwarning: " + r.warning) << "\n";
  return 0;
}

int run(const Args& args) {
  const auto& p = args.positional();
  if (p.empty()) throw UsageError{"give one of: add, list, show ID, move ID, evidence ID"};
  if (p[0] == "add") return add(args);
  if (p[0] == "list") return list(args);
  if (p.size() != 2) throw UsageError{"'" + p[0] + "' needs a kaizen id"};
  const auto id = io::parseInteger(p[1]);
  if (!id) throw UsageError{"expected a kaizen id, got '" + p[1] + "'"};
  if (p[0] == "show") return show(args, *id);
  if (p[0] == "move") return move(args, *id);
  if (p[0] == "evidence") return printEvidence(args, *id);
  throw UsageError{"unknown kaizen action '" + p[0] + "'"};
}

const Registration registration{Command{
    "kaizen",
    "kaizen records: add, list, show, move through PDCA, SPC evidence",
    "add|list|show ID|move ID|evidence ID",
    "add:      --workspace W --title T [--type event|suggestion|a3] [--area A] [--owner O] [--due DATE]\n"
    "          [--problem TEXT] [--target TEXT] [--parameter P --change-time T [--intended lower_mean|higher_mean|\n"
    "          lower_spread|higher_cpk] [--step S] [--tool T] [--chamber C] [--product P]] [--board B [--column C]]\n"
    "move:     ID --column COLUMN [--override TEXT]   (closing needs the evidence to show the intended improvement)\n"
    "evidence: ID   phase-split chart limits and out-of-control rates, mean before/after (Welch), Kalman level-shift\n"
    "          intervention (recommended when the values before the change are autocorrelated), variance test, Cpk;\n"
    "          a lower/higher-mean kaizen with several wafers per lot tests the mean shift on lot means",
    {workspaceOption(), {"title", "T", "title"}, {"type", "TYPE", "event | suggestion | a3"}, {"area", "A", "tool, chamber, step or product"},
     {"owner", "O", "owner"}, {"who", "NAME", "who makes the change"}, {"due", "DATE", "due date"},
     {"problem", "TEXT", "problem statement"}, {"target", "TEXT", "target condition"},
     {"parameter", "P", "SPC link: parameter"}, {"change-time", "TIME", "SPC link: when the change took effect"},
     {"intended", "DIR", "lower_mean | higher_mean | lower_spread | higher_cpk"}, {"step", "S", "SPC link: route step"},
     {"tool", "T", "SPC link: process tool at the step"}, {"chamber", "C", "SPC link: chamber"}, {"product", "P", "SPC link: product"},
     {"board", "B", "put the kaizen's card on this board"}, {"column", "C", "the card's first column"},
     {"column", "COLUMN", "destination column"}, {"override", "TEXT", "written reason to close without the evidence"},
     {"at", "TIME", "time of the action (default: now)"}, jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

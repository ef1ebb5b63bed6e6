// fabkit-cli kanban: boards, moves (WIP limits enforced), flow metrics, pull-loop sizing.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "app/cli/time_option.h"
#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/lean/flow_metrics.h"
#include "core/lean/kanban_store.h"
#include "core/lean/pull_loop.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

/// "Backlog:backlog,Plan:3!,Do:2,Done:done" → columns (N = soft WIP limit, N! = hard).
std::vector<lean::KanbanColumn> parseColumns(const std::vector<std::string>& items) {
  std::vector<lean::KanbanColumn> columns;
  for (const auto& item : items) {
    lean::KanbanColumn c;
    const auto colon = item.find(':');
    c.name = item.substr(0, colon);
    if (colon != std::string::npos) {
      std::string spec = item.substr(colon + 1);
      if (spec == "backlog") c.role = lean::ColumnRole::Backlog;
      else if (spec == "done") c.role = lean::ColumnRole::Done;
      else {
        c.hardLimit = !spec.empty() && spec.back() == '!';
        if (c.hardLimit) spec.pop_back();
        const auto limit = io::parseInteger(spec);
        if (!limit || *limit < 0) throw UsageError{"column '" + item + "': expected NAME:N, NAME:N!, NAME:backlog or NAME:done"};
        c.wipLimit = static_cast<int>(*limit);
      }
    }
    columns.push_back(c);
  }
  return columns;
}

Json boardJson(const lean::KanbanBoard& b, std::int64_t now) {
  Json cols = Json::array();
  for (const auto& c : b.columns) {
    Json cards = Json::array();
    for (const auto& card : b.cards) {
      if (b.columnOf(card.id) != c.id) continue;
      Json j = {{"id", card.id}, {"title", card.title}, {"owner", card.owner}, {"area", card.area}};
      if (card.kaizenId) j["kaizen"] = *card.kaizenId;
      cards.push_back(j);
    }
    cols.push_back({{"name", c.name}, {"role", lean::columnRoleName(c.role)}, {"wip", b.wip(c.id)}, {"wip_limit", c.wipLimit},
                    {"hard_limit", c.hardLimit}, {"at_or_over_limit", c.wipLimit > 0 && b.wip(c.id) >= c.wipLimit}, {"cards", cards}});
  }
  (void)now;
  return {{"board", b.name}, {"columns", cols}};
}

int board(const Args& args) {
  auto ws = store::Workspace::openOrCreate(args.value("workspace"));
  lean::KanbanStore boards(ws.db());
  if (auto name = args.optional("create")) {
    boards.createBoard(*name, parseColumns(args.list("columns")));
    if (!args.json()) std::cout << "created board '" << *name << "'\n";
  }
  const auto names = boards.boardNames();
  if (names.empty()) throw Error("the workspace has no kanban board yet (create one with --create NAME --columns …)");
  const auto b = boards.load(args.valueOr("board", args.valueOr("create", names.front())));
  const auto now = timeOption(args, "at");
  if (args.json()) {
    printJson(boardJson(b, now));
    return 0;
  }
  std::cout << b.name << "\n";
  for (const auto& c : b.columns) {
    const int wip = b.wip(c.id);
    std::cout << "\n" << c.name << "  " << wip << (c.wipLimit ? "/" + std::to_string(c.wipLimit) + (c.hardLimit ? " (hard)" : " (soft)") : "")
              << (c.wipLimit && wip >= c.wipLimit ? "  AT LIMIT" : "") << "\n";
    for (const auto& card : b.cards)
      if (b.columnOf(card.id) == c.id)
        std::cout << "  #" << card.id << " " << card.title << (card.owner.empty() ? "" : " [" + card.owner + "]") << "\n";
  }
  return 0;
}

int move(const Args& args) {
  auto ws = store::Workspace::open(args.value("workspace"));
  lean::KanbanStore boards(ws.db());
  const auto boardName = args.value("board");
  const auto card = args.integer("card");
  const auto who = args.valueOr("who", "");
  const auto at = timeOption(args, "at");
  lean::MoveResult r;
  if (args.flag("undo")) {
    r = boards.undo(boardName, card, who, at);
  } else {
    lean::EvidenceGate gate;
    gate.override = args.valueOr("override", "");
    r = boards.move(boardName, card, args.value("column"), who, at, gate);
  }
  const auto b = boards.load(boardName);
  if (args.json()) {
    printJson({{"card", card}, {"move", r.move.id}, {"to", b.column(r.move.toColumn).name}, {"warning", r.warning}});
  } else {
    std::cout << "moved #" << card << " to " << b.column(r.move.toColumn).name << "\n";
    if (!r.warning.empty()) std::cout << "warning: " << r.warning << "\n";
  }
  return 0;
}

int metrics(const Args& args) {
  auto ws = store::Workspace::open(args.value("workspace"));
  lean::KanbanStore boards(ws.db());
  const auto b = boards.load(args.value("board"));
  const auto to = windowEndOption(args, "to");
  std::int64_t from = to - 30LL * 86400000;
  if (args.has("from")) from = timeOption(args, "from");
  const auto m = lean::flowMetrics(b, from, to);
  if (args.json()) {
    Json cards = Json::array();
    for (const auto& c : m.cards)
      cards.push_back({{"card", c.cardId}, {"title", b.card(c.cardId).title},
                       {"lead_days", c.leadDays ? Json(*c.leadDays) : Json(nullptr)},
                       {"cycle_days", c.cycleDays ? Json(*c.cycleDays) : Json(nullptr)},
                       {"age_days", c.ageDays ? Json(*c.ageDays) : Json(nullptr)}});
    Json columns = Json::array();
    for (const auto& c : b.columns) columns.push_back(c.name);
    Json days = Json::array();
    for (std::size_t d = 0; d < m.cumulativeFlow.days.size(); ++d)
      days.push_back({{"day", io::formatTimestamp(m.cumulativeFlow.days[d])}, {"counts", m.cumulativeFlow.counts[d]}});
    printJson({{"board", b.name}, {"from", io::formatTimestamp(from)}, {"to", io::formatTimestamp(to)},
               {"finished", m.finishedInWindow}, {"cards", cards},
               {"cumulative_flow", {{"columns", columns}, {"days", days}}},
               {"littles_law", {{"average_wip", m.little.averageWip}, {"throughput_per_day", m.little.throughputPerDay},
                                {"average_cycle_days", m.little.averageCycleDays}, {"predicted_wip", m.little.predictedWip},
                                {"assumptions", m.little.assumptions}}}});
    return 0;
  }
  TextTable t({"card", "title", "lead d", "cycle d", "age d"});
  for (const auto& c : m.cards)
    t.add({"#" + std::to_string(c.cardId), b.card(c.cardId).title, c.leadDays ? fmt(*c.leadDays, 1) : "",
           c.cycleDays ? fmt(*c.cycleDays, 1) : "", c.ageDays ? fmt(*c.ageDays, 1) : ""});
  t.print();
  std::cout << "\nfinished in window: " << m.finishedInWindow << "   throughput: " << fmt(m.little.throughputPerDay, 3)
            << "/day   average cycle: " << fmt(m.little.averageCycleDays, 2) << " d\n"
            << "Little's law: average WIP " << fmt(m.little.averageWip, 2) << " vs throughput × cycle time "
            << fmt(m.little.predictedWip, 2) << "\n" << m.little.assumptions << "\n";
  return 0;
}

int size(const Args& args) {
  const auto c = lean::cardCount(args.number("demand"), args.number("lead-time"), args.numberOr("safety", 0),
                                 args.number("container"), args.numberOr("available-time", 0));
  if (args.json()) {
    Json j = {{"formula", "N = ceil(D * L * (1 + alpha) / C)"}, {"exact", c.exact}, {"cards", c.cards}};
    if (c.takt > 0) j["takt"] = c.takt;
    printJson(j);
  } else {
    std::cout << "N = ⌈D·L·(1+α)/C⌉ = ⌈" << fmt(c.exact, 3) << "⌉ = " << c.cards << " cards\n";
    if (c.takt > 0) std::cout << "takt time: " << fmt(c.takt, 4) << " per unit\n";
    std::cout << "fewer cards: shorter lead time, smaller safety factor, larger containers or lower demand\n";
  }
  return 0;
}

int run(const Args& args) {
  const auto& p = args.positional();
  if (p.size() != 1) throw UsageError{"give one of: board, move, metrics, size"};
  if (p[0] == "board") return board(args);
  if (p[0] == "move") return move(args);
  if (p[0] == "metrics") return metrics(args);
  if (p[0] == "size") return size(args);
  throw UsageError{"unknown kanban action '" + p[0] + "' (board, move, metrics, size)"};
}

const Registration registration{Command{
    "kanban",
    "kanban boards: show, move cards (WIP limits), flow metrics, pull-loop card count",
    "board|move|metrics|size",
    "board:   --workspace W [--board B] [--create NAME --columns Backlog:backlog,Plan:3!,Do:2,Done:done]\n"
    "         (N = soft WIP limit, N! = hard limit)\n"
    "move:    --workspace W --board B --card N (--column COLUMN [--override TEXT] | --undo) [--who NAME]\n"
    "         a refused move exits 1 with the reason\n"
    "metrics: --workspace W --board B [--from DATE] [--to DATE]   lead/cycle time, ageing, CFD, Little's law\n"
    "size:    --demand D --lead-time L [--safety A] --container C [--available-time T]",
    {workspaceOption(),
     {"board", "B", "board name"},
     {"create", "NAME", "create a board"},
     {"columns", "SPEC", "columns of a new board"},
     {"card", "N", "card id"},
     {"column", "COLUMN", "destination column"},
     {"undo", "", "undo the card's last move (appends a compensating move)"},
     {"override", "TEXT", "written reason to close a kaizen card without the evidence"},
     {"who", "NAME", "who makes the move"},
     {"at", "TIME", "time of the move (default: now)"},
     {"from", "TIME", "start of the metrics window (default: 30 days before --to)"},
     {"to", "TIME", "end of the metrics window (default: now)"},
     {"demand", "D", "demand per unit time"},
     {"lead-time", "L", "replenishment lead time (same time unit)"},
     {"safety", "A", "safety factor α (default 0)"},
     {"container", "C", "container size"},
     {"available-time", "T", "available time per unit time, for takt"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

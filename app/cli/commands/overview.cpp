// fabkit-cli overview: what is wrong in this fab today — the parameters most
// out of control under their approved limits (with the tool suspect), the
// worst capability, the lowest-yield lots, open kaizens and recent imports.
// The same analysis as the GUI's start page (core/analysis/overview.h).
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/analysis/overview.h"
#include "core/analysis/overview_json.h"
#include "core/analysis/overview_words.h"
#include "core/io/field_parse.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

using namespace fab::analysis;

Json suspectJson(const OutOfControlLine& l) {
  if (!l.suspect) return nullptr;
  const auto& s = *l.suspect;
  return {{"step", s.step},
          {"group", s.group},
          {"p_adjusted", number(s.pAdjusted)},
          {"group_median", number(s.groupMedian)},
          {"center", number(s.center)},
          {"wafers", s.groupUnits},
          {"text", describeSuspect(s, l.unit)}};
}

Json overviewJson(const Overview& o) {
  Json out = Json::array(), cap = Json::array(), lots = Json::array(), kaizens = Json::array(), imports = Json::array();
  for (const auto& l : o.outOfControl)
    out.push_back({{"parameter", l.parameter},
                   {"unit", l.unit},
                   {"chart", l.chart},
                   {"point", l.pointName},
                   {"limits_source", l.limitsSource},
                   {"points", l.points},
                   {"recent_points", l.recentPoints},
                   {"beyond_limits", l.beyondLimits},
                   {"recent_beyond_limits", l.recentBeyondLimits},
                   {"open_violations", l.openViolations},
                   {"recent_open_violations", l.recentOpenViolations},
                   {"last_signal", l.lastSignal},
                   {"suspect", suspectJson(l)},
                   {"suspect_note", l.suspectNote},
                   {"text", describeSignals(l)}});
  for (const auto& c : o.capability)
    cap.push_back({{"parameter", c.parameter},
                   {"cpk", number(c.cpk)},
                   {"ppk", number(c.ppk)},
                   {"index", c.cpkName},
                   {"n", c.n},
                   {"spec_source", c.specSource}});
  for (const auto& l : o.lots) lots.push_back(lotYieldJson(l));
  for (const auto& k : o.kaizens)
    kaizens.push_back({{"id", k.id},
                       {"title", k.title},
                       {"stage", k.stage},
                       {"owner", k.owner},
                       {"overdue", k.overdue},
                       {"evidence_computed", k.evidenceComputed},
                       {"improvement_shown", k.improvementShown},
                       {"evidence", k.evidence},
                       {"board", k.board},
                       {"card", k.card}});
  for (const auto& i : o.imports)
    imports.push_back({{"batch", i.id},
                       {"kind", i.kind},
                       {"source", i.source},
                       {"status", i.status},
                       {"finished", i.finished ? Json(io::formatTimestamp(i.finished)) : Json(nullptr)},
                       {"rows", i.rowsOk},
                       {"rejected", i.rowsRejected},
                       {"problems_kept", i.errors},
                       {"message", i.message}});
  return {{"recent", o.recentMeaning},
          {"out_of_control", out},
          {"parameters_in_control", o.parametersInControl},
          {"capability", cap},
          {"lots", lots},
          {"lots_with_dies", o.lotsWithDies},
          {"kaizens", kaizens},
          {"imports", imports},
          {"notes", o.notes}};
}

void printText(const Overview& o) {
  std::cout << "Out of control (recent = " << o.recentMeaning << "), worst first\n";
  if (o.outOfControl.empty()) std::cout << "  every parameter in control\n";
  for (std::size_t i = 0; i < o.outOfControl.size(); ++i) {
    const auto& l = o.outOfControl[i];
    std::cout << "  " << i + 1 << ". " << l.parameter << " (" << l.chart << "): " << describeSignals(l) << "\n";
    if (l.suspect) std::cout << "     suspect: " << describeSuspect(*l.suspect, l.unit) << "\n";
  }
  if (o.parametersInControl) std::cout << "  " << o.parametersInControl << " more parameters in control\n";
  std::cout << "\nCapability, lowest Cpk first\n";
  TextTable cap({"parameter", "Cpk", "Ppk", "n", "spec"});
  for (const auto& c : o.capability)
    cap.add({c.parameter, fmt(c.cpk, 2) + (c.cpkName == "Cpk" ? "" : " (" + c.cpkName + ")"), fmt(c.ppk, 2),
             std::to_string(c.n), c.specSource});
  cap.print();
  std::cout << "\nLowest-yield lots (" << o.lots.size() << " of " << o.lotsWithDies << " lots with die maps)\n";
  for (const auto& l : o.lots) std::cout << "  " << l.lot << " (" << l.product << "): " << describeLot(l) << "\n";
  std::cout << "\nOpen kaizens\n";
  if (o.kaizens.empty()) std::cout << "  none\n";
  for (const auto& k : o.kaizens) std::cout << "  #" << k.id << " " << k.title << ": " << describeKaizen(k) << "\n";
  std::cout << "\nRecent imports\n";
  for (const auto& i : o.imports)
    std::cout << "  #" << i.id << " " << i.kind << " " << i.source << ": " << describeImport(i) << "\n";
  for (const auto& n : o.notes) std::cout << "note: " << n << "\n";
}

int run(const Args& args) {
  OverviewRequest request;
  if (args.has("lots") && args.has("days")) throw UsageError{"give either --lots or --days for the recent window"};
  const auto lots = args.integerOr("lots", 10);
  if (lots < 1) throw UsageError{"--lots expects a count of lots, 1 or more"};
  request.recentLots = static_cast<std::size_t>(lots);
  if (args.has("days")) request.recentDays = args.number("days");
  const auto top = args.integerOr("suspects", 3);
  if (top < 0) throw UsageError{"--suspects expects a count of parameters, 0 or more"};
  request.suspects = static_cast<std::size_t>(top);
  auto ws = store::Workspace::open(args.value("workspace"));
  const auto o = workspaceOverview(ws.db(), request);
  if (args.json())
    printJson(overviewJson(o));
  else
    printText(o);
  return 0;
}

const Registration registration{
    Command{"overview",
            "what is wrong today: parameters out of control, worst capability, lowest-yield lots, kaizens, imports",
            "",
            "Each parameter's chart in force (its approved limits) and the points beyond them among the recent ones\n"
            "(the parameter's last --lots lots, default 10, or its last --days days), worst first, with the tool\n"
            "commonality's top suspect for the worst --suspects parameters (default 3); capability of the same chart,\n"
            "lowest Cpk first; die yield per lot, lowest first, with the worst wafer, fail bin and zone; the kaizens\n"
            "not finished, with their evidence; the recent import batches. The GUI opens a workspace on this page.",
            {workspaceOption(),
             {"lots", "N", "recent = the parameter's last N lots (default 10)"},
             {"days", "D", "recent = the parameter's last D days instead"},
             {"suspects", "N", "worst parameters that get a tool-commonality suspect (default 3)"},
             jsonOption()},
            run}};

}  // namespace
}  // namespace fab::cli

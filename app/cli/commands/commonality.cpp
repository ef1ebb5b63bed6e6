// fabkit-cli commonality: which route step's tool (or chamber) explains a
// parameter — Kruskal–Wallis, one-way and Welch ANOVA (and χ² for pass/fail)
// at every step, ranked by the Benjamini–Hochberg adjusted p-value.
#include <iostream>
#include <map>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "app/cli/time_option.h"
#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/io/field_parse.h"
#include "core/io/pass_fail.h"
#include "core/store/workspace.h"
#include "core/variation/workspace_commonality.h"

namespace fab::cli {
namespace {

using variation::StepTest;

Json fTestJson(const std::optional<variation::FTest>& t) {
  if (!t) return nullptr;
  return {{"f", number(t->f)}, {"df1", t->df1}, {"df2", number(t->df2)}, {"p", number(t->pValue)}};
}

Json stepJson(const StepTest& t, std::size_t rank) {
  Json j = {{"rank", rank},
            {"step", t.step},
            {"units", t.units},
            {"groups", t.groups},
            {"tested", t.tested},
            {"p", number(t.pValue)},
            {"p_adjusted", number(t.pAdjusted)}};
  if (!t.message.empty()) j["message"] = t.message;
  if (t.kruskalWallis) {
    const auto& k = *t.kruskalWallis;
    j["kruskal_wallis"] = {{"h", k.h},
                           {"h_uncorrected", k.hUncorrected},
                           {"tie_correction", k.tieCorrection},
                           {"df", k.df},
                           {"p", number(k.pValue)}};
    j["anova"] = fTestJson(t.anova.classic);
    j["welch"] = fTestJson(t.anova.welch);
    if (!t.anova.message.empty()) j["anova_message"] = t.anova.message;
  }
  if (t.chiSquare)
    j["chi_square"] = {{"statistic", t.chiSquare->statistic},
                       {"df", t.chiSquare->df},
                       {"p", number(t.chiSquare->pValue)},
                       {"cells_expected_below_5", t.chiSquare->smallExpected},
                       {"message", t.chiSquare->message}};
  Json stats = Json::array();
  for (const auto& g : t.groupStats)
    stats.push_back({{"group", g.label},
                     {"n", g.n},
                     {"mean", number(g.mean)},
                     {"sd", number(g.sd)},
                     {"min", number(g.min)},
                     {"q1", number(g.q1)},
                     {"median", number(g.median)},
                     {"q3", number(g.q3)},
                     {"max", number(g.max)}});
  if (!stats.empty()) j["group_stats"] = stats;
  return j;
}

Json resultJson(const variation::CommonalityResult& r) {
  Json steps = Json::array();
  for (std::size_t i = 0; i < r.steps.size(); ++i) steps.push_back(stepJson(r.steps[i], i + 1));
  Json pairs = Json::array();
  for (const auto& p : r.topPairs)
    pairs.push_back({{"a", p.firstLabel},
                     {"b", p.secondLabel},
                     {"mean_rank_difference", p.meanRankDifference},
                     {"z", p.z},
                     {"p", number(p.pValue)},
                     {"p_adjusted", number(p.pAdjusted)}});
  return {{"ranked_by", r.rankedBy},
          {"pairs_method", r.pairsMethod},
          {"steps", steps},
          {"top_step", r.steps.empty() || !r.steps.front().tested ? Json(nullptr) : Json(r.steps.front().step)},
          {"top_pairs", pairs},
          {"notes", r.notes}};
}

void printText(const variation::CommonalityResult& r, const std::string& heading) {
  std::cout << heading << "\nranked by " << r.rankedBy << "\n\n";
  TextTable t({"rank", "step", "units", "groups", "KW H", "KW p", "adj. p", "ANOVA p", "Welch p", "χ² p"});
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const auto& s = r.steps[i];
    if (!s.tested) {
      t.add({"", s.step, std::to_string(s.units), std::to_string(s.groups), "", "", "", "", "", s.message});
      continue;
    }
    const auto& kw = s.kruskalWallis;
    t.add({std::to_string(i + 1), s.step, std::to_string(s.units), std::to_string(s.groups), kw ? fmt(kw->h, 3) : "",
           kw ? fmtP(kw->pValue) : "", fmtP(s.pAdjusted), s.anova.classic ? fmtP(s.anova.classic->pValue) : "",
           s.anova.welch ? fmtP(s.anova.welch->pValue) : "",
           s.chiSquare && s.chiSquare->message.empty() ? fmtP(s.chiSquare->pValue) : ""});
  }
  t.print();
  for (const auto& s : r.steps) {
    if (s.groupStats.empty()) continue;
    std::cout << "\n" << s.step << " by group (ordered by median)\n";
    TextTable g({"group", "n", "mean", "sd", "min", "Q1", "median", "Q3", "max"});
    for (const auto& x : s.groupStats)
      g.add({x.label, std::to_string(x.n), fmt(x.mean, 4), fmt(x.sd, 4), fmt(x.min, 4), fmt(x.q1, 4), fmt(x.median, 4),
             fmt(x.q3, 4), fmt(x.max, 4)});
    g.print();
  }
  if (!r.topPairs.empty()) {
    std::cout << "\n" << r.steps.front().step << ": pairs, " << r.pairsMethod << "\n";
    TextTable p({"group", "vs group", "mean rank diff", "z", "p", "adj. p"});
    for (const auto& x : r.topPairs)
      p.add(
          {x.firstLabel, x.secondLabel, fmt(x.meanRankDifference, 2), fmt(x.z, 3), fmtP(x.pValue), fmtP(x.pAdjusted)});
    p.print();
  }
  for (const auto& n : r.notes) std::cout << "note: " << n << "\n";
}

/// CSV: one grouping, the group column standing in for a step.
variation::CommonalityResult fromCsv(const Args& args) {
  const auto table = io::CsvTable::read(args.value("csv"));
  const auto groupColumn = args.value("group");
  const auto groups = table.strings(groupColumn);
  variation::StepGrouping g;
  g.step = groupColumn;
  if (args.flag("pass-fail")) {
    const auto words = table.strings(args.value("value"));
    std::map<std::string, std::size_t> row;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (io::isMissing(words[i])) continue;
      const auto pass = io::parsePassFail(words[i]);
      if (!pass)
        throw Error(table.path() + ":" + std::to_string(table.line(i)) + ": column '" + args.value("value") +
                    "': expected pass or fail (1/0, yes/no, P/F), found '" + words[i] + "'");
      auto [it, inserted] = row.emplace(groups[i], g.countLabel.size());
      if (inserted) {
        g.countLabel.push_back(groups[i]);
        g.counts.push_back({0, 0});
      }
      g.counts[it->second][*pass ? 0 : 1] += 1;
    }
  } else {
    g.samples = variation::groupValues(groups, table.numbers(args.value("value")));
  }
  variation::CommonalityOptions o;
  o.detailSteps = 1;
  return variation::commonality({g}, o);
}

int run(const Args& args) {
  const bool csv = args.has("csv");
  if (csv == args.has("workspace")) throw UsageError{"give either --csv (with --value and --group) or --workspace"};
  variation::CommonalityResult result;
  Json head;
  std::string heading;
  if (csv) {
    for (const char* o : {"parameter", "yield", "by", "unit", "after", "from", "to", "step", "top"})
      if (args.has(o)) throw UsageError{std::string("--") + o + " applies to --workspace only"};
    result = fromCsv(args);
    head = {{"source", "csv"}, {"value", args.value("value")}, {"group", args.value("group")}};
    heading = args.value("value") + " by " + args.value("group");
  } else {
    for (const char* o : {"value", "group", "pass-fail"})
      if (args.has(o)) throw UsageError{std::string("--") + o + " applies to --csv only"};
    variation::CommonalityRequest request;
    request.yield = args.flag("yield");
    if (request.yield == args.has("parameter")) throw UsageError{"give either --parameter or --yield"};
    if (!request.yield) request.parameter = args.value("parameter");
    const auto by = args.valueOr("by", "tool+chamber");
    const auto grouping = variation::toolGroupingFromName(by);
    if (!grouping) throw UsageError{"--by expects tool, chamber or tool+chamber, got '" + by + "'"};
    request.grouping = *grouping;
    const auto unit = args.valueOr("unit", "wafer");
    if (unit != "wafer" && unit != "lot") throw UsageError{"--unit expects wafer or lot, got '" + unit + "'"};
    request.unit = unit == "lot" ? variation::CommonalityUnit::Lot : variation::CommonalityUnit::Wafer;
    if (args.has("after")) request.splitAt = timeOption(args, "after");
    if (args.has("from")) request.filter.from = timeOption(args, "from");
    if (args.has("to")) request.filter.to = windowEndOption(args, "to");
    request.steps = args.values("step");
    const auto top = args.integerOr("top", 3);
    if (top < 0) throw UsageError{"--top expects a count of steps, 0 or more"};
    request.options.detailSteps = static_cast<std::size_t>(top);
    auto ws = store::Workspace::open(args.value("workspace"));
    const auto w = variation::workspaceCommonality(ws.db(), request);
    result = w.result;
    head = {{"source", "workspace"},
            {"value", w.valueName},
            {"unit", w.unitName},
            {"by", std::string(variation::toolGroupingName(request.grouping))},
            {"split_at", request.splitAt ? Json(io::formatTimestamp(*request.splitAt)) : Json(nullptr)},
            {"wafers", w.wafers}};
    heading = w.valueName + " by " + std::string(variation::toolGroupingName(request.grouping)) + " at each step (" +
              w.unitName + " units, " + std::to_string(w.wafers) + " wafers)";
  }
  if (args.json()) {
    Json j = head;
    j.update(resultJson(result));
    printJson(j);
  } else {
    printText(result, heading);
  }
  return 0;
}

const Registration registration{Command{
    "commonality",
    "tool commonality: which step's tool or chamber explains a parameter",
    "",
    "With --workspace: the parameter's wafer means (or --yield: each wafer's die yield) grouped at every route\n"
    "step of lot_history by tool, chamber or tool+chamber (the default: a chamber-level cause shows, and with one\n"
    "chamber per tool it is the tool). Kruskal-Wallis (tie-corrected), one-way and Welch ANOVA at each step,\n"
    "chi-square on the die counts with --yield; steps ranked by the Kruskal-Wallis p-value adjusted by\n"
    "Benjamini-Hochberg over the steps; Dunn's pairs (Holm) at the top step. --after splits every group at a\n"
    "time (a wet clean, a repair) into before and after.\n"
    "With --csv: the tests for one grouping (--group), or chi-square with --pass-fail.",
    {workspaceOption(),
     {"parameter", "P", "workspace: the parameter (averaged per wafer)"},
     {"yield", "", "workspace: the die yield per wafer instead of a parameter"},
     {"by", "G", "workspace: tool, chamber or tool+chamber (default tool+chamber)"},
     {"unit", "U", "workspace: wafer (default) or lot (lot means per tool: the lot as the tested unit)"},
     {"after", "TIME", "workspace: split every group into before/after this track-in time"},
     {"from", "TIME", "workspace: only values measured at or after this time"},
     {"to", "TIME", "workspace: only values measured at or before this time (a date: to the end of that day)"},
     {"step", "S", "workspace: only this step (default every step)", true},
     {"top", "N", "workspace: steps that get per-group statistics (default 3)"},
     {"csv", "FILE", "a CSV with one unit per row"},
     {"value", "COL", "CSV: the value column"},
     {"group", "COL", "CSV: the group column (tool, chamber …)"},
     {"pass-fail", "", "CSV: the value column holds pass/fail: chi-square test of independence"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

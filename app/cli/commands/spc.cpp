// fabkit-cli spc: a control chart of a workspace parameter or a CSV column,
// with phases, known or approved limits, run rules and the exception list.
#include <algorithm>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/commands/spc_input.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/spc/control_chart.h"
#include "core/spc/exceptions.h"
#include "core/spc/point_groups.h"
#include "core/store/default_chart.h"
#include "core/store/measurements.h"
#include "core/store/spc_limits.h"
#include "core/store/spc_notes.h"

namespace fab::cli {
namespace {

using namespace fab::spc;

/// 1-based subgroup numbers from a comma-separated option.
std::vector<std::size_t> subgroupNumbers(const Args& args, const std::string& name, std::size_t points) {
  std::vector<std::size_t> out;
  for (const auto& item : args.list(name)) {
    const auto v = io::parseInteger(item);
    if (!v || *v < 1 || static_cast<std::size_t>(*v) > points)
      throw UsageError{"--" + name + " takes subgroup numbers from 1 to " + std::to_string(points) + " (got '" + item +
                       "')"};
    out.push_back(static_cast<std::size_t>(*v - 1));
  }
  return out;
}

ChartOptions chartOptions(const Args& args, ChartType type, const std::optional<store::ApprovedLimits>& approved) {
  ChartOptions o;
  o.type = type;
  if (approved) {  // the approved chart parameters, unless given again here
    o.L = approved->limitWidth;
    o.lambda = approved->lambda.value_or(o.lambda);
    o.k = approved->k.value_or(o.k);
    o.h = approved->h.value_or(o.h);
    o.headStart = approved->headStart.value_or(o.headStart);
    o.target = approved->target;
  }
  o.L = args.numberOr("L", o.L);
  o.lambda = args.numberOr("lambda", o.lambda);
  o.k = args.numberOr("k", o.k);
  o.h = args.numberOr("h", o.h);
  o.headStart = args.numberOr("fir", o.headStart);
  if (args.has("target")) o.target = args.number("target");
  o.knownCenter = args.optionalNumber("center");
  o.knownSigma = args.optionalNumber("sigma");
  o.rules = parseRuleSelection(args.valueOr("rules", approved ? approved->rules : "nelson"));
  const auto mr = args.valueOr("mr", "average");
  if (mr != "average" && mr != "median") throw UsageError{"--mr takes average or median"};
  o.movingRange = mr == "median" ? MovingRangeMethod::Median : MovingRangeMethod::Average;
  const auto within = args.valueOr("within", "r");
  if (within != "r" && within != "s") throw UsageError{"--within takes r or s"};
  o.withinSpread = within == "s" ? WithinSpread::StandardDeviation : WithinSpread::Range;
  return o;
}

Json limitsJson(const std::vector<LimitSegment>& limits) {
  Json a = Json::array();
  for (const auto& s : limits)
    a.push_back({{"first", s.first + 1},
                 {"last", s.last},
                 {"center", number(s.center)},
                 {"sigma", number(s.sigma)},
                 {"lcl", number(s.lcl)},
                 {"ucl", number(s.ucl)}});
  return a;
}

Json specJson(const SpcSource& src) {
  return {{"lsl", src.spec.lsl ? number(*src.spec.lsl) : Json(nullptr)},
          {"target", src.spec.target ? number(*src.spec.target) : Json(nullptr)},
          {"usl", src.spec.usl ? number(*src.spec.usl) : Json(nullptr)},
          {"source", src.specSource}};
}

/// --group-by tool|chamber|product --step STEP: each point's group (empty without it).
/// (--by already names who approves limits.)
std::vector<std::string> pointGroups(const Args& args, SpcSource& src, const ChartResult& chart) {
  if (!args.has("group-by")) return {};
  if (!src.workspace) throw UsageError{"--group-by needs --workspace (the lot history is kept in the workspace)"};
  const auto by = parseGroupBy(args.value("group-by"));
  std::vector<store::ProcessContext> history;
  if (by != GroupBy::Product) {
    if (!args.has("step")) throw UsageError{"--group-by tool or chamber needs --step STEP (the route step to look at)"};
    history = store::processAtStep(src.workspace->db(), args.value("step"));
    if (history.empty()) throw Error("no lot history at step '" + args.value("step") + "'");
  }
  std::vector<PointOrigin> origins;
  for (std::size_t i = 0; i < chart.points(); ++i) origins.push_back(src.rowOrigin[chart.row(i)]);
  return groupLabels(origins, history, by);
}

struct GroupCount {
  std::string name;
  std::size_t points = 0, violations = 0;  ///< violations on the main panel
};

std::vector<GroupCount> countByGroup(const std::vector<std::string>& groups, const ChartResult& chart) {
  std::vector<GroupCount> out;
  for (const auto& g : distinctGroups(groups)) out.push_back({g});
  auto of = [&](const std::string& g) -> GroupCount& {
    return *std::find_if(out.begin(), out.end(), [&](const GroupCount& c) { return c.name == g; });
  };
  for (const auto& g : groups) ++of(g).points;
  for (const auto& v : chart.panels[0].violations) ++of(groups[v.point]).violations;
  return out;
}

/// The chart when none is named: approved limits in force for the parameter win,
/// else the chart the data call for (store::defaultChart, as in the GUI). Sets the
/// subgroups of the chosen chart and returns the one-line reason.
std::string chooseChart(const Args& args, SpcSource& src, ChartType& type) {
  const auto chosen = store::defaultChart(*src.series);
  type = chosen.type;
  std::string reason = chosen.note.empty() ? (chosen.sitesPerWafer == 0 ? "no wafer numbers" : "one site per wafer") +
                                                 std::string(": individuals and moving range chart")
                                           : chosen.note;
  std::string subgroup = chosen.subgroup;
  std::optional<std::size_t> subgroupSize;
  if (!args.has("re-estimate") && !args.has("approve") &&
      !store::limitsInForce(src.workspace->db(), src.parameter, chartName(type), src.product)) {
    for (auto t : {ChartType::ThreeWay, ChartType::XbarR, ChartType::XbarS, ChartType::IndividualsMR, ChartType::Ewma,
                   ChartType::Cusum})
      if (auto a = store::limitsInForce(src.workspace->db(), src.parameter, chartName(t), src.product)) {
        type = t;
        reason = std::string("approved ") + chartName(t) + " limits in force";
        subgroup = a->subgroupKey;
        if (subgroup.empty() && t != ChartType::IndividualsMR)
          subgroupSize = static_cast<std::size_t>(a->subgroupSize.value_or(5));
        break;
      }
  }
  if (!subgroup.empty()) {
    auto keys = store::subgroupKeys(*src.series, subgroup);
    if (!keys) throw Error("approved limits name an unknown subgroup key '" + subgroup + "'");
    src.groups = subgroupsByKey(*keys);
  } else if (subgroupSize) {
    src.groups = subgroupsOfSize(src.values.size(), *subgroupSize);
  }
  return reason;
}

int run(const Args& args) {
  auto type =
      parseChartType(args.valueOr("chart", args.has("subgroup") || args.has("subgroup-size") ? "xbar-r" : "imr"));
  const bool attribute = isAttributeChart(type);
  auto src = loadSpcSource(args, attribute);
  std::string chartReason;  // why this chart, when the command chose it
  if (src.series && !args.has("chart") && !args.has("subgroup") && !args.has("subgroup-size"))
    chartReason = chooseChart(args, src, type);
  const bool workspace = src.workspace.has_value();
  if ((args.has("approve") || args.has("open")) && !workspace)
    throw UsageError{"--approve and --open need --workspace (limits and notes are kept in the workspace)"};

  std::optional<store::ApprovedLimits> approved;
  if (workspace && !args.has("re-estimate") && !args.has("approve"))
    approved = store::limitsInForce(src.workspace->db(), src.parameter, chartName(type), src.product);
  auto options = chartOptions(args, type, approved);

  const auto keys = src.pointKeys();
  const std::size_t points = keys.size();
  options.phases = phasesAtPoints(subgroupNumbers(args, "split", points));
  if (args.has("phase1")) {
    const auto [first, last] = parsePhaseRange(args.value("phase1"));
    options.phases[0].baselineFirst = first;
    options.phases[0].baselineLast = last;
  }
  if (approved)
    for (auto& p : options.phases) p.fixed = store::approvedEstimate(*approved);
  options.excluded.assign(points, 0);
  for (auto i : subgroupNumbers(args, "exclude", points)) options.excluded[i] = 1;
  std::vector<Acknowledgement> acknowledged;
  if (workspace) {
    const auto excludedKeys = store::excludedPointKeys(src.workspace->db(), src.parameter);
    for (std::size_t i = 0; i < points; ++i)
      if (std::find(excludedKeys.begin(), excludedKeys.end(), keys[i]) != excludedKeys.end()) options.excluded[i] = 1;
    for (const auto& n : store::pointNotes(src.workspace->db(), src.parameter))
      if (n.rule || !n.cause.empty()) acknowledged.push_back({n.pointKey, n.rule.value_or(0)});
  }

  const auto chart = attribute ? computeAttributeChart(src.values, src.sizes, src.subgroups(), options)
                               : computeVariablesChart(src.values, src.subgroups(), options);
  const auto open = openViolations(chart, keys, acknowledged);
  const auto groups = pointGroups(args, src, chart);

  std::string limitsSource = "estimated";
  if (approved)
    limitsSource = "approved version " + std::to_string(approved->version) + " by " + approved->approvedBy + " on " +
                   io::formatTimestamp(approved->approvedAt) + ": " + approved->reason;
  if (args.has("approve")) {
    store::ApprovedLimits a;
    const auto& phase = chart.phases.back();
    const auto& main = chart.panels[0];
    const auto* seg = segmentAt(main.limits, phase.baselineFirst);
    a.parameter = src.parameter;
    a.product = src.product;
    a.chartType = chartName(type);
    a.subgroupKey = args.valueOr("subgroup", "");
    if (args.has("subgroup-size")) a.subgroupSize = static_cast<int>(args.integer("subgroup-size"));
    a.rules = args.valueOr("rules", "nelson");  // (an approval is made without limits in force)
    a.center = phase.estimate.center;
    a.sigma = phase.estimate.sigma;
    a.sigmaOfMeans = phase.estimate.sigmaOfMeans;
    a.sigmaZ = phase.estimate.sigmaZ;
    a.sigmaMethod = phase.estimate.sigmaMethod;
    a.limitWidth = options.L;
    if (type == ChartType::Ewma) a.lambda = options.lambda;
    if (type == ChartType::Cusum) a.k = options.k, a.h = options.h, a.headStart = options.headStart;
    a.target = options.target;
    if (seg) a.lcl = seg->lcl, a.ucl = seg->ucl;
    a.baselineSubgroups = static_cast<std::int64_t>(phase.estimate.subgroupsUsed);
    if (auto t = args.optional("effective-from")) {
      const auto ms = io::parseTimestamp(*t);
      if (!ms) throw UsageError{"--effective-from takes a date or timestamp (YYYY-MM-DD[Thh:mm])"};
      a.effectiveFrom = *ms;
    }
    a.approvedBy = args.value("by");
    a.reason = args.value("approve");
    const int version = store::saveApprovedLimits(src.workspace->db(), a);
    limitsSource = "estimated and approved as version " + std::to_string(version);
  }

  auto pointKey = [&](std::size_t i) { return keys[i]; };
  if (args.json()) {
    Json j;
    j["source"] = src.description;
    j["chart"] = chartName(type);
    if (!chartReason.empty()) j["chart_reason"] = chartReason;
    j["rules"] = args.valueOr("rules", approved ? approved->rules : "nelson");
    j["points"] = points;
    j["limits_source"] = limitsSource;
    j["spec"] = specJson(src);
    j["phases"] = Json::array();
    for (const auto& p : chart.phases) {
      const auto& e = p.estimate;
      j["phases"].push_back({{"label", p.label},
                             {"first", p.first + 1},
                             {"last", p.last},
                             {"baseline_first", p.baselineFirst + 1},
                             {"baseline_last", p.baselineLast + 1},
                             {"center", number(e.center)},
                             {"sigma", number(e.sigma)},
                             {"sigma_method", e.sigmaMethod},
                             {"sigma_of_means", number(e.sigmaOfMeans)},
                             {"sigma_z", number(e.sigmaZ)},
                             {"center_known", e.centerKnown},
                             {"sigma_known", e.sigmaKnown},
                             {"subgroups_used", e.subgroupsUsed},
                             {"values_used", e.valuesUsed}});
    }
    j["subgroups"] = Json::array();
    for (std::size_t i = 0; i < points; ++i) {
      j["subgroups"].push_back(
          {{"index", i + 1}, {"key", pointKey(i)}, {"n", number(chart.size(i))}, {"excluded", chart.isExcluded(i)}});
      if (!groups.empty()) j["subgroups"].back()["group"] = groups[i];
    }
    if (!groups.empty()) {
      j["groups"] = Json::array();
      for (const auto& c : countByGroup(groups, chart))
        j["groups"].push_back({{"name", c.name}, {"points", c.points}, {"violations", c.violations}});
    }
    j["panels"] = Json::array();
    for (const auto& panel : chart.panels) {
      Json v = Json::array();
      for (const auto& x : panel.violations)
        v.push_back({{"subgroup", x.point + 1},
                     {"key", pointKey(x.point)},
                     {"rule", x.rule},
                     {"reason", violationReason(chart.rules, x)}});
      j["panels"].push_back({{"name", panel.name},
                             {"run_rules", panel.runRules},
                             {"values", numbers(panel.value)},
                             {"limits", limitsJson(panel.limits)},
                             {"violations", v}});
    }
    j["exceptions"] = Json::array();
    for (const auto& o : open)
      j["exceptions"].push_back({{"panel", chart.panels[o.panel].name},
                                 {"subgroup", o.violation.point + 1},
                                 {"key", o.pointKey},
                                 {"rule", o.violation.rule},
                                 {"reason", o.reason}});
    j["warnings"] = chart.warnings;
    printJson(j);
    return 0;
  }

  std::cout << chartName(type) << " chart of " << src.description << ": " << points << " points, rules "
            << args.valueOr("rules", approved ? approved->rules : "nelson") << "\n";
  if (!chartReason.empty()) std::cout << "chart: " << chartReason << "\n";
  std::cout << "limits: " << limitsSource << "\n";
  if (src.spec.lsl || src.spec.usl)
    std::cout << "spec: LSL " << (src.spec.lsl ? fmt(*src.spec.lsl) : "—") << ", USL "
              << (src.spec.usl ? fmt(*src.spec.usl) : "—") << " (" << src.specSource << ")\n";
  for (const auto& w : chart.warnings) std::cout << "warning: " << w << "\n";
  std::cout << "\n";
  TextTable phases({"phase", "points", "baseline", "centre", "σ", "σ method"});
  for (const auto& p : chart.phases)
    phases.add({p.label, std::to_string(p.first + 1) + "–" + std::to_string(p.last),
                std::to_string(p.baselineFirst + 1) + "–" + std::to_string(p.baselineLast + 1),
                fmt(p.estimate.center, 6), fmt(p.estimate.sigma, 6), p.estimate.sigmaMethod});
  phases.print();
  std::cout << "\n";
  TextTable limits({"panel", "points", "centre", "LCL", "UCL"});
  for (const auto& panel : chart.panels) {
    if (panel.limits.size() > 12) {  // per-point limits: show the range
      double lo = 1e300, hi = -1e300;
      for (const auto& s : panel.limits) lo = std::min(lo, s.ucl), hi = std::max(hi, s.ucl);
      limits.add({panel.name, std::to_string(panel.limits.size()) + " steps", "varies", "varies",
                  fmt(lo, 6) + " to " + fmt(hi, 6)});
      continue;
    }
    for (const auto& s : panel.limits)
      limits.add({panel.name, std::to_string(s.first + 1) + "–" + std::to_string(s.last), fmt(s.center, 6),
                  fmt(s.lcl, 6), fmt(s.ucl, 6)});
  }
  limits.print();
  if (!groups.empty()) {
    std::cout << "\n";
    TextTable byGroup({args.value("group-by"), "points", "violations (" + chart.panels[0].name + ")"});
    for (const auto& c : countByGroup(groups, chart))
      byGroup.add({c.name, std::to_string(c.points), std::to_string(c.violations)});
    byGroup.print();
  }
  std::size_t total = 0;
  for (const auto& p : chart.panels) total += p.violations.size();
  std::cout << "\nviolations: " << total << (workspace ? " (" + std::to_string(open.size()) + " not acknowledged)" : "")
            << "\n";
  if (total == 0) return 0;
  TextTable table({"subgroup", "point", "panel", "rule", "reason"});
  for (const auto& panel : chart.panels)
    for (const auto& v : panel.violations) {
      if (args.has("open")) {
        bool isOpen = false;
        for (const auto& o : open) isOpen |= o.violation.point == v.point && o.violation.rule == v.rule;
        if (!isOpen) continue;
      }
      table.add({std::to_string(v.point + 1), pointKey(v.point), panel.name, std::to_string(v.rule),
                 violationReason(chart.rules, v)});
    }
  table.print();
  return 0;
}

std::vector<OptionSpec> options() {
  auto o = spcSourceOptions();
  const std::vector<OptionSpec> more = {
      {"chart", "TYPE", "imr | xbar-r | xbar-s | ewma | cusum | p | np | c | u | three-way | laney-p | laney-u"},
      {"rules", "SET",
       "we (Western Electric 1–4) | nelson (1–8, default) | rule1 (limits only) | none; default: the approved set"},
      {"lambda", "λ", "EWMA weight (default 0.2)"},
      {"L", "L", "limit width in σ (default 3)"},
      {"k", "K", "CUSUM reference value in σ (default 0.5)"},
      {"h", "H", "CUSUM decision interval in σ (default 5)"},
      {"fir", "F", "CUSUM head start as a fraction of h (0.5 is usual)"},
      {"sigma", "S", "a known process σ (of individual values)"},
      {"center", "C", "a known process centre (p̄, c̄ or ū for attribute charts)"},
      {"mr", "METHOD", "σ from the average (default) or median moving range"},
      {"within", "r|s", "three-way, EWMA and CUSUM σ within subgroups from ranges (default) or SDs"},
      {"split", "N,…", "start a new phase, with its own limits, at these subgroup numbers"},
      {"exclude", "N,…", "leave these subgroups out of the limit estimate"},
      {"re-estimate", "", "estimate the limits even when approved limits are in force"},
      {"approve", "REASON", "store the estimated limits as the new approved version (with --by)"},
      {"by", "NAME", "who approves the limits"},
      {"effective-from", "TIME", "approved limits apply to data from this time on (default: all data)"},
      {"open", "", "list only violations nobody has acknowledged (the exception list)"},
      {"group-by", "tool|chamber|product", "group the points by where they were processed (with --step) or by product"},
      {"step", "STEP", "the lot history step for --group-by tool or chamber (e.g. GATE_ETCH)"},
      jsonOption()};
  o.insert(o.end(), more.begin(), more.end());
  return o;
}

const Registration registration{
    Command{"spc", "control chart: limits, phases and run-rule violations of a parameter or CSV column", "",
            "Charts a workspace parameter (--workspace W --parameter P) or a CSV column (--csv FILE --value COL).\n"
            "Without --chart a workspace parameter gets the chart of its approved limits in force, else the\n"
            "three-way chart of wafer means when it has several sites per wafer, else I-MR (the GUI's choice).\n"
            "Limits come from the approved limits in force (workspace), else from the phase I subgroups\n"
            "(--phase1, default all), else from --center/--sigma. Rules 2–8 apply to the X, X̄, I and attribute\n"
            "charts; only rule 1 to R, S, MR, EWMA and CUSUM; runs restart at each --split.",
            options(), run}};

}  // namespace
}  // namespace fab::cli

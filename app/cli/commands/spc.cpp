// fabkit-cli spc: a control chart of a workspace parameter or a CSV column,
// with phases, known or approved limits, run rules and the exception list.
#include <algorithm>
#include <iostream>

#include <limits>

#include "app/cli/command.h"
#include "app/cli/commands/spc_input.h"
#include "app/cli/output.h"
#include "app/cli/spliced_json.h"
#include "core/analysis/attribute_chart.h"
#include "core/analysis/control_chart.h"
#include "core/analysis/point_keys.h"
#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/spc/control_chart.h"
#include "core/spc/exceptions.h"
#include "core/spc/point_groups.h"
#include "core/store/spc_limits.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

using namespace fab::spc;

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

Json specJson(const spc::SpecLimits& spec, const std::string& source) {
  return {{"lsl", spec.lsl ? number(*spec.lsl) : Json(nullptr)},
          {"target", spec.target ? number(*spec.target) : Json(nullptr)},
          {"usl", spec.usl ? number(*spec.usl) : Json(nullptr)},
          {"source", source}};
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

/// A CSV column: the chart named by the options, limits estimated (or --center/--sigma).
analysis::ControlChartAnalysis csvChart(const Args& args, ChartType type, const CsvSource& src) {
  analysis::ControlChartAnalysis a;
  a.type = type;
  a.rules = args.valueOr("rules", "nelson");
  a.options.type = type;
  analysis::applyChartSettings(chartSettings(args), a.options);
  a.pointKeys = analysis::pointKeys(src.rowLabel, src.subgroups());
  const std::size_t points = a.pointKeys.size();
  a.options.phases = phasesAtPoints(pointNumbers(args, "split", points));
  if (args.has("phase1")) {
    const auto [first, last] = parsePhaseRange(args.value("phase1"));
    a.options.phases[0].baselineFirst = first;
    a.options.phases[0].baselineLast = last;
  }
  a.options.excluded.assign(points, 0);
  for (auto i : pointNumbers(args, "exclude", points)) a.options.excluded[i] = 1;
  a.chart = isAttributeChart(type) ? computeAttributeChart(src.values, src.sizes, src.subgroups(), a.options)
                                   : computeVariablesChart(src.values, src.subgroups(), a.options);
  a.open = openViolations(a.chart, a.pointKeys, {});
  a.limitsSource = "estimated";
  return a;
}

/// A workspace parameter through the workspace-analysis layer; --approve stores the estimate.
analysis::ControlChartAnalysis workspaceChart(const Args& args, bool attribute) {
  auto request = workspaceRequest(args, attribute);
  request.useApproved = !args.has("re-estimate") && !args.has("approve");
  const auto any = std::numeric_limits<std::size_t>::max();
  request.splits = pointNumbers(args, "split", any);
  request.excludePoints = pointNumbers(args, "exclude", any);
  if (args.has("group-by")) {
    request.groupBy = parseGroupBy(args.value("group-by"));
    if (*request.groupBy != GroupBy::Product && !args.has("step"))
      throw UsageError{"--group-by tool or chamber needs --step STEP (the route step to look at)"};
    request.step = args.valueOr("step", "");
  }
  auto ws = store::Workspace::open(args.value("workspace"));
  auto a = analysis::controlChart(ws.db(), request);
  if (a.series->size() == 0)
    throw Error("parameter " + request.parameter + " has no rows" +
                (request.product.empty() ? "" : " of product " + request.product));
  if (args.has("approve")) {
    auto limits = analysis::limitsToApprove(a, args.value("who"), args.value("approve"));
    if (auto t = args.optional("effective-from")) {
      const auto ms = io::parseTimestamp(*t);
      if (!ms) throw UsageError{"--effective-from takes a date or timestamp (YYYY-MM-DDThh:mm)"};
      limits.effectiveFrom = *ms;
    }
    const int version = store::saveApprovedLimits(ws.db(), limits);
    a.limitsSource = "estimated and approved as version " + std::to_string(version);
  }
  return a;
}

/// A product's wafers as attribute data (--yield: die fail fraction, --defects: defect density).
analysis::ControlChartAnalysis productChart(const Args& args) {
  if (args.has("parameter")) throw UsageError{"give --parameter, or --product with --yield or --defects"};
  if (!args.has("product")) throw UsageError{"--yield and --defects chart a product's wafers: give --product"};
  if (args.has("approve") || args.has("group-by") || args.has("split") || args.has("exclude"))
    throw UsageError{"--approve, --group-by, --split and --exclude apply to a parameter's chart"};
  analysis::AttributeChartRequest request;
  request.product = args.value("product");
  request.source = args.flag("defects") ? analysis::AttributeSource::Defects : analysis::AttributeSource::DieYield;
  if (args.has("chart")) request.type = parseChartType(args.value("chart"));
  request.rules = args.valueOr("rules", "nelson");
  auto ws = store::Workspace::open(args.value("workspace"));
  return analysis::attributeChart(ws.db(), request).chart;
}

int run(const Args& args) {
  const bool workspace = fromWorkspace(args);
  if (args.flag("yield") && args.flag("defects")) throw UsageError{"give --yield or --defects, not both"};
  const bool product = args.flag("yield") || args.flag("defects");
  if (product && !workspace) throw UsageError{"--yield and --defects chart a workspace product: give --workspace"};
  const auto type =
      parseChartType(args.valueOr("chart", args.has("subgroup") || args.has("subgroup-size") ? "xbar-r" : "imr"));
  const bool attribute = isAttributeChart(type);
  if ((args.has("approve") || args.has("open") || args.has("group-by")) && !workspace)
    throw UsageError{
        "--approve, --open and --group-by need --workspace (limits, notes and lot history are kept there)"};

  std::string description;
  analysis::ControlChartAnalysis a;
  spc::SpecLimits spec;
  std::string specSource;
  if (product) {
    a = productChart(args);
    description = args.value("workspace") + ", " + a.request.parameter;
  } else if (workspace) {
    a = workspaceChart(args, attribute);
    description = args.value("workspace") + ", parameter " + args.value("parameter");
    spec = a.spec.limits;
    specSource = a.spec.stored ? a.spec.source : "";
  } else {
    const auto src = loadCsvSource(args, attribute);
    a = csvChart(args, type, src);
    description = src.description;
  }
  if (auto given = specOptions(args)) spec = *given, specSource = "options";
  const auto& chart = a.chart;
  const auto& keys = a.pointKeys;
  const auto& groups = a.groupLabels;
  const auto& open = a.open;
  const std::size_t points = keys.size();
  const std::string chartReason = a.chartReason == "chosen" ? "" : a.chartReason;

  if (args.json()) {
    Json j;
    j["source"] = description;
    j["chart"] = chartName(a.type);
    if (!chartReason.empty()) j["chart_reason"] = chartReason;
    j["rules"] = a.rules;
    j["points"] = points;
    j["limits_source"] = a.limitsSource;
    j["spec"] = specJson(spec, specSource);
    j["excluded"] = a.excluded;
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
    // The arrays as long as the chart are written point by point (app/cli/spliced_json.h).
    SplicedJson spliced;
    j["subgroups"] = spliced.array([&](JsonArrayWriter& w) {
      for (std::size_t i = 0; i < points; ++i) {
        w.beginObject();
        w.field("index", static_cast<long long>(i + 1));
        w.field("key", keys[i]);
        w.field("n", chart.size(i));
        w.field("excluded", chart.isExcluded(i));
        if (!groups.empty()) w.field("group", groups[i]);
        w.endObject();
      }
    });
    if (!groups.empty()) {
      j["groups"] = Json::array();
      for (const auto& c : countByGroup(groups, chart))
        j["groups"].push_back({{"name", c.name}, {"points", c.points}, {"violations", c.violations}});
    }
    j["panels"] = Json::array();
    for (const auto& panel : chart.panels) {
      j["panels"].push_back({{"name", panel.name},
                             {"run_rules", panel.runRules},
                             {"values", spliced.array([&](JsonArrayWriter& w) {
                                for (double v : panel.value) w.number(v);
                              })},
                             {"limits", spliced.array([&](JsonArrayWriter& w) {
                                for (const auto& l : panel.limits) w.value(limitsJson({l})[0]);
                              })},
                             {"violations", spliced.array([&](JsonArrayWriter& w) {
                                for (const auto& x : panel.violations)
                                  w.value({{"subgroup", x.point + 1},
                                           {"key", keys[x.point]},
                                           {"rule", x.rule},
                                           {"reason", violationReason(chart.rules, x)}});
                              })}});
    }
    j["exceptions"] = spliced.array([&](JsonArrayWriter& w) {
      for (const auto& o : open)
        w.value({{"panel", chart.panels[o.panel].name},
                 {"subgroup", o.violation.point + 1},
                 {"key", o.pointKey},
                 {"rule", o.violation.rule},
                 {"reason", o.reason}});
    });
    j["warnings"] = chart.warnings;
    spliced.print(std::cout, j);
    return 0;
  }

  std::cout << chartName(a.type) << " chart of " << description << ": " << points << " points, rules " << a.rules
            << "\n";
  if (!chartReason.empty()) std::cout << "chart: " << chartReason << "\n";
  std::cout << "limits: " << a.limitsSource << "\n";
  if (spec.lsl || spec.usl)
    std::cout << "spec: LSL " << (spec.lsl ? fmt(*spec.lsl) : "—") << ", USL " << (spec.usl ? fmt(*spec.usl) : "—")
              << " (" << specSource << ")\n";
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
  const std::size_t total = a.violationCount();
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
      table.add({std::to_string(v.point + 1), keys[v.point], panel.name, std::to_string(v.rule),
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
      {"approve", "REASON", "store the estimated limits as the new approved version (with --who)"},
      {"who", "NAME", "who approves the limits"},
      {"effective-from", "TIME", "approved limits apply to data from this time on (default: all data)"},
      {"open", "", "list only violations nobody has acknowledged (the exception list)"},
      {"group-by", "tool|chamber|product", "group the points by where they were processed (with --step) or by product"},
      {"step", "STEP", "the lot history step for --group-by tool or chamber (e.g. GATE_ETCH)"},
      {"yield", "", "with --product: the die fail fraction per wafer (p, np or Laney p′)"},
      {"defects", "", "with --product: the defect density per wafer (u, c or Laney u′)"},
      jsonOption()};
  o.insert(o.end(), more.begin(), more.end());
  return o;
}

const Registration registration{
    Command{"spc", "control chart: limits, phases and run-rule violations of a parameter or CSV column", "",
            "Charts a workspace parameter (--workspace W --parameter P) or a CSV column (--csv FILE --value COL).\n"
            "--product P --yield (or --defects) charts the product's wafers as attribute data: the die fail\n"
            "fraction (or defects per cm² of inspected area) per wafer; without --chart, Laney p′ (u′) when the\n"
            "wafers are overdispersed, else np (equal tested dies) or p, and u.\n"
            "Without --chart a workspace parameter gets the chart in force, as in the GUI and the report: the\n"
            "chart of its latest approved limits, else the three-way chart of wafer means when it has several\n"
            "sites per wafer, else I-MR.\n"
            "Limits come from the approved limits in force (workspace), else from the phase I subgroups\n"
            "(--phase1, default all), else from --center/--sigma. Rules 2–8 apply to the X, X̄, I and attribute\n"
            "charts; only rule 1 to R, S, MR, EWMA and CUSUM; runs restart at each --split.",
            options(), run}};

}  // namespace
}  // namespace fab::cli

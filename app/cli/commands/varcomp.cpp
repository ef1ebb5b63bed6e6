// fabkit-cli varcomp: where the variation lives — nested variance components
// (lot / wafer / site, run / zone / wafer …) with the nested ANOVA table,
// ANOVA estimates for balanced data and REML otherwise.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "app/cli/time_option.h"
#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/store/workspace.h"
#include "core/variation/workspace_variance_components.h"

namespace fab::cli {
namespace {

variation::VarianceComponentsOptions parseOptions(const Args& args) {
  variation::VarianceComponentsOptions o;
  const auto method = args.valueOr("method", "auto");
  if (method == "auto")
    o.method = variation::ComponentMethod::Automatic;
  else if (method == "anova")
    o.method = variation::ComponentMethod::Anova;
  else if (method == "reml")
    o.method = variation::ComponentMethod::Reml;
  else
    throw UsageError{"--method expects auto, anova or reml, got '" + method + "'"};
  o.confidence = args.numberOr("confidence", 0.95);
  o.validate();
  return o;
}

variation::VarianceComponentsResult fromCsv(const Args& args, const variation::VarianceComponentsOptions& options) {
  const auto table = io::CsvTable::read(args.value("csv"));
  const auto levels = args.list("nested");
  if (levels.empty()) throw UsageError{"--nested expects the factor columns, outermost first: --nested lot,wafer"};
  std::vector<std::vector<std::string>> keys;
  for (const auto& level : levels) keys.push_back(table.strings(level));
  std::size_t dropped = 0;
  const auto design = variation::nestedDesign(levels, keys, table.numbers(args.value("value")),
                                              args.valueOr("residual", "residual"), &dropped);
  auto r = variation::varianceComponents(design, options);
  if (dropped) r.notes.push_back(std::to_string(dropped) + " rows without a value were left out");
  return r;
}

Json resultJson(const variation::VarianceComponentsResult& r, const std::string& unit) {
  Json components = Json::array();
  for (const auto& c : r.components)
    components.push_back({{"level", c.level},
                          {"source", c.source},
                          {"variance", c.variance},
                          {"percent", c.percent},
                          {"sigma", c.sigma},
                          {"ci_low", number(c.ciLow)},
                          {"ci_high", number(c.ciHigh)},
                          {"df", number(c.df)},
                          {"truncated", c.truncated}});
  Json anova = Json::array();
  for (const auto& row : r.anova)
    anova.push_back({{"source", row.source},
                     {"df", row.df},
                     {"ss", number(row.ss)},
                     {"ms", number(row.ms)},
                     {"f", row.f ? number(*row.f) : Json(nullptr)},
                     {"p", row.p ? number(*row.p) : Json(nullptr)},
                     {"expected_mean_square", row.expectedMeanSquare}});
  Json j = {{"n", r.n},
            {"groups", r.groups},
            {"balanced", r.balanced},
            {"mean", number(r.mean)},
            {"unit", unit},
            {"total_variance", r.total},
            {"total_sigma", r.totalSigma},
            {"components", components},
            {"anova", anova},
            {"method", r.method},
            {"interval_method", r.intervalMethod},
            {"confidence", r.confidence},
            {"notes", r.notes}};
  if (r.remlLogLikelihood) {
    j["reml_log_likelihood"] = *r.remlLogLikelihood;
    j["reml_iterations"] = r.remlIterations;
  }
  return j;
}

void printText(const variation::VarianceComponentsResult& r, const std::string& unit) {
  std::cout << "variance components, " << r.n << " values" << (unit.empty() ? "" : " (" + unit + ")") << ", "
            << (r.balanced ? "balanced" : "unbalanced") << "\nmethod: " << r.method << "\n\n";
  TextTable t({"level", "variance", "% of total", "σ", "CI low", "CI high", "note"});
  for (const auto& c : r.components)
    t.add({c.source, fmt(c.variance, 5), fmt(c.percent, 2), fmt(c.sigma, 4), fmt(c.ciLow, 4), fmt(c.ciHigh, 4),
           c.truncated ? "set to 0" : ""});
  t.add({"total", fmt(r.total, 5), fmt(100, 2), fmt(r.totalSigma, 4), "", "", ""});
  t.print();
  std::cout << fmt(100 * r.confidence, 0) << "% intervals: " << r.intervalMethod << "\n\nnested ANOVA\n";
  TextTable a({"source", "df", "SS", "MS", "F", "p", "expected mean square"});
  for (const auto& row : r.anova)
    a.add({row.source, std::to_string(row.df), fmt(row.ss, 3), fmt(row.ms, 4), row.f ? fmt(*row.f, 5) : "",
           row.p ? fmtP(*row.p) : "", row.expectedMeanSquare});
  a.print();
  for (const auto& n : r.notes) std::cout << "note: " << n << "\n";
}

int run(const Args& args) {
  const bool csv = args.has("csv");
  if (csv == args.has("workspace")) throw UsageError{"give either --csv (with --value and --nested) or --workspace"};
  const auto options = parseOptions(args);
  variation::VarianceComponentsResult r;
  std::string unit;
  if (csv) {
    for (const char* o : {"parameter", "from", "to"})
      if (args.has(o)) throw UsageError{std::string("--") + o + " applies to --workspace only"};
    r = fromCsv(args, options);
  } else {
    for (const char* o : {"value", "nested", "residual"})
      if (args.has(o))
        throw UsageError{std::string("--") + o +
                         " applies to --csv only (a workspace's levels are lot, "
                         "wafer within lot and site within wafer)"};
    auto ws = store::Workspace::open(args.value("workspace"));
    variation::WorkspaceVarianceRequest request;
    request.parameter = args.value("parameter");
    request.options = options;
    if (args.has("from")) request.filter.from = timeOption(args, "from");
    if (args.has("to")) request.filter.to = windowEndOption(args, "to");
    const auto w = variation::workspaceVarianceComponents(ws.db(), request);
    r = w.result;
    unit = w.unit;
  }
  if (args.json())
    printJson(resultJson(r, unit));
  else
    printText(r, unit);
  return 0;
}

const Registration registration{Command{
    "varcomp",
    "variance components of a nested design: where the variation lives",
    "",
    "Nested random effects, outermost first; the residual is the variation within the innermost group.\n"
    "With --csv: --value COL and --nested A,B (e.g. run,zone; --residual names the innermost level).\n"
    "With --workspace: the parameter's lot, wafer within lot and site within wafer.\n"
    "Balanced data: ANOVA (method-of-moments) estimates from the nested ANOVA table, a negative estimate set to 0.\n"
    "Unbalanced data: REML. Intervals by Satterthwaite's approximation.",
    {workspaceOption(),
     {"parameter", "P", "workspace: the parameter"},
     {"from", "TIME", "workspace: only values measured at or after this time"},
     {"to", "TIME", "workspace: only values measured at or before this time (a date: to the end of that day)"},
     {"csv", "FILE", "a CSV with one value per row"},
     {"value", "COL", "CSV: the value column"},
     {"nested", "A,B", "CSV: the factor columns, outermost first"},
     {"residual", "NAME", "CSV: name of the innermost level (default residual)"},
     {"method", "M", "auto (ANOVA when balanced, else REML), anova or reml"},
     {"confidence", "C", "confidence level of the intervals (default 0.95)"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

// fabkit-cli capability: Cp, Cpk, Cpm, Pp, Ppk with intervals, expected and
// observed ppm, Anderson–Darling normality and optional Box-Cox.
#include <cstdio>
#include <iostream>
#include <limits>

#include "app/cli/command.h"
#include "app/cli/commands/spc_input.h"
#include "app/cli/output.h"
#include "core/analysis/capability.h"
#include "core/common/error.h"
#include "core/spc/box_cox.h"
#include "core/spc/capability.h"
#include "core/spc/control_chart.h"
#include "core/spc/normality.h"
#include "core/store/workspace.h"

namespace fab::cli {
namespace {

using namespace fab::spc;

Json indexJson(const CapabilityIndex& c) {
  if (!c.available) return nullptr;
  return {{"value", number(c.value)}, {"lower", number(c.lower)}, {"upper", number(c.upper)}};
}
Json ppmJson(const PartsPerMillion& p) {
  return {{"below_lsl", number(p.below)}, {"above_usl", number(p.above)}, {"total", number(p.total)}};
}
Json optionalJson(const std::optional<double>& v) { return v ? number(*v) : Json(nullptr); }
/// Six significant digits: transformed data can be tiny or huge.
std::string sig(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
std::string sig(const std::optional<double>& v) { return v ? sig(*v) : "—"; }

/// A CSV column: σ within from the chart named by --chart (imr, xbar-r or xbar-s) over the (phase I) values.
analysis::CapabilityAnalysis csvCapability(const Args& args) {
  const auto src = loadCsvSource(args, false);
  const auto type = parseChartType(args.valueOr("chart", src.groups ? "xbar-r" : "imr"));
  if (type != ChartType::IndividualsMR && type != ChartType::XbarR && type != ChartType::XbarS)
    throw UsageError{"--chart for capability of a CSV column is imr (σ = MR̄/d2), xbar-r (R̄/d2) or xbar-s (S̄/c4)"};
  analysis::CapabilityAnalysis c;
  c.values = src.values;
  if (args.has("phase1")) {  // only the baseline subgroups' values
    const auto [first, last] = parsePhaseRange(args.value("phase1"));
    std::vector<std::uint8_t> keep(c.values.size(), 0);
    const std::size_t points = src.groups ? src.groups->count() : c.values.size();
    if (last >= points) throw UsageError{"--phase1 ends after the last subgroup (" + std::to_string(points) + ")"};
    for (std::size_t g = first; g <= last; ++g) {
      if (src.groups)
        for (auto row : src.groups->members(g)) keep[row] = 1;
      else
        keep[g] = 1;
    }
    for (std::size_t i = 0; i < c.values.size(); ++i)
      if (!keep[i]) c.values[i] = std::numeric_limits<double>::quiet_NaN();
  }
  const auto given = specOptions(args);
  if (!given || (!given->lsl && !given->usl))
    throw UsageError{"capability needs spec limits: give --lsl and/or --usl (or import a spec for the parameter)"};
  c.spec = *given;
  c.specSource = "options";
  CapabilityOptions options;
  options.spec = c.spec;
  options.confidence = args.numberOr("confidence", 0.95);
  options.validate();
  std::vector<std::string> notes;
  if (args.has("boxcox") || args.has("boxcox-lambda")) {
    if (!args.has("boxcox-lambda")) c.boxCoxFit = fitBoxCox(c.values);
    c.boxCoxLambda = args.has("boxcox-lambda") ? args.number("boxcox-lambda") : c.boxCoxFit->lambda;
    auto t = applyBoxCox(c.values, c.spec, *c.boxCoxLambda);
    c.values = std::move(t.values);
    options.spec = t.spec;
    notes = std::move(t.notes);
  }
  ChartOptions chart;
  chart.type = type;
  chart.rules = RuleSelection::none();
  analysis::applyChartSettings(chartSettings(args), chart);
  const auto estimate =
      computeVariablesChart(c.values, type == ChartType::IndividualsMR ? nullptr : src.subgroups(), chart)
          .phases[0]
          .estimate;
  c.result = capability(c.values, estimate.sigma, estimate.sigmaMethod, options);
  c.result.notes.insert(c.result.notes.end(), notes.begin(), notes.end());
  try {
    c.normality = andersonDarling(c.values);
  } catch (const Error& e) {
    c.normalityNote = e.what();
  }
  c.valuesNote = src.description;
  return c;
}

/// A workspace parameter through the workspace-analysis layer: the chart in force unless --chart names one.
analysis::CapabilityAnalysis workspaceCapability(const Args& args) {
  analysis::CapabilityRequest request;
  request.chart = workspaceRequest(args, false);
  request.spec = specOptions(args);
  request.baselineOnly = args.has("phase1");
  request.confidence = args.numberOr("confidence", 0.95);
  request.boxCox = args.has("boxcox");
  request.boxCoxLambda = args.optionalNumber("boxcox-lambda");
  auto ws = store::Workspace::open(args.value("workspace"));
  return analysis::capability(ws.db(), request);
}

int run(const Args& args) {
  const bool workspace = fromWorkspace(args);
  const auto c = workspace ? workspaceCapability(args) : csvCapability(args);
  const auto& result = c.result;
  const std::string description =
      workspace ? args.value("workspace") + ", parameter " + args.value("parameter") : c.valuesNote;
  std::optional<TransformedData> boxCox;
  if (c.boxCoxLambda) boxCox = TransformedData{*c.boxCoxLambda, {}, {}, {}};
  const auto& fit = c.boxCoxFit;
  const auto& normality = c.normality;
  const auto& normalityNote = c.normalityNote;
  const auto& srcSpec = c.spec;

  struct Row {
    const char* name;
    const CapabilityIndex* index;
  };
  const Row rows[] = {{"Cp", &result.cp},   {"Cpl", &result.cpl}, {"Cpu", &result.cpu},
                      {"Cpk", &result.cpk}, {"Cpm", &result.cpm}, {"Pp", &result.pp},
                      {"Ppl", &result.ppl}, {"Ppu", &result.ppu}, {"Ppk", &result.ppk}};
  const std::vector<std::string>& notes = result.notes;

  if (args.json()) {
    Json j;
    j["source"] = description;
    if (workspace) {
      j["chart"] = chartName(c.chart.type);
      j["limits_source"] = c.chart.limitsSource;
      j["values"] = c.valuesNote;
      j["excluded"] = c.chart.excluded;
    }
    j["n"] = result.n;
    j["mean"] = number(result.mean);
    j["sigma_within"] = number(result.sigmaWithin);
    j["sigma_within_method"] = result.sigmaWithinMethod;
    j["sigma_overall"] = number(result.sigmaOverall);
    j["confidence"] = result.confidence;
    j["spec"] = {{"lsl", optionalJson(result.spec.lsl)},
                 {"target", optionalJson(result.spec.target)},
                 {"usl", optionalJson(result.spec.usl)},
                 {"source", c.specSource}};
    for (const auto& r : rows) j[r.name] = indexJson(*r.index);
    j["ppm"] = {{"expected_within", ppmJson(result.expectedWithin)},
                {"expected_overall", ppmJson(result.expectedOverall)},
                {"observed", ppmJson(result.observed)}};
    if (normality)
      j["normality"] = {{"test", "Anderson-Darling"},
                        {"a2", normality->a2},
                        {"a2_adjusted", normality->a2Adjusted},
                        {"p_value", normality->pValue}};
    else
      j["normality"] = {{"test", "Anderson-Darling"}, {"message", normalityNote}};
    if (boxCox) {
      j["box_cox"] = {{"lambda", boxCox->lambda},
                      {"fitted", fit.has_value()},
                      {"original_spec",
                       {{"lsl", optionalJson(srcSpec.lsl)},
                        {"target", optionalJson(srcSpec.target)},
                        {"usl", optionalJson(srcSpec.usl)}}}};
      if (fit) j["box_cox"]["log_likelihood"] = fit->logLikelihood;
    }
    j["notes"] = notes;
    printJson(j);
    return 0;
  }

  std::cout << "capability of " << description << " (n = " << result.n << ")\n";
  if (workspace)
    std::cout << "values: " << c.valuesNote << "\nchart: " << chartName(c.chart.type) << ", limits "
              << c.chart.limitsSource << "\nspec: " << c.specSource << "\n";
  if (boxCox)
    std::cout << "Box-Cox λ = " << fmt(boxCox->lambda) << (fit ? " (maximum likelihood)" : " (given)")
              << ": indices on the transformed data and specs\n";
  std::cout << "spec: LSL " << sig(result.spec.lsl) << ", target " << sig(result.spec.target) << ", USL "
            << sig(result.spec.usl) << "\nmean " << sig(result.mean) << ", σ within " << sig(result.sigmaWithin) << " ("
            << result.sigmaWithinMethod << "), σ overall " << sig(result.sigmaOverall) << "\n\n";
  TextTable table({"index", "value", "lower " + fmt(100 * result.confidence, 0) + "%", "upper"});
  for (const auto& r : rows)
    if (r.index->available) table.add({r.name, fmt(r.index->value), fmt(r.index->lower), fmt(r.index->upper)});
  table.print();
  std::cout << "\n";
  TextTable ppm({"ppm", "below LSL", "above USL", "total"});
  ppm.add({"expected (within)", fmt(result.expectedWithin.below, 1), fmt(result.expectedWithin.above, 1),
           fmt(result.expectedWithin.total, 1)});
  ppm.add({"expected (overall)", fmt(result.expectedOverall.below, 1), fmt(result.expectedOverall.above, 1),
           fmt(result.expectedOverall.total, 1)});
  ppm.add({"observed", fmt(result.observed.below, 1), fmt(result.observed.above, 1), fmt(result.observed.total, 1)});
  ppm.print();
  if (normality)
    std::cout << "\nAnderson–Darling: A² = " << fmt(normality->a2) << ", A*² = " << fmt(normality->a2Adjusted)
              << ", p = " << fmt(normality->pValue) << (normality->pValue < 0.05 ? " (not normal at 5 %)" : "") << "\n";
  else
    std::cout << "\nAnderson–Darling: " << normalityNote << "\n";
  for (const auto& n : notes) std::cout << "note: " << n << "\n";
  return 0;
}

std::vector<OptionSpec> options() {
  auto o = spcSourceOptions();
  const std::vector<OptionSpec> more = {
      {"chart", "TYPE",
       "σ within from this chart (workspace default: the chart in force; CSV: imr, or xbar-r with subgroups)"},
      {"sigma", "S", "a known σ within"},
      {"mr", "METHOD", "average (default) or median moving range for imr"},
      {"confidence", "LEVEL", "two-sided confidence level of the intervals (default 0.95)"},
      {"boxcox", "", "Box-Cox transform with λ by maximum likelihood (positive data only)"},
      {"boxcox-lambda", "λ", "Box-Cox transform with this λ (0 = log)"},
      jsonOption()};
  o.insert(o.end(), more.begin(), more.end());
  return o;
}

const Registration registration{Command{
    "capability", "process capability: Cp, Cpk, Cpm, Pp, Ppk with intervals, ppm, normality, Box-Cox", "",
    "Capability of a workspace parameter (--workspace W --parameter P) or a CSV column (--csv FILE --value COL)\n"
    "against --lsl/--usl (or the workspace spec in force for the product). A workspace parameter uses\n"
    "the rows and the σ of the chart in force (as the GUI and the report do; excluded points left out;\n"
    "three-way: σ between and within wafers); a CSV column MR̄/d2, R̄/d2 or S̄/c4. σ overall is the\n"
    "sample SD. Intervals: chi-square for Cp, Pp and Cpm,\n"
    "Bissell for Cpk, Cpl, Cpu, Ppk. One-sided specs give only the one-sided indices.",
    options(), run}};

}  // namespace
}  // namespace fab::cli

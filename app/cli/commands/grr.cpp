// fabkit-cli grr: variables gauge R&R of a crossed study (parts × operators × trials) by the
// ANOVA method, the AIAG average-and-range method, or both, from a CSV file or a saved study.
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/commands/gauge_study_source.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/msa/grr_anova.h"
#include "core/msa/grr_average_range.h"

namespace fab::cli {
namespace {

using namespace fab::msa;

Json componentsJson(const GrrSummary& s) {
  Json rows = Json::array();
  for (const auto& c : s.components)
    rows.push_back({{"source", c.source},
                    {"symbol", c.symbol},
                    {"variance", number(c.variance)},
                    {"sd", number(c.sigma)},
                    {"study_var", number(c.studyVariation)},
                    {"pct_contribution", number(c.pctContribution)},
                    {"pct_study_var", number(c.pctStudyVariation)},
                    {"pct_tolerance", c.pctTolerance ? number(*c.pctTolerance) : Json(nullptr)}});
  return rows;
}

Json cellsJson(const CrossedLayout& layout, const std::vector<GrrCell>& cells) {
  Json out = Json::array();
  for (const auto& c : cells)
    out.push_back({{"part", layout.parts()[c.part]},
                   {"operator", layout.appraisers()[c.appraiser]},
                   {"mean", number(c.mean)},
                   {"range", number(c.range)},
                   {"range_above_limit", c.rangeAboveLimit},
                   {"lines", c.rows}});
  return out;
}

Json anovaTableJson(const std::vector<AnovaRow>& table) {
  Json rows = Json::array();
  for (const auto& r : table)
    rows.push_back({{"source", r.source},
                    {"df", r.df},
                    {"ss", number(r.ss)},
                    {"ms", number(r.ms)},
                    {"f", r.f ? number(*r.f) : Json(nullptr)},
                    {"p", r.p ? number(*r.p) : Json(nullptr)}});
  return rows;
}

void printComponents(const GrrSummary& s, double multiplier, bool tolerance) {
  std::vector<std::string> header = {"source",    "variance", "%contribution", "SD", fmt(multiplier, 2) + "×SD",
                                     "%study var"};
  if (tolerance) header.push_back("%tolerance");
  TextTable t(header);
  for (const auto& c : s.components) {
    std::vector<std::string> row = {c.symbol.empty() ? "  " + c.source : c.source + " (" + c.symbol + ")",
                                    fmt(c.variance, 6),
                                    fmt(c.pctContribution, 2),
                                    fmt(c.sigma, 5),
                                    fmt(c.studyVariation, 5),
                                    fmt(c.pctStudyVariation, 2)};
    if (tolerance) row.push_back(fmt(*c.pctTolerance, 2));
    t.add(row);
  }
  t.print();
  std::cout << "number of distinct categories (ndc = floor(1.41 PV/GRR)): "
            << (s.ndc ? std::to_string(*s.ndc) : std::string("unbounded (no gauge variation)")) << "\n";
}

void printAnovaTable(const std::vector<AnovaRow>& table) {
  TextTable t({"source", "DF", "SS", "MS", "F", "p"});
  for (const auto& r : table)
    t.add({r.source, std::to_string(r.df), fmt(r.ss, 5), r.source == "Total" ? "" : fmt(r.ms, 5),
           r.f ? fmt(*r.f, 3) : "", r.p ? fmt(*r.p, 4) : ""});
  t.print();
}

Json anova(const CrossedLayout& layout, const GrrOptions& options, bool text) {
  const auto r = grrAnova(layout, options);
  Json j{{"table", anovaTableJson(r.table)},
         {"interaction_p", r.interactionP ? number(*r.interactionP) : Json(nullptr)},
         {"interaction_alpha", r.interactionAlpha},
         {"interaction_pooled", r.interactionPooled},
         {"reduced_table", r.reducedTable.empty() ? Json(nullptr) : anovaTableJson(r.reducedTable)},
         {"components", componentsJson(r.summary)},
         {"ndc", r.summary.ndc ? Json(*r.summary.ndc) : Json(nullptr)},
         {"ndc_raw", number(r.summary.ndcRaw)},
         {"operator_means", numbers(r.appraiserMean)},
         {"part_means", numbers(r.partMean)},
         {"cells", cellsJson(layout, r.cells)},
         {"warnings", r.warnings}};
  if (!text) return j;
  std::cout << "Gauge R&R, ANOVA method\n\nTwo-way ANOVA with the part × operator interaction\n";
  printAnovaTable(r.table);
  if (r.interactionPooled) {
    std::cout << "\nthe interaction (p = " << (r.interactionP ? fmt(*r.interactionP, 4) : "—") << ") is above alpha "
              << fmt(r.interactionAlpha, 3) << " and is pooled into repeatability:\n";
    printAnovaTable(r.reducedTable);
  }
  std::cout << "\n";
  printComponents(r.summary, options.studyVarMultiplier, options.tolerance.has_value());
  for (const auto& w : r.warnings) std::cout << "warning: " << w << "\n";
  return j;
}

Json averageRange(const CrossedLayout& layout, const GrrOptions& options, bool text) {
  const auto r = grrAverageRange(layout, options);
  Json j{{"mean_range_by_operator", numbers(r.appraiserMeanRange)},
         {"mean_by_operator", numbers(r.appraiserMean)},
         {"part_means", numbers(r.partMean)},
         {"mean_range", number(r.meanRange)},
         {"operator_mean_difference", number(r.appraiserDiff)},
         {"part_range", number(r.partRange)},
         {"k1", number(r.k1)},
         {"k2", number(r.k2)},
         {"k3", number(r.k3)},
         {"range_ucl", number(r.rangeUcl)},
         {"ev", number(r.ev)},
         {"av", number(r.av)},
         {"grr", number(r.grr)},
         {"pv", number(r.pv)},
         {"tv", number(r.tv)},
         {"av_set_to_zero", r.avSetToZero},
         {"components", componentsJson(r.summary)},
         {"ndc", r.summary.ndc ? Json(*r.summary.ndc) : Json(nullptr)},
         {"ndc_raw", number(r.summary.ndcRaw)},
         {"constants",
          "K1 = 1/d2(trials), K2 = 1/d2*(operators, 1 subgroup), K3 = 1/d2*(parts, 1 subgroup), "
          "computed from their definitions (AIAG MSA 4th ed., Appendix C)"},
         {"cells", cellsJson(layout, r.cells)},
         {"warnings", r.warnings}};
  if (!text) return j;
  std::cout << "Gauge R&R, average-and-range method (AIAG)\n\n";
  TextTable t({"operator", "mean", "mean range"});
  for (std::size_t a = 0; a < layout.appraiserCount(); ++a)
    t.add({layout.appraisers()[a], fmt(r.appraiserMean[a], 4), fmt(r.appraiserMeanRange[a], 4)});
  t.print();
  std::cout << "R̿ " << fmt(r.meanRange) << ", X̄diff " << fmt(r.appraiserDiff) << ", Rp " << fmt(r.partRange) << ", K1 "
            << fmt(r.k1) << ", K2 " << fmt(r.k2) << ", K3 " << fmt(r.k3) << ", UCL(R) " << fmt(r.rangeUcl) << "\nEV "
            << fmt(r.ev) << ", AV " << fmt(r.av) << ", GRR " << fmt(r.grr) << ", PV " << fmt(r.pv) << ", TV "
            << fmt(r.tv) << "\n\n";
  printComponents(r.summary, options.studyVarMultiplier, options.tolerance.has_value());
  for (const auto& w : r.warnings) std::cout << "warning: " << w << "\n";
  return j;
}

int run(const Args& args) {
  const auto method = args.valueOr("method", "anova");
  if (method != "anova" && method != "xbar-r" && method != "both")
    throw UsageError{"--method must be anova, xbar-r or both"};
  if (args.has("csv") && !(args.has("part") && args.has("operator") && args.has("value")))
    throw UsageError{"name the columns: --part COL --operator COL --value COL"};
  msa::GaugeCsvColumns columns;
  columns.part = args.valueOr("part", "");
  columns.appraiser = args.valueOr("operator", "");
  columns.value = args.valueOr("value", "");
  columns.trial = args.valueOr("trial", "");
  const auto study = gaugeStudyFromArgs(args, GaugeStudyKind::Variables, columns);

  GrrOptions options;
  options.interactionAlpha = args.numberOr("interaction-alpha", 0.05);
  options.studyVarMultiplier = args.numberOr("study-var", 6.0);
  options.tolerance = args.has("tolerance") ? std::optional<double>(args.number("tolerance")) : study.tolerance;
  options.validate();
  const auto layout = CrossedLayout::build(study.measurements());

  Json out{{"parts", layout.parts()},
           {"operators", layout.appraisers()},
           {"measurements", layout.measurementCount()},
           {"tolerance", options.tolerance ? number(*options.tolerance) : Json(nullptr)},
           {"study_var_multiplier", options.studyVarMultiplier}};
  const bool text = !args.json();
  if (method == "anova" || method == "both") out["anova"] = anova(layout, options, text);
  if (method == "both" && text) std::cout << "\n";
  if (method == "xbar-r" || method == "both") out["xbar_r"] = averageRange(layout, options, text);
  if (args.json()) printJson(out);
  return 0;
}

std::vector<OptionSpec> options() {
  std::vector<OptionSpec> o = {
      {"csv", "FILE", "the measurements (CSV with a header line), one row per measurement"},
      {"part", "COL", "the part column"},
      {"operator", "COL", "the operator (appraiser) column"},
      {"value", "COL", "the measurement column"},
      {"trial", "COL", "the trial column; without it trials count up in file order"},
      {"tolerance", "T", "USL − LSL, for %tolerance (default: the saved study's)"},
      {"method", "M", "anova | xbar-r | both (default anova); the two methods legitimately differ"},
      {"interaction-alpha", "A", "ANOVA: pool the part × operator interaction when its p > A (default 0.05)"},
      {"study-var", "K", "study variation = K × SD (default 6; 5.15 in older AIAG editions)"}};
  for (auto& s : gaugeStudySourceOptions()) o.push_back(std::move(s));
  o.push_back(jsonOption());
  return o;
}

const Registration registration{
    Command{"grr", "variables gauge R&R (crossed): ANOVA and AIAG average-and-range methods", "",
            "The study must be balanced: every operator measures every part the same number of times (at least 2).\n"
            "ndc = floor(1.41 × PV / GRR). Negative variance estimates are set to 0 and reported.",
            options(), run}};

}  // namespace
}  // namespace fab::cli

// fabkit-cli killer: which defect sizes kill — kill ratios by size and class,
// the logistic kill probability and the killer size, next to the
// rule-of-thumb prior and the critical-area estimate.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <iostream>
#include <map>
#include <set>

#include "app/cli/command.h"
#include "app/cli/commands/defect_json.h"
#include "app/cli/output.h"
#include "core/analysis/killer_defects.h"
#include "core/common/error.h"
#include "core/defect/critical_area.h"
#include "core/defect/inspected_dies.h"
#include "core/defect/kill_ratio.h"
#include "core/defect/logistic_fit.h"
#include "core/io/csv_table.h"
#include "core/io/field_parse.h"
#include "core/store/dies.h"
#include "core/store/inspections.h"
#include "core/store/workspace.h"
#include "core/wafer/die_frame.h"

namespace fab::cli {
namespace {

struct Observations {
  std::vector<double> size;  ///< one per defective die (largest defect) or per CSV row
  std::vector<int> killed;
};

int killedFlag(const std::string& text, const std::string& where) {
  std::string s;
  for (char c : io::trim(text)) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "1" || s == "true" || s == "yes" || s == "y" || s == "killed" || s == "kill" || s == "fail" || s == "failed")
    return 1;
  if (s == "0" || s == "false" || s == "no" || s == "n" || s == "pass" || s == "passed" || s == "ok") return 0;
  throw Error(where + ": expected killed as 1/0, yes/no, fail/pass, found '" + text + "'");
}

void fromCsv(const Args& args, Observations& obs, Json& info) {
  const auto table = io::CsvTable::read(args.value("csv"));
  const auto sizes = table.numbers(args.value("size"));
  const auto flags = table.strings(args.value("killed"));
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (!std::isfinite(sizes[i])) continue;
    obs.size.push_back(sizes[i]);
    obs.killed.push_back(killedFlag(flags[i], table.path() + ":" + std::to_string(table.line(i))));
  }
  info = {{"source", "csv"}, {"rows", table.rowCount()}, {"observations", obs.size.size()}};
}

std::vector<double> parseEdges(const Args& args) {
  if (!args.has("bins")) return defect::KillRatioOptions{}.sizeEdges;
  std::vector<double> edges;
  for (const auto& item : args.list("bins")) {
    const auto v = io::parseNumber(item);
    if (!v) throw UsageError{"--bins expects sizes in µm separated by commas, got '" + item + "'"};
    edges.push_back(*v);
  }
  return edges;
}

int run(const Args& args) {
  const bool csv = args.has("csv");
  if (csv == args.has("workspace")) throw UsageError{"give either --workspace or --csv"};
  defect::KillRatioOptions options;
  options.sizeEdges = parseEdges(args);
  options.confidence = args.numberOr("confidence", 0.95);
  options.validate();
  const double probability = args.numberOr("probability", 0.5);

  analysis::KillerRequest request;
  request.options = options;
  request.probability = probability;
  request.logSize = args.flag("log-size");
  request.cleanYield = args.numberOr("clean-yield", 0);
  Json info;
  analysis::KillerAnalysis a;
  if (csv) {
    Observations obs;
    fromCsv(args, obs, info);
    a = analysis::killersOfObservations(std::move(obs.size), std::move(obs.killed), request);
  } else {
    request.lots = args.values("lot");
    request.layer = args.valueOr("layer", "");
    auto ws = store::Workspace::open(args.value("workspace"));
    a = analysis::workspaceKillers(ws.db(), request);
    info = {{"source", "workspace"},
            {"layer", request.layer},
            {"wafers", a.inspectedWafers},
            {"wafers_with_test_plan", a.planWafers},
            {"tested_dies", a.testedDies},
            {"inspected_dies", a.inspectedDies},
            {"observations", "one per defective inspected die: its largest defect, killed when the die fails"},
            {"inspected",
             "dies listed by a KLARF SampleTestPlan (at the layer); every tested die of a wafer inspected without "
             "a plan or whose defects came from a CSV"}};
  }
  const auto& table = a.killRatios;
  const auto& fractions = a.fractions;
  const auto& fit = a.fit;
  const auto& killer = a.killer;
  const auto& notes = a.notes;
  Json j = info;
  if (table) {
    Json bySize = Json::array(), byClass = Json::array();
    for (const auto& k : table->bySize) bySize.push_back(killRatioJson(k));
    for (const auto& k : table->byClass) byClass.push_back(killRatioJson(k));
    j["kill_ratio"] = {{"overall", killRatioJson(table->overall)},
                       {"by_size", bySize},
                       {"by_class", byClass},
                       {"interval", "Clopper-Pearson for Yd and Yc at 1 - alpha/2 each; KR from their ends"}};
  }
  Json fr = Json::array();
  for (const auto& f : fractions)
    fr.push_back({{"group", f.group},
                  {"observations", f.defects},
                  {"killed", f.killed},
                  {"fraction", number(f.fraction)},
                  {"low", number(f.low)},
                  {"high", number(f.high)},
                  {"kill_ratio", number(f.kr)},
                  {"kill_ratio_low", number(f.krLow)},
                  {"kill_ratio_high", number(f.krHigh)}});
  j["kill_fraction_by_size"] = fr;
  j["logistic"] = {{"predictor", fit.logSize ? "ln(size_um)" : "size_um"},
                   {"intercept", number(fit.intercept)},
                   {"slope", number(fit.slope)},
                   {"covariance",
                    {{number(fit.covariance(0, 0)), number(fit.covariance(0, 1))},
                     {number(fit.covariance(1, 0)), number(fit.covariance(1, 1))}}},
                   {"log_likelihood", number(fit.logLikelihood)},
                   {"n", fit.n},
                   {"events", fit.events},
                   {"converged", fit.converged},
                   {"separated", fit.separated},
                   {"message", fit.message}};
  if (fit.separated) j["logistic"]["separation_um"] = {fit.separationLow, fit.separationHigh};
  j["killer_size"] = {{"probability", probability},       {"size_um", number(killer.sizeUm)},
                      {"low_um", number(killer.lowUm)},   {"high_um", number(killer.highUm)},
                      {"confidence", options.confidence}, {"interval", "delta method"},
                      {"message", killer.message}};
  Json curve = Json::array();
  if (fit.usable() && !a.sizeUm.empty()) {
    const auto [lo, hi] = std::minmax_element(a.sizeUm.begin(), a.sizeUm.end());
    for (int i = 0; i <= 50; ++i) {
      const double x = fit.logSize && *lo > 0 ? *lo * std::pow(*hi / *lo, i / 50.0) : *lo + (*hi - *lo) * i / 50.0;
      curve.push_back({{"size_um", x}, {"kill_probability", number(fit.probability(x))}});
    }
  }
  j["curve"] = curve;
  if (args.has("layer-type") || args.has("cd")) {
    const auto kind = defect::layerKindFromName(args.value("layer-type"));
    const double cd = args.number("cd");
    j["prior"] = {{"layer_type", std::string(defect::layerKindName(kind))},
                  {"cd_um", cd},
                  {"ratio", defect::ruleOfThumbRatio(kind)},
                  {"killer_size_um", defect::ruleOfThumbKillerSize(kind, cd)},
                  {"source", "rule of thumb: 0.4 x CD metal, 0.35 poly, 0.5 contact/via"}};
  }
  if (args.has("line-width") || args.has("spacing") || args.has("x0")) {
    const auto c = defect::criticalAreaLines(args.number("line-width"), args.number("spacing"), args.number("x0"));
    j["critical_area"] = {{"line_width_um", c.lineWidthUm},
                          {"spacing_um", c.spacingUm},
                          {"x0_um", c.peakSizeUm},
                          {"theta", c.theta},
                          {"theta_visible", c.thetaVisible},
                          {"note",
                           "theta is per defect of any size (D counts all sizes); use theta_visible = 2 theta "
                           "when D counts only defects of x0 or larger"}};
    if (args.has("density") && args.has("area"))
      j["critical_area"]["yield"] = defect::criticalAreaYield(c.theta, args.number("density"), args.number("area"));
  }
  j["notes"] = notes;
  if (args.json()) {
    printJson(j);
    return 0;
  }
  if (table) {
    TextTable t({"group", "defective dies", "Yd", "Yc", "KR", "KR low", "KR high", "note"});
    auto row = [&](const defect::KillRatio& k) {
      t.add({k.group, std::to_string(k.defectiveDies), fmt(k.yd, 3), fmt(k.yc, 3), fmt(k.kr, 3), fmt(k.krLow, 3),
             fmt(k.krHigh, 3), k.note});
    };
    row(table->overall);
    for (const auto& k : table->bySize) row(k);
    for (const auto& k : table->byClass) row(k);
    t.print();
  } else {
    TextTable t({"size bin", "defects", "killed", "fraction", "low", "high"});
    for (const auto& f : fractions)
      t.add({f.group, std::to_string(f.defects), std::to_string(f.killed), fmt(f.fraction, 3), fmt(f.low, 3),
             fmt(f.high, 3)});
    t.print();
  }
  std::cout << "\nlogistic fit on " << fit.n << " observations: ";
  if (fit.usable())
    std::cout << "logit P(kill) = " << fmt(fit.intercept, 4) << " + " << fmt(fit.slope, 4) << " x "
              << (fit.logSize ? "ln(size)" : "size") << "\n";
  else
    std::cout << fit.message << "\n";
  if (killer.defined)
    std::cout << "killer size at P = " << fmt(probability, 2) << ": " << fmt(killer.sizeUm, 4) << " µm ("
              << fmt(killer.lowUm, 4) << " – " << fmt(killer.highUm, 4) << ")\n";
  else if (!killer.message.empty() && killer.message != fit.message)
    std::cout << killer.message << "\n";
  if (j.contains("prior"))
    std::cout << "rule-of-thumb prior: " << fmt(j["prior"]["killer_size_um"].get<double>(), 4) << " µm\n";
  if (j.contains("critical_area"))
    std::cout << "critical area θ = " << fmt(j["critical_area"]["theta"].get<double>(), 6)
              << " (D counting all sizes; 2θ when D counts only defects >= x0)\n";
  for (const auto& n : notes) std::cout << "note: " << n << "\n";
  return 0;
}

const Registration registration{Command{
    "killer",
    "killer defects: kill ratio by size and class, logistic kill probability, killer size",
    "",
    "With --workspace, defects are overlaid on the sort results of the same wafers in the product's die frame:\n"
    "KR = 1 - Yd/Yc overall, per size bin and per class (a die counts in a bin or class when all its defects do).\n"
    "Only inspected dies count: those a KLARF SampleTestPlan lists; every die of a wafer whose KLARF has no\n"
    "SampleTestPlan, or whose defects came from a CSV.\n"
    "With --csv, each row is a defect with its size and whether its die was killed.\n"
    "The logistic fit gives the size where the kill probability reaches --probability (default 0.5).",
    {workspaceOption(),
     {"layer", "L", "workspace: only defects of this layer"},
     {"lot", "L", "workspace: only this lot (repeatable)", true},
     {"csv", "FILE", "a CSV of defects with their die's fate"},
     {"size", "COL", "CSV: defect size column (µm)"},
     {"killed", "COL", "CSV: killed column (1/0, yes/no, fail/pass)"},
     {"clean-yield", "Y", "CSV: yield of defect-free dies, to turn kill fractions into kill ratios"},
     {"bins", "E1,E2,...", "size-bin edges in µm (default 0.1,0.2,0.5,1,2,5)"},
     {"probability", "P", "kill probability that defines the killer size (default 0.5)"},
     {"confidence", "C", "confidence level of the intervals (default 0.95)"},
     {"log-size", "", "fit the kill probability against ln(size)"},
     {"layer-type", "T", "metal | poly | contact | via, for the rule-of-thumb prior (with --cd)"},
     {"cd", "UM", "critical dimension of the layer in µm"},
     {"line-width", "UM", "critical area: line width (with --spacing and --x0)"},
     {"spacing", "UM", "critical area: line spacing"},
     {"x0", "UM", "critical area: peak of the defect size distribution"},
     {"density", "D", "critical area: defect density per cm² (with --area: the layer's yield)"},
     {"area", "A", "critical area: die area in cm²"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

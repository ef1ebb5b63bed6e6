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

/// Workspace: every wafer with sort results that was inspected (at the layer) — defects or an inspection
/// record — overlaid in the product's die frame; only the dies its inspections covered count.
std::optional<defect::KillRatioTable> fromWorkspace(const Args& args, const defect::KillRatioOptions& options,
                                                    Observations& obs, Json& info, std::vector<std::string>& notes) {
  auto ws = store::Workspace::open(args.value("workspace"));
  auto& db = ws.db();
  store::DieFilter filter;
  filter.lots = args.values("lot");
  const std::string layer = args.valueOr("layer", "");
  using WaferKey = std::pair<std::string, int>;
  const auto defectMaps = store::loadDefects(db, filter, layer);
  const auto inspectionMaps = store::loadInspections(db, filter, layer);
  std::map<WaferKey, const store::WaferDefects*> defectsOf;
  std::map<WaferKey, const store::WaferInspections*> inspectionsOf;
  for (const auto& w : defectMaps) defectsOf[{w.lot, w.wafer}] = &w;
  for (const auto& w : inspectionMaps) inspectionsOf[{w.lot, w.wafer}] = &w;
  std::map<std::string, std::optional<wafer::DieFrame>> frames;
  std::vector<defect::KillDie> dies;
  std::vector<defect::KillDefect> defects;
  int key = 0, planWafers = 0, wholeWafers = 0;
  std::size_t tested = 0, inspected = 0;
  std::set<WaferKey> withDies;
  for (const auto& w : store::loadDies(db, filter)) {
    withDies.insert({w.lot, w.wafer});
    const auto f = defectsOf.find({w.lot, w.wafer});
    const auto i = inspectionsOf.find({w.lot, w.wafer});
    if (f == defectsOf.end() && i == inspectionsOf.end()) continue;  // not inspected (at the layer)
    if (!frames.count(w.product)) {
      const auto p = w.product.empty() ? std::nullopt : store::loadProduct(db, w.product);
      frames[w.product] = p ? std::optional(wafer::productDieFrame(wafer::layoutFromProduct(*p))) : std::nullopt;
    }
    const auto& frame = frames[w.product];
    if (!frame) {
      notes.push_back("lot '" + w.lot + "' wafer " + std::to_string(w.wafer) + ": no product layout, left out");
      continue;
    }
    const auto input = defect::overlayWafer(
        key, *frame, w.dies,
        f == defectsOf.end() ? std::span<const store::Defect>() : std::span<const store::Defect>(f->second->defects),
        i == inspectionsOf.end() ? std::span<const store::Inspection>()
                                 : std::span<const store::Inspection>(i->second->inspections));
    (input.inspected.wholeWafer() ? wholeWafers : planWafers) += 1;
    tested += input.dies.size();
    std::map<wafer::DieIndex, double> largest;
    for (const auto& d : input.defects)
      if (std::isfinite(d.sizeUm))
        largest[d.die] = std::max(largest.count(d.die) ? largest[d.die] : d.sizeUm, d.sizeUm);
    for (const auto& d : input.dies) {
      if (!d.inspected) continue;
      ++inspected;
      if (const auto l = largest.find(d.index); l != largest.end()) {
        obs.size.push_back(l->second);
        obs.killed.push_back(!d.pass);
      }
    }
    dies.insert(dies.end(), input.dies.begin(), input.dies.end());
    defects.insert(defects.end(), input.defects.begin(), input.defects.end());
    ++key;
  }
  int skipped = 0;
  for (const auto& [k, w] : defectsOf) skipped += withDies.count(k) ? 0 : 1;
  if (skipped) notes.push_back(std::to_string(skipped) + " wafer(s) with defects but no sort results were left out");
  if (planWafers)
    notes.push_back(std::to_string(planWafers) +
                    " wafer(s) inspected through a KLARF SampleTestPlan (only the dies it "
                    "lists count): " +
                    std::to_string(inspected) + " of " + std::to_string(tested) + " tested dies count as inspected");
  if (wholeWafers)
    notes.push_back(std::to_string(wholeWafers) +
                    " wafer(s) without a SampleTestPlan (KLARF without one, or defects from a CSV): every tested die "
                    "counts as inspected");
  info = {{"source", "workspace"},
          {"layer", layer},
          {"wafers", key},
          {"wafers_with_test_plan", planWafers},
          {"tested_dies", tested},
          {"inspected_dies", inspected},
          {"observations", "one per defective inspected die: its largest defect, killed when the die fails"},
          {"inspected",
           "dies listed by a KLARF SampleTestPlan (at the layer); every tested die of a wafer inspected without "
           "a plan or whose defects came from a CSV"}};
  if (dies.empty())
    throw Error("no wafer has both sort results and an inspection (defects or a KLARF)" +
                (layer.empty() ? std::string() : " at layer '" + layer + "'"));
  return defect::killRatios(dies, defects, options);
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

  Observations obs;
  Json info;
  std::vector<std::string> notes;
  std::optional<defect::KillRatioTable> table;
  if (csv) {
    fromCsv(args, obs, info);
  } else {
    table = fromWorkspace(args, options, obs, info, notes);
    notes.insert(notes.end(), table->notes.begin(), table->notes.end());
  }
  const auto fractions = defect::killFractionsBySize(obs.size, obs.killed, options, args.numberOr("clean-yield", 0));
  defect::LogisticOptions lo;
  lo.logSize = args.flag("log-size");
  const auto fit = defect::fitLogistic(obs.size, obs.killed, lo);
  const auto killer = defect::killerSize(fit, probability, options.confidence);

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
  if (fit.usable() && !obs.size.empty()) {
    const auto [lo, hi] = std::minmax_element(obs.size.begin(), obs.size.end());
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

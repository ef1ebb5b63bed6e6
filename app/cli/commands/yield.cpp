// fabkit-cli yield: yield models and D0 (calculator), window-method fit of
// Y0, D0 and α from die sort data, and the yield-loss Pareto.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/store/dies.h"
#include "core/store/workspace.h"
#include "core/yield/defect_density.h"
#include "core/yield/good_die_cost.h"
#include "core/yield/sort_csv.h"
#include "core/yield/window_fit.h"
#include "core/yield/workspace_sort.h"
#include "core/yield/yield_pareto.h"

namespace fab::cli {
namespace {

using namespace fab::yield;

std::string pct(double v) { return fmt(100.0 * v, 2) + "%"; }

std::vector<int> integerList(const Args& args, const std::string& name) {
  std::vector<int> out;
  for (const auto& item : args.list(name)) {
    const auto v = io::parseInteger(item);
    if (!v) throw UsageError{"option --" + name + " expects whole numbers separated by commas, got '" + item + "'"};
    out.push_back(static_cast<int>(*v));
  }
  return out;
}

std::vector<YieldModel> modelList(const Args& args, bool all) {
  std::vector<YieldModel> out;
  const auto names = args.list("model");
  if (names.empty() || (names.size() == 1 && names[0] == "all")) {
    for (const auto& m : allModels()) {
      if (m.model == YieldModel::BoseEinstein && !args.has("layers")) continue;
      if (!all && m.model == YieldModel::NegativeBinomial && !args.has("clustering")) continue;
      out.push_back(m.model);
    }
    return out;
  }
  for (const auto& n : names) {
    const auto m = parseModel(n);
    if (!m) throw UsageError{"unknown yield model '" + n + "' (choose from: " + modelKeys() + ", all)"};
    out.push_back(*m);
  }
  return out;
}

ModelParameters parameters(const Args& args) {
  ModelParameters p;
  p.alpha = args.numberOr("clustering", p.alpha);
  p.layers = static_cast<int>(args.integerOr("layers", p.layers));
  return p;
}

// ---- yield (calculator) ------------------------------------------------------

int runCalculator(const Args& args) {
  const double area = args.number("area");
  const bool fromD0 = args.has("d0");
  if (fromD0 == args.has("yield")) throw UsageError{"give either --d0 (to compute the yield) or --yield (to solve D0)"};
  const auto models = modelList(args, false);
  for (auto m : models)
    if (m == YieldModel::NegativeBinomial && !args.has("clustering"))
      throw UsageError{"the negative binomial model needs --clustering (its clustering parameter α)"};
  const auto p = parameters(args);
  const double y0 = args.numberOr("y0", 1.0);
  const double given = fromD0 ? args.number("d0") : args.number("yield");
  const auto dpw = args.optionalNumber("dpw");
  const double waferCost = args.numberOr("wafer-cost", std::nan(""));
  if (args.has("wafer-cost") && !dpw) throw UsageError{"--wafer-cost needs --dpw (dies per wafer)"};

  Json rows = Json::array();
  std::vector<std::string> header{"model", "formula", "yield", "D0 (cm⁻²)"};
  if (dpw) header.insert(header.end(), {"good dies/wafer", "cost/good die"});
  TextTable table(header);
  for (auto m : models) {
    const auto& info = modelInfo(m);
    const double yield = fromD0 ? modelYield(m, area, given, p, y0) : given;
    const double d0 = fromD0 ? given : d0FromYield(m, area, given, p, y0);
    Json row{{"model", info.key},     {"name", info.name},      {"formula", info.formula},
             {"source", info.source}, {"yield", number(yield)}, {"d0", number(d0)}};
    if (m == YieldModel::NegativeBinomial) row["alpha"] = p.alpha;
    if (m == YieldModel::BoseEinstein) row["layers"] = p.layers;
    std::vector<std::string> cells{std::string(info.name), std::string(info.formula), pct(yield), fmt(d0, 4)};
    if (dpw) {
      const auto c = goodDieCost(*dpw, yield, waferCost);
      row["good_dies_per_wafer"] = number(c.goodDiesPerWafer);
      row["cost_per_good_die"] = number(c.costPerGoodDie);
      cells.push_back(fmt(c.goodDiesPerWafer, 1));
      cells.push_back(fmt(c.costPerGoodDie, 2));
    }
    rows.push_back(row);
    table.add(cells);
  }
  if (args.json()) {
    printJson({{"area_cm2", area}, {"y0", y0}, {fromD0 ? "d0" : "yield", given}, {"models", rows}});
  } else {
    std::cout << "die area " << fmt(area, 4) << " cm², Y0 " << fmt(y0, 4)
              << (fromD0 ? ", D0 " + fmt(given, 4) + " cm⁻²" : ", yield " + pct(given)) << "\n";
    table.print();
  }
  return 0;
}

// ---- yield fit ---------------------------------------------------------------

/// Die sort data with the die area its source knows (a workspace's product), if any.
struct SortData {
  std::vector<SortWafer> wafers;
  std::optional<double> productArea;  ///< cm²
  std::string areaSource;
};

std::set<int> excludedBins(const Args& args) {
  const auto bins = integerList(args, "exclude-bins");
  return {bins.begin(), bins.end()};
}

/// The die area of the products behind the wafers: one area, or an error
/// asking for --lot or --area when they differ or are unknown.
void productArea(store::Database& db, SortData& data, const std::set<std::string>& products) {
  std::map<double, std::string> areas;
  for (const auto& name : products) {
    const auto p = name.empty() ? std::nullopt : store::loadProduct(db, name);
    if (!p || !(p->dieWidthUm > 0.0 && p->dieHeightUm > 0.0)) return;  // unknown: --area is needed
    auto& names = areas[p->dieWidthUm * p->dieHeightUm * 1e-8];        // µm² → cm²
    names += (names.empty() ? "" : ", ") + name;
  }
  if (areas.size() == 1) {
    data.productArea = areas.begin()->first;
    data.areaSource = "product " + areas.begin()->second;
  } else if (areas.size() > 1) {
    std::string list;
    for (const auto& [area, names] : areas) list += (list.empty() ? "" : "; ") + names + " " + fmt(area, 4) + " cm²";
    throw Error("the dies belong to products of different die areas (" + list +
                "): choose one with --lot or give --area");
  }
}

SortData loadWorkspace(const Args& args) {
  auto ws = store::Workspace::open(args.value("workspace"));
  store::DieFilter filter;
  if (const auto lot = args.optional("lot")) filter.lots.push_back(*lot);
  const auto excluded = excludedBins(args);
  const auto dies = store::loadDies(ws.db(), filter);
  SortData data;
  // Radius fractions (zone Pareto) from each product's wafer layout.
  data.wafers = toSortWafers(dies, productLayouts(ws.db(), dies), excluded);
  std::set<std::string> products;
  for (const auto& w : dies) products.insert(w.product);
  if (data.wafers.empty())
    throw Error(args.has("lot") ? "the workspace has no die of lot '" + args.value("lot") + "'"
                                : "the workspace has no die sort data: import a dies file first");
  productArea(ws.db(), data, products);
  return data;
}

SortData loadSort(const Args& args) {
  if (args.has("workspace") == args.has("csv"))
    throw UsageError{"give either --workspace W [--lot L] or --csv FILE (columns wafer,die_x,die_y,pass[,bin])"};
  if (args.has("workspace")) return loadWorkspace(args);
  SortCsvOptions o;
  o.excludedBins = excludedBins(args);
  SortData data;
  data.wafers = readSortCsv(args.value("csv"), o);
  if (const auto lot = args.optional("lot")) {
    std::erase_if(data.wafers, [&](const SortWafer& w) { return w.lot != *lot; });
    if (data.wafers.empty())
      throw Error("no die of lot '" + *lot + "' in " + args.value("csv") + " (is there a lot column?)");
  }
  return data;
}

WindowFitOptions fitOptions(const Args& args, const SortData& data) {
  WindowFitOptions o;
  if (args.has("area"))
    o.dieArea = args.number("area");
  else if (data.productArea)
    o.dieArea = *data.productArea;
  else
    throw UsageError{"give --area (the die area in cm²): the data do not name a product with a die size"};
  if (args.has("blocks")) {
    o.blocks.clear();
    for (int m : integerList(args, "blocks")) o.blocks.push_back(blockShapeFor(m));
  }
  // Without --model: every model, with Bose-Einstein when --layers is given.
  o.models = modelList(args, true);
  o.layers = static_cast<int>(args.integerOr("layers", 1));
  if (args.has("clustering")) o.alpha = args.number("alpha");
  if (args.has("y0")) o.grossYield = args.number("y0");
  return o;
}

Json fitJson(const std::string& group, const WindowFitResult& r) {
  Json blocks = Json::array();
  for (const auto& b : r.blocks)
    blocks.push_back({{"m", b.m},
                      {"width", b.shape.width},
                      {"height", b.shape.height},
                      {"blocks", b.blocks},
                      {"good", b.good},
                      {"incomplete", b.incomplete},
                      {"yield", number(b.yield())}});
  Json models = Json::array();
  for (const auto& f : r.models) {
    Json m{{"model", modelInfo(f.model).key},
           {"name", modelInfo(f.model).name},
           {"y0", number(f.y0)},
           {"y0_fitted", f.y0Fitted},
           {"d0", number(f.d0)}};
    if (f.model == YieldModel::NegativeBinomial) {
      m["alpha"] = number(f.alpha);
      m["alpha_fitted"] = f.alphaFitted;
    }
    if (f.model == YieldModel::BoseEinstein) m["layers"] = f.layers;
    m["parameters"] = f.parameters;
    m["log_likelihood"] = number(f.logLikelihood);
    m["aic"] = number(f.aic);
    m["predicted"] = numbers(f.predicted);
    m["goodness_of_fit"] = f.goodness ? Json{{"chi_square", f.goodness->chiSquare},
                                             {"df", f.goodness->degreesOfFreedom},
                                             {"p_value", f.goodness->pValue}}
                                      : Json(nullptr);
    if (!f.note.empty()) m["note"] = f.note;
    models.push_back(m);
  }
  return {{"group", group},
          {"blocks", blocks},
          {"block_sizes", r.blockSizes},
          {"identifiable_parameters", r.identifiableParameters},
          {"ranked", r.ranked},
          {"message", r.message},
          {"models", models},
          {"warnings", r.warnings}};
}

void printFit(const std::string& group, const WindowFitResult& r) {
  std::cout << "== " << group << "\n";
  TextTable blocks({"m", "shape", "blocks", "good", "yield", "left out"});
  for (const auto& b : r.blocks)
    blocks.add({std::to_string(b.m), std::to_string(b.shape.width) + "×" + std::to_string(b.shape.height),
                std::to_string(b.blocks), std::to_string(b.good), pct(b.yield()), std::to_string(b.incomplete)});
  blocks.print();
  std::cout << "\n" << r.message << "\n\n";
  TextTable models({"model", "Y0", "D0 (cm⁻²)", "α", "params", "AIC", "X²", "df", "p", "note"});
  for (const auto& f : r.models) {
    const bool nb = f.model == YieldModel::NegativeBinomial;
    models.add({std::string(modelInfo(f.model).name), fmt(f.y0, 4) + (f.y0Fitted ? "" : " (fixed)"), fmt(f.d0, 4),
                nb ? fmt(f.alpha, 3) : "", std::to_string(f.parameters), fmt(f.aic, 2),
                f.goodness ? fmt(f.goodness->chiSquare, 3) : "—",
                f.goodness ? std::to_string(f.goodness->degreesOfFreedom) : "—",
                f.goodness ? fmt(f.goodness->pValue, 4) : "—", f.note});
  }
  models.print();
  for (const auto& w : r.warnings) std::cout << "warning: " << w << "\n";
  std::cout << "\n";
}

int runFit(const Args& args) {
  const auto data = loadSort(args);
  const auto& wafers = data.wafers;
  const auto options = fitOptions(args, data);
  const std::string by = args.valueOr("by", "all");
  if (by != "all" && by != "lot" && by != "wafer") throw UsageError{"--by takes all, lot or wafer"};
  // Groups keep the file's order of first appearance.
  std::vector<std::pair<std::string, std::vector<SortWafer>>> groups;
  std::map<std::string, std::size_t> index;
  for (const auto& w : wafers) {
    std::string key = by == "all"   ? "all wafers"
                      : by == "lot" ? "lot " + w.lot
                                    : "wafer " + w.lot + (w.lot.empty() ? "" : "/") + w.wafer;
    auto [it, inserted] = index.try_emplace(key, groups.size());
    if (inserted) groups.push_back({key, {}});
    groups[it->second].second.push_back(w);
  }
  if (groups.empty()) throw Error("the file holds no die");
  const std::string areaSource = args.has("area") ? "given" : data.areaSource;
  if (!args.json()) std::cout << "die area " << fmt(options.dieArea, 4) << " cm² (" << areaSource << ")\n\n";
  Json out = Json::array();
  for (const auto& [name, group] : groups) {
    const auto r = fitWindowMethod(group, options);
    if (args.json())
      out.push_back(fitJson(name, r));
    else
      printFit(name, r);
  }
  if (args.json()) printJson({{"die_area_cm2", options.dieArea}, {"die_area_source", areaSource}, {"fits", out}});
  return 0;
}

// ---- yield pareto ------------------------------------------------------------

Json binsJson(const std::vector<BinLoss>& bins) {
  Json a = Json::array();
  for (const auto& b : bins)
    a.push_back({{"bin", b.bin},
                 {"dies", b.dies},
                 {"fraction_of_dies", b.fractionOfDies},
                 {"share_of_loss", b.shareOfLoss},
                 {"cumulative_share", b.cumulativeShare}});
  return a;
}

int runPareto(const Args& args) {
  const auto data = loadSort(args);
  const auto& wafers = data.wafers;
  ParetoOptions o;
  if (args.has("zones")) {
    const auto edges = args.list("zones");
    if (edges.size() != 2) throw UsageError{"--zones takes two radius fractions: CENTER_EDGE,MIDDLE_EDGE"};
    const auto a = io::parseNumber(edges[0]);
    const auto b = io::parseNumber(edges[1]);
    if (!a || !b) throw UsageError{"--zones expects two numbers, e.g. 0.577,0.816"};
    o.centerEdge = *a;
    o.middleEdge = *b;
  }
  const std::string by = args.valueOr("by", "all");
  if (by != "all" && by != "bin" && by != "zone") throw UsageError{"pareto --by takes bin, zone or all"};
  auto p = yieldPareto(wafers, o);
  if (p.byZone.empty()) {
    const std::string why = args.has("workspace")
                                ? "no zone Pareto: the dies' product has no wafer layout (die size) in the workspace"
                                : "no zone Pareto: the file has no radius_fraction column";
    if (by == "zone") throw Error(why);
    p.warnings.push_back(why);
  }
  if (by == "bin") p.byZone.clear();
  if (by == "zone") p.byBin.clear();
  if (args.json()) {
    Json zones = Json::array();
    for (const auto& z : p.byZone)
      zones.push_back({{"zone", zoneName(z.zone)},
                       {"from", z.from},
                       {"to", z.to},
                       {"dies", z.dies},
                       {"failed", z.failed},
                       {"yield", number(z.yield)},
                       {"share_of_loss", z.shareOfLoss},
                       {"cumulative_share", z.cumulativeShare},
                       {"bins", binsJson(z.bins)}});
    printJson({{"dies", p.dies},
               {"failed", p.failed},
               {"yield", number(p.yield)},
               {"by_bin", binsJson(p.byBin)},
               {"by_zone", zones},
               {"dies_without_radius", p.diesWithoutRadius},
               {"warnings", p.warnings}});
    return 0;
  }
  std::cout << p.dies << " dies, " << p.failed << " failed, yield " << pct(p.yield) << "\n";
  if (by != "zone") {
    std::cout << "\nloss by bin\n";
    TextTable bins({"bin", "dies", "yield lost", "share", "cumulative"});
    for (const auto& b : p.byBin)
      bins.add({std::to_string(b.bin), std::to_string(b.dies), pct(b.fractionOfDies), pct(b.shareOfLoss),
                pct(b.cumulativeShare)});
    bins.print();
  }
  if (!p.byZone.empty()) {
    std::cout << "\nloss by zone (radius fraction)\n";
    TextTable zones({"zone", "radius", "dies", "failed", "yield", "share", "cumulative", "top bin"});
    for (const auto& z : p.byZone)
      zones.add({zoneName(z.zone), fmt(z.from, 3) + "–" + fmt(z.to, 3), std::to_string(z.dies),
                 std::to_string(z.failed), pct(z.yield), pct(z.shareOfLoss), pct(z.cumulativeShare),
                 z.bins.empty() ? "—" : std::to_string(z.bins.front().bin)});
    zones.print();
  }
  for (const auto& w : p.warnings) std::cout << "warning: " << w << "\n";
  return 0;
}

int run(const Args& args) {
  const auto& pos = args.positional();
  if (pos.size() > 1) throw UsageError{"expected at most one action (fit or pareto)"};
  if (pos.empty()) return runCalculator(args);
  if (pos[0] == "fit") return runFit(args);
  if (pos[0] == "pareto") return runPareto(args);
  throw UsageError{"unknown action '" + pos[0] + "' (use fit, pareto, or none for the calculator)"};
}

const Registration registration{Command{
    "yield",
    "yield models and D0, window-method fit of Y0/D0/α, yield-loss Pareto",
    "[fit|pareto]",
    "Without an action: the yield of each model for a die area and D0 (or D0 for a yield), with good dies\n"
    "per wafer and cost per good die given --dpw and --wafer-cost.\n"
    "  fit     fits Y0, D0 and α by maximum likelihood with the window method (blocks of m adjacent\n"
    "          dies) from a workspace's dies or a die CSV: wafer,die_x,die_y,pass[,bin][,lot].\n"
    "  pareto  yield loss by bin and by zone (center/middle/edge rings of the die centre's radius\n"
    "          fraction: from the product's wafer layout for a workspace, from a radius_fraction\n"
    "          column for a CSV); --by bin or --by zone shows one of them.",
    {{"model", "M", "poisson, murphy, murphy-uniform, seeds, seeds-exp, bose-einstein, negbin or all (default)"},
     {"area", "CM2", "die (critical) area in cm² (fit: default from the workspace product)"},
     {"d0", "PER_CM2", "defect density in cm⁻² (per layer for bose-einstein)"},
     {"yield", "Y", "a die yield to solve D0 for"},
     {"clustering", "A", "negative binomial clustering parameter α (fit: hold α at this value)"},
     {"layers", "N", "Bose-Einstein critical layers"},
     {"y0", "Y0", "gross yield (default 1; fit: hold Y0 at this value)"},
     {"dpw", "N", "dies per wafer, for good dies per wafer"},
     {"wafer-cost", "C", "wafer cost, for cost per good die"},
     {"csv", "FILE", "die sort CSV: wafer,die_x,die_y,pass[,bin][,lot][,radius_fraction]"},
     workspaceOption(),
     {"lot", "L", "only the wafers of this lot"},
     {"blocks", "LIST", "block sizes m for the window method (default 1,2,4,9)"},
     {"exclude-bins", "LIST", "fail bins that are not defect-limited (left out of the fit)"},
     {"by", "GROUP", "fit: all wafers pooled (all, default), per lot or per wafer; pareto: bin, zone or all"},
     {"zones", "C,M", "pareto zone edges as radius fractions (default 0.577,0.816: equal areas)"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

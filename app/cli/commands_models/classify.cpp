// fabkit-cli classify: names the failure pattern of each wafer's die map with a
// saved classifier (by default the pretrained student shipped with fabkit).
#include <algorithm>
#include <future>
#include <optional>
#include <string>

#include "app/cli/command.h"
#include "app/cli/commands_models/model_choice.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/ml/die_map_csv.h"
#include "core/ml/die_map_store.h"
#include "core/ml/wm811k_maps.h"
#include "core/store/workspace.h"
#include "models/classifier/pretrained_model.h"
#include "models/classifier/wafer_classifier.h"

namespace fab::cli {
namespace {

/// Where each map came from in a workspace (empty for a CSV file).
struct WorkspaceWafer {
  std::string lot;
  int slot = 0;
};

std::vector<long long> passBinsFrom(const Args& args) {
  std::vector<long long> bins;
  for (const auto& item : args.list("pass-bins")) {
    const auto bin = io::parseInteger(item);
    if (!bin) throw UsageError{"--pass-bins expects whole bin numbers separated by commas, got '" + item + "'"};
    bins.push_back(*bin);
  }
  if (bins.empty()) throw UsageError{"--pass-bins needs at least one bin"};
  return bins;
}

/// The wafers of a workspace classified a few lots at a time, laid out by each lot's product (pitch, notch,
/// row direction): the next lots' dies are read from the database while the current ones are classified,
/// and only the answers are kept, not every die of the workspace (10,000 wafers hold 14 M dies).
std::vector<models::MapPrediction> classifyWorkspace(const Args& args, const models::WaferClassifier& model,
                                                     std::vector<WorkspaceWafer>& origins) {
  auto ws = store::Workspace::open(args.value("workspace"));
  store::DieFilter filter;
  if (args.has("lot")) filter.lots = {args.value("lot")};
  const std::vector<long long> passBins = args.has("pass-bins") ? passBinsFrom(args) : std::vector<long long>{};
  const auto lots = store::lotsWithDies(ws.db(), filter);
  if (lots.empty()) throw Error(ml::noDieMapsMessage(filter));
  constexpr std::size_t kLotsPerStep = 32;
  const auto read = [&](std::size_t first) {
    store::DieFilter step;
    step.lots.assign(lots.begin() + static_cast<std::ptrdiff_t>(first),
                     lots.begin() + static_cast<std::ptrdiff_t>(std::min(lots.size(), first + kLotsPerStep)));
    return ml::loadStoredWaferMaps(ws.db(), step, passBins);
  };
  std::vector<models::MapPrediction> out;
  auto next = std::async(std::launch::async, read, 0);
  for (std::size_t first = 0; first < lots.size(); first += kLotsPerStep) {
    auto wafers = next.get();
    if (first + kLotsPerStep < lots.size()) next = std::async(std::launch::async, read, first + kLotsPerStep);
    std::vector<ml::DieMap> maps;
    maps.reserve(wafers.size());
    for (auto& w : wafers) {
      origins.push_back({w.dies.lot, w.dies.wafer});
      maps.push_back(std::move(w.map));
    }
    wafers.clear();
    for (auto& p : model.classify(maps)) out.push_back(std::move(p));
  }
  return out;
}

ml::DieMapLayout layoutFrom(const Args& args) {
  ml::DieMapLayout layout;
  layout.notch = ml::notchFromName(args.valueOr("notch", "down"));
  layout.yUp = !args.flag("y-down");
  if (args.has("die-width") != args.has("die-height"))
    throw UsageError{"give both --die-width and --die-height, or neither (then the pitch ratio is inferred)"};
  if (args.has("die-width")) {
    layout.dieWidth = args.number("die-width"), layout.dieHeight = args.number("die-height");
    if (!(layout.dieWidth > 0 && layout.dieHeight > 0)) throw UsageError{"the die pitch must be positive"};
  }
  return layout;
}

/// What the card says about the model on real maps: one line, or a warning that it has no such figures.
std::string realMapSummary(const models::ModelCard& card) {
  if (!card.metrics.contains("real_cross_validation"))
    return "this model records no score on real maps (its figures, if any, are on synthetic maps only)";
  const auto& cv = card.metrics.at("real_cross_validation");
  double lowest = 1;
  for (const auto& [name, r] : cv.at("per_class_recall").items())
    if (r.is_number()) lowest = std::min(lowest, r.get<double>());
  return "on real maps (" + std::to_string(cv.value("maps", 0)) + " labelled maps, " +
         std::to_string(cv.value("folds", 0)) + "-fold lot-grouped cross-validation): accuracy " +
         fmt(cv.value("accuracy", 0.0)) + ", macro-F1 " + fmt(cv.value("macro_f1", 0.0)) + ", lowest class recall " +
         fmt(lowest);
}

int run(const Args& args) {
  if (args.has("csv") + args.has("workspace") + args.has("jsonl") != 1)
    throw UsageError{"give exactly one of --csv FILE, --jsonl FILE and --workspace W"};
  if (args.has("lot") && !args.has("workspace")) throw UsageError{"--lot goes with --workspace"};
  const std::string given = args.has("model") ? args.value("model") : models::pretrainedModelDir();

  std::vector<ml::DieMap> maps;
  std::vector<WorkspaceWafer> origins;
  if (args.has("csv")) {
    ml::DieMapCsvOptions options;
    options.layout = layoutFrom(args);
    if (args.has("pass-bins")) options.passBins = passBinsFrom(args);
    maps = ml::readDieMapsCsv(args.value("csv"), options);
  } else if (args.has("jsonl")) {
    for (const char* csvOnly : {"notch", "y-down", "die-width", "die-height", "pass-bins"})
      if (args.has(csvOnly)) throw UsageError{std::string("--") + csvOnly + " does not go with --jsonl"};
    maps = ml::dieMapsOf(ml::readWm811kMaps(args.value("jsonl")));
  } else {
    for (const char* csvOnly : {"notch", "y-down", "die-width", "die-height"})
      if (args.has(csvOnly))
        throw UsageError{std::string("--") + csvOnly +
                         " goes with --csv (a workspace takes the layout from the product)"};
  }

  const auto [dir, model] = loadChosenModel(args, given);
  // The model decides what is uncertain (WaferClassifier::classify); this command only shows it.
  const auto predictions = args.has("workspace") ? classifyWorkspace(args, model, origins) : model.classify(maps);
  const auto threshold = models::uncertaintyThreshold(model.card());
  const auto& trainingMaps = model.card().trainingMaps;

  if (args.json()) {
    Json wafers = Json::array();
    for (std::size_t i = 0; i < predictions.size(); ++i) {
      const auto& p = predictions[i];
      Json probabilities;
      for (int c = 0; c < ml::kPatternCount; ++c) probabilities[std::string(ml::kPatternNames[c])] = p.probabilities[c];
      Json w{{"wafer", p.wafer}};
      if (origins.empty()) {
        w["first_line"] = p.firstRow;
      } else {
        w["lot"] = origins[i].lot;
        w["slot"] = origins[i].slot;
      }
      w["dies"] = p.dies;
      w["class"] = p.className();
      w["best_guess"] = ml::patternName(p.pattern);
      w["probability"] = p.topProbability();
      w["probabilities"] = probabilities;
      w["uncertain"] = p.uncertain;  // then "class" says so and "best_guess" holds the most probable class
      w["uncertain_because"] = p.uncertainBecause();
      w["training_distance"] = p.trainingDistance ? Json(*p.trainingDistance) : Json();
      wafers.push_back(w);
    }
    Json j{{"model", dir}, {"role", model.card().role}};
    j["uncertainty_threshold"] = threshold ? Json(*threshold) : Json();
    j["training_distance_threshold"] = trainingMaps ? Json(trainingMaps->threshold) : Json();
    j["real_map_scores"] = model.card().metrics.value("real_cross_validation", Json());
    if (j["real_map_scores"].is_object()) {
      j["real_map_scores"].erase("per_class");
      j["real_map_scores"].erase("confusion_rows_true_columns_predicted");
    }
    j["model_summary"] = realMapSummary(model.card());
    j["wafers"] = wafers;
    printJson(j);
    return 0;
  }
  std::vector<std::string> header{"wafer", "dies", "class", "best guess", "p"};
  for (auto name : ml::kPatternNames) header.emplace_back(name);
  if (trainingMaps) header.emplace_back("training distance");
  header.emplace_back("uncertain because");
  TextTable table(header);
  for (const auto& p : predictions) {
    std::vector<std::string> row{p.wafer, std::to_string(p.dies), p.className(), ml::patternName(p.pattern),
                                 fmt(p.topProbability(), 3)};
    for (float v : p.probabilities) row.push_back(fmt(v, 3));
    if (trainingMaps) row.push_back(p.trainingDistance ? fmt(*p.trainingDistance, 3) : "");
    row.push_back(p.uncertainBecauseText());
    table.add(row);
  }
  std::cout << "model " << dir << " (" << model.card().role << ")\n" << realMapSummary(model.card()) << "\n";
  if (threshold)
    std::cout << "uncertain: top probability below " << fmt(*threshold, 3)
              << " (chosen on the cross-validation folds: below it answers were right less often than wrong)\n";
  if (trainingMaps)
    std::cout << "uncertain: nearest training map farther than " << fmt(trainingMaps->threshold, 3) << " (the "
              << fmt(trainingMaps->percentile, 0) << "th percentile of the " << trainingMaps->maps
              << " training maps' distances to their nearest other: a map unlike every one the model learnt from)\n";
  std::cout << "\n";
  table.print();
  return 0;
}

const Registration registration{
    Command{"classify",
            "name the failure pattern of each wafer map (center, donut, edge-local, …, none)",
            "",
            "Reads die maps (one row per die: wafer,die_x,die_y and pass (1/0) or bin with --pass-bins), resamples\n"
            "each wafer to the model's grid (round, notch down) and prints the most probable class with all nine\n"
            "class probabilities. --jsonl reads WM-811K JSON lines (rows of 0 no die, 1 good, 2 fail). A map whose\n"
            "top probability is below the model's uncertainty threshold (chosen on its real-map cross-validation),\n"
            "or whose embedding lies farther from every training map than the model's training maps lie from\n"
            "each other (99th percentile), is marked uncertain, with the reason. Without --model the pretrained\n"
            "student shipped with fabkit is used.",
            {modelOption(),
             {"csv", "FILE", "die map CSV: wafer,die_x,die_y,pass (or bin)"},
             {"jsonl", "FILE", "wafer maps as WM-811K JSON lines"},
             workspaceOption(),
             {"lot", "L", "with --workspace: only this lot"},
             {"pass-bins", "B,B,...",
              "bins that pass (CSV with a bin column: default 1; workspace: default the product's pass bins)"},
             {"notch", "POS", "where the notch is in the die index frame: down, up, left, right (default down)"},
             {"y-down", "", "die_y counts downwards (prober style)"},
             {"die-width", "W", "die pitch in x (any unit; default: inferred from the round wafer)"},
             {"die-height", "H", "die pitch in y (with --die-width)"},
             deviceOption(),
             threadsOption(),
             jsonOption()},
            run}};

}  // namespace
}  // namespace fab::cli

// fabkit-cli similar: the workspace wafers whose maps the classifier sees most
// alike a given wafer (nearest neighbours of its penultimate-layer embedding).
#include <chrono>
#include <iostream>
#include <string>

#include "app/cli/command.h"
#include "app/cli/commands_models/model_choice.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/ml/die_map_store.h"
#include "core/store/workspace.h"
#include "models/classifier/pretrained_model.h"
#include "models/classifier/wafer_similarity.h"

namespace fab::cli {
namespace {

double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

int run(const Args& args) {
  const auto top = args.integerOr("top", 10);
  if (top < 1) throw UsageError{"--top expects a positive number of wafers, got " + std::to_string(top)};
  const std::string lot = args.value("lot");
  const auto wafer = static_cast<int>(args.integer("wafer"));
  const std::string given = args.has("model") ? args.value("model") : models::pretrainedModelDir();

  auto ws = store::Workspace::open(args.value("workspace"));
  auto wafers = ml::loadStoredWaferMaps(ws.db());
  const auto query = ml::findStoredWafer(wafers, lot, wafer);  // before loading the model: a typo fails fast

  const auto [dir, model] = loadChosenModel(args, given);
  const auto indexStart = std::chrono::steady_clock::now();
  const models::WaferSimilarity similarity(model, std::move(wafers));
  const double indexMs = msSince(indexStart);
  const auto searchStart = std::chrono::steady_clock::now();
  const auto found = similarity.nearest(query, static_cast<std::size_t>(top));
  const double searchMs = msSince(searchStart);
  const auto classifyStart = std::chrono::steady_clock::now();
  const auto neighbours = similarity.describe(found);
  const double classifyMs = msSince(classifyStart);
  const auto self = similarity.describe(query);
  // The model decides what is uncertain (WaferClassifier::classify); this command only shows it.
  const auto className = [](const models::SimilarWafer& w) { return w.prediction.className(); };
  const auto probability = [](const models::SimilarWafer& w) { return w.prediction.topProbability(); };
  const auto waferJson = [&](const models::SimilarWafer& w) {
    const auto& p = w.prediction;
    return Json{{"lot", w.lot},
                {"wafer", w.wafer},
                {"distance", w.distance},
                {"class", p.className()},
                {"best_guess", ml::patternName(p.pattern)},
                {"probability", p.topProbability()},
                {"uncertain", p.uncertain},
                {"uncertain_because", p.uncertainBecause()},
                {"training_distance", p.trainingDistance ? Json(*p.trainingDistance) : Json()},
                {"yield", w.yield},
                {"dies", p.dies}};
  };
  const auto because = [](const models::SimilarWafer& w) { return w.prediction.uncertainBecauseText(); };

  if (args.json()) {
    Json list = Json::array();
    for (const auto& n : neighbours) list.push_back(waferJson(n));
    Json q = waferJson(self);
    q.erase("distance");
    printJson({{"model", dir},
               {"query", q},
               {"wafers_indexed", similarity.wafers().size()},
               {"embedding_size", similarity.index().dimension()},
               {"embed_and_index_ms", indexMs},
               {"search_ms", searchMs},
               {"classify_listed_ms", classifyMs},
               {"neighbours", list}});
    return 0;
  }
  std::cout << lot << "/" << wafer << ": " << className(self) << " (p " << fmt(probability(self), 3)
            << (self.prediction.uncertain ? "; " + because(self) : "") << "), yield " << fmt(self.yield * 100, 1)
            << " %\n"
            << similarity.wafers().size() << " wafers embedded (" << similarity.index().dimension()
            << " features, model " << dir << ") and indexed in " << fmt(indexMs, 1) << " ms; search "
            << fmt(searchMs, 3) << " ms, classifying the listed wafers " << fmt(classifyMs, 1) << " ms\n\n";
  TextTable table({"rank", "lot", "wafer", "distance", "class", "p", "yield %", "uncertain because"});
  int rank = 0;
  for (const auto& n : neighbours)
    table.add({std::to_string(++rank), n.lot, std::to_string(n.wafer), fmt(n.distance, 4), className(n),
               fmt(probability(n), 3), fmt(n.yield * 100, 1), because(n)});
  table.print();
  return 0;
}

const Registration registration{
    Command{"similar",
            "find the workspace wafers whose maps look most like a given wafer's",
            "",
            "Embeds every wafer map of the workspace with the classifier's penultimate layer (the pooled\n"
            "features its last layer reads) and lists the --top wafers nearest to the given one by Euclidean\n"
            "distance (a k-d tree), nearest first, the wafer itself left out, each with its most probable\n"
            "pattern, that probability and its yield. Wafers with the same failure signature lie close together,\n"
            "so earlier wafers found this way point to an earlier root cause. Without --model the pretrained\n"
            "student shipped with fabkit is used.",
            {workspaceOption(),
             {"lot", "L", "the lot of the wafer to match"},
             {"wafer", "N", "the wafer (slot) to match"},
             {"top", "K", "how many wafers to list (default 10)"},
             modelOption(),
             deviceOption(),
             threadsOption(),
             jsonOption()},
            run}};

}  // namespace
}  // namespace fab::cli

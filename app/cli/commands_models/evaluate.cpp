// fabkit-cli evaluate: scores a saved wafer-map classifier on fresh synthetic
// maps and on generator settings held out of training.
#include <algorithm>
#include <cmath>
#include <string>

#include "app/cli/command.h"
#include "app/cli/commands_models/model_choice.h"
#include "app/cli/commands_models/real_map_output.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/ml/map_dataset.h"
#include "core/ml/wm811k_maps.h"
#include "models/classifier/evaluation.h"
#include "models/classifier/pretrained_model.h"
#include "models/classifier/real_map_training.h"

namespace fab::cli {
namespace {

/// evaluate --jsonl: the model on real labelled maps.
int runOnRealMaps(const Args& args, const models::WaferClassifier& model, const std::string& dir) {
  const auto file = args.value("jsonl");
  const auto maps = ml::readWm811kMaps(file);
  std::vector<std::size_t> labelled;
  for (std::size_t i = 0; i < maps.size(); ++i)
    if (maps[i].label) labelled.push_back(i);
  if (labelled.size() != maps.size())
    throw Error(file + ": " + std::to_string(maps.size() - labelled.size()) +
                " maps carry no label; evaluate needs labelled maps (classify names unlabelled ones)");
  const auto data = models::realDataset(maps, labelled, model.gridSize());
  const auto z = model.logits(data.inputs);
  std::vector<int> predicted(data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    const auto row = z.begin() + i * ml::kPatternCount;
    predicted[i] = static_cast<int>(std::max_element(row, row + ml::kPatternCount) - row);
  }
  const auto metrics = models::nineClassMetrics(data.labels, predicted);
  if (args.json()) {
    Json recall = Json::object();
    for (const auto& c : metrics.perClass) recall[c.name] = std::isfinite(c.recall) ? Json(c.recall) : Json();
    Json j{{"model", dir}, {"role", model.card().role}, {"file", file}, {"maps", metrics.count}};
    j["accuracy"] = metrics.accuracy;
    j["macro_f1"] = metrics.macroF1;
    j["macro_f1_classes"] = "all nine";
    j["per_class_recall"] = recall;
    j["metrics"] = models::metricsJson(metrics);
    printJson(j);
    return 0;
  }
  std::cout << "model " << dir << " (" << model.card().role << ")\n";
  printClassificationScores("real maps of " + file, metrics);
  return 0;
}

int run(const Args& args) {
  const std::string given = args.has("model") ? args.value("model") : models::pretrainedModelDir();
  const auto maps = args.integerOr("maps", 1800);
  const auto seed = args.integerOr("seed", 2);
  if (maps < 9 || maps > 10'000'000) throw UsageError{"--maps must be 9…10,000,000"};
  if (seed < 0) throw UsageError{"--seed must not be negative"};
  auto [dir, model] = loadChosenModel(args, given);
  if (args.has("symmetries")) {
    const auto k = args.integerOr("symmetries", 1);
    if (!models::validSymmetries(static_cast<int>(k))) throw UsageError{"--symmetries must be 1, 2, 4 or 8"};
    model.card().symmetries = static_cast<int>(k);
  }
  if (args.has("jsonl")) return runOnRealMaps(args, model, dir);
  const int threads = static_cast<int>(args.integerOr("threads", 0));
  const auto make = [&](ml::DatasetPurpose purpose) {
    return ml::makeSyntheticDataset(ml::syntheticGenerator(purpose, static_cast<std::uint64_t>(seed)), 0,
                                    static_cast<std::size_t>(maps), model.gridSize(), threads);
  };
  const auto test = models::evaluateClassifier(model, make(ml::DatasetPurpose::Test), 300);
  const auto heldOut = models::evaluateClassifier(model, make(ml::DatasetPurpose::HeldOut), 0);

  if (args.json()) {
    Json j;
    j["model"] = dir;
    j["role"] = model.card().role;
    j["architecture"] = model.card().architecture.kindName();
    j["parameters"] = model.parameterCount();
    j["device"] = model.deviceName();
    j["latency"] = models::latencyJson(test.latency);
    j["seed"] = seed;
    j["test"] = models::metricsJson(test.metrics);
    j["held_out"] = models::metricsJson(heldOut.metrics);
    printJson(j);
    return 0;
  }
  std::cout << "model " << dir << " (" << model.card().role << ", " << model.card().architecture.kindName() << ", "
            << model.parameterCount() << " parameters, grid " << model.gridSize() << ")\n"
            << "latency per map, batch 1, one thread: " << fmt(test.latency.threadCpuMs, 3) << " ms CPU time, "
            << fmt(test.latency.wallMs, 3) << " ms wall time\n";
  printClassificationScores("fresh maps from the training settings", test.metrics, "8 defect classes");
  printClassificationScores("maps from generator settings held out of training", heldOut.metrics, "8 defect classes");
  return 0;
}

const Registration registration{
    Command{"evaluate",
            "score a wafer-map classifier on synthetic maps (accuracy, macro-F1, confusion, latency)",
            "",
            "Generates N fresh maps from the training generator settings and N maps from settings held out of\n"
            "training (other die counts, die aspects, pattern sizes and background fail rates), classifies them\n"
            "and prints accuracy, macro-F1 over the eight defect classes, per-class precision and recall, the\n"
            "confusion matrix, the parameter count and the CPU latency per map (batch 1, one thread). Without\n"
            "--model the pretrained student shipped with fabkit is used. With --jsonl FILE it scores the model on\n"
            "real labelled maps instead (WM-811K JSON lines): accuracy, macro-F1 over all nine classes, per-class\n"
            "recall and the confusion matrix.",
            {modelOption(),
             {"jsonl", "FILE", "real labelled wafer maps (WM-811K JSON lines) to score the model on"},
             {"symmetries", "K",
              "average the network over K symmetries of the square: 1, 2, 4 (turns) or 8 (turns and mirrors) "
              "(default: the model's)"},
             {"maps", "N", "maps per evaluation set (default 1800)"},
             {"seed", "S", "seed of the evaluation maps (default 2; never repeats training maps)"},
             deviceOption(),
             threadsOption(),
             jsonOption()},
            run}};

}  // namespace
}  // namespace fab::cli

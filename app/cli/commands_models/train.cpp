// fabkit-cli train: the wafer-map pattern classifier by knowledge distillation —
// teacher, distilled student and the student trained alone, on synthetic maps.
#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>

#include <set>

#include "app/cli/command.h"
#include "app/cli/commands_models/model_choice.h"
#include "app/cli/commands_models/real_map_output.h"
#include "app/cli/output.h"
#include "core/ml/wm811k_maps.h"
#include "models/classifier/distillation_run.h"
#include "models/classifier/real_map_card.h"

namespace fab::cli {
namespace {

std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int) { interrupted = true; }

void printEpoch(const models::EpochReport& e) {
  std::fprintf(stderr, "%-16s epoch %3d/%-3d  loss %.4f  train acc %.4f  held-out acc %.4f  %.1f s\n", e.stage.c_str(),
               e.epoch, e.epochs, e.loss, e.trainAccuracy, e.validationAccuracy, e.seconds);
}

/// train --jsonl: real labelled maps, lot-grouped cross-validation, and the models trained on every map.
/// The options both kinds of training read alike: epochs, distillation and optimiser settings.
template <class Plan>
void readEpochsAndOptimiser(const Args& args, Plan& plan) {
  plan.studentEpochs = static_cast<int>(args.integerOr("epochs", plan.studentEpochs));
  plan.teacherEpochs = static_cast<int>(args.integerOr("teacher-epochs", plan.teacherEpochs));
  plan.training.temperature = args.numberOr("temperature", plan.training.temperature);
  plan.training.alpha = args.numberOr("hard-weight", plan.training.alpha);
  plan.training.seed = static_cast<std::uint64_t>(args.integerOr("seed", 1));
  plan.training.threads = static_cast<int>(args.integerOr("threads", 0));
  plan.training.batchSize = static_cast<int>(args.integerOr("batch-size", plan.training.batchSize));
  plan.training.learningRate = args.numberOr("learning-rate", plan.training.learningRate);
}

/// One row per labelled map and model: where it is in the file, its lot, fold and label, and the
/// class probabilities of the model that did not see its lot.
void writeOutOfFold(const std::string& path, const std::vector<ml::RecordedWaferMap>& maps,
                    const models::CrossValidation& cv) {
  std::ofstream out(path);
  out << "line,wafer,lot,fold,label,model";
  for (const auto& name : ml::kPatternNames) out << ",p_" << name;
  out << "\n";
  out.precision(9);
  for (const auto& m : cv.models)
    for (std::size_t k = 0; k < cv.maps.size(); ++k) {
      const auto& map = maps[cv.maps[k]];
      out << map.line << "," << csvField(map.map.wafer) << "," << csvField(map.lot) << "," << cv.fold[k] + 1 << ","
          << ml::kPatternNames[cv.truth[k]] << "," << m.role;
      for (int c = 0; c < ml::kPatternCount; ++c) out << "," << m.probabilities[k * ml::kPatternCount + c];
      out << "\n";
    }
  if (!out) throw Error("cannot write " + path);
}

int runOnRealMaps(const Args& args) {
  const auto file = args.value("jsonl");
  const auto maps = ml::readWm811kMaps(file);
  models::RealMapPlan plan;
  plan.recipe.augmentedCopies = static_cast<int>(args.integerOr("copies", 0));
  plan.recipe.augmentation.maxExtraFailRate = args.numberOr("extra-fail-rate", 0.04);
  plan.recipe.augmentation.aspectJitter = args.numberOr("aspect-jitter", 0.08);
  plan.recipe.syntheticMaps = static_cast<std::size_t>(args.integerOr("synthetic", 0));
  plan.recipe.calibratedSynthetic = args.flag("calibrated");
  readEpochsAndOptimiser(args, plan);
  plan.device = models::deviceChoiceFromName(args.valueOr("device", "cpu"));
  plan.distill = !args.flag("no-teacher");
  plan.alone = !args.flag("no-baseline");
  plan.folds = static_cast<int>(args.integerOr("cv", 5));
  plan.foldSeed = static_cast<std::uint64_t>(args.integerOr("fold-seed", 1));
  plan.symmetries = static_cast<int>(args.integerOr("symmetries", 1));
  plan.gridSize = static_cast<int>(args.integerOr("grid", plan.gridSize));
  if (args.integerOr("seed", 1) < 0 || args.integerOr("fold-seed", 1) < 0)
    throw UsageError{"--seed and --fold-seed must not be negative"};
  if (args.integerOr("copies", 0) < 0 || args.integerOr("synthetic", 0) < 0)
    throw UsageError{"--copies and --synthetic must not be negative"};
  if (!args.has("cv") && !args.has("out"))
    throw UsageError{"with --jsonl give --cv K (cross-validate), --out DIR (train and save), or both"};
  if (args.has("tiny"))
    plan.teacher = models::Architecture::tinyTeacher(), plan.student = models::Architecture::tinyStudent();
  // A stride-2 stem runs the teacher's blocks on a 4× smaller grid (same parameters, ≈ 4× less compute).
  plan.teacher.strides.front() = static_cast<int>(args.integerOr("teacher-stem-stride", plan.teacher.strides.front()));
  plan.validate();

  std::signal(SIGINT, onInterrupt);
  Feedback feedback;
  feedback.cancelFlag = &interrupted;
  const bool quiet = args.flag("quiet");
  const models::EpochCallback onEpoch = [&](const models::EpochReport& e) {
    if (!quiet) printEpoch(e);
  };
  std::set<std::string> lots;
  std::size_t labelled = 0;
  for (const auto& m : maps) labelled += m.label.has_value(), lots.insert(m.lot);
  models::FoldCallback onFold;
  if (args.has("fold-models"))
    onFold = [dir = args.value("fold-models")](int fold, std::vector<models::WaferClassifier>& trained) {
      for (auto& m : trained) m.save(dir + "/fold-" + std::to_string(fold + 1) + "/" + m.card().role);
    };
  const auto cv = models::crossValidate(plan, maps, onEpoch, feedback, onFold);
  if (args.has("fold-models")) writeOutOfFold(args.value("fold-models") + "/out-of-fold.csv", maps, cv);

  Json j{{"file", file}, {"labelled_maps", labelled}, {"lots", lots.size()}, {"plan", models::planJson(plan)}};
  Json scores = Json::array();
  for (const auto& m : cv.models) scores.push_back(models::foldedScoresJson(cv, m));
  j["cross_validation"] = {{"seconds", cv.seconds}, {"models", scores}};
  if (args.has("out")) {
    const auto out = args.value("out");
    // The student alone was trained on the folds only to measure what distillation adds; when distilling,
    // the saved models are the teacher and the distilled student.
    auto finalPlan = plan;
    if (plan.distill) finalPlan.alone = false;
    auto trained = models::trainOnRealMaps(finalPlan, maps, onEpoch, feedback);
    const auto data = models::wm811kProvenance(file, labelled, lots.size());
    Json saved = Json::array();
    for (auto& m : trained) {
      models::recordRealMapCard(m, plan, cv, data);
      m.save(out + "/" + m.card().role);
      // With the weights: the real labelled maps' embeddings and the far-from-the-training-maps threshold.
      saved.push_back({{"role", m.card().role},
                       {"folder", out + "/" + m.card().role},
                       {"latency", m.card().metrics["latency"]},
                       {"training_maps", m.card().toJson().value("training_maps", Json())}});
    }
    j["saved"] = saved;
  }
  if (args.json()) {
    printJson(j);
    return 0;
  }
  std::cout << labelled << " labelled real maps from " << lots.size() << " lots (" << file << "); " << plan.folds
            << "-fold lot-grouped cross-validation in " << fmt(cv.seconds, 1) << " s\n\n";
  TextTable table({"model", "parameters", "accuracy", "macro-F1", "lowest recall", "uncertain below", "coverage"});
  for (const auto& m : cv.models) {
    double lowest = 1;
    for (const auto& c : m.metrics.perClass) lowest = std::min(lowest, c.recall);
    table.add({m.role, std::to_string(m.parameters), fmt(m.metrics.accuracy), fmt(m.metrics.macroF1), fmt(lowest),
               fmt(m.confidence.threshold, 3), fmt(m.confidence.coverage, 3)});
  }
  table.print();
  for (const auto& m : cv.models) printClassificationScores(m.role + " (cross-validated)", m.metrics);
  if (j.contains("saved"))
    for (const auto& s : j["saved"])
      std::cout << "\nsaved " << s["role"].get<std::string>() << " to " << s["folder"].get<std::string>();
  std::cout << "\n";
  return 0;
}

int run(const Args& args) {
  if (args.has("jsonl")) return runOnRealMaps(args);
  for (const char* realOnly : {"cv", "copies", "teacher-stem-stride", "synthetic", "calibrated", "no-teacher",
                               "fold-seed", "fold-models", "extra-fail-rate", "aspect-jitter", "grid", "symmetries"})
    if (args.has(realOnly)) throw UsageError{std::string("--") + realOnly + " goes with --jsonl FILE"};
  models::DistillationPlan plan;
  plan.trainMaps = static_cast<std::size_t>(args.integerOr("maps", static_cast<long long>(plan.trainMaps)));
  plan.evalMaps = static_cast<std::size_t>(args.integerOr("eval-maps", static_cast<long long>(plan.evalMaps)));
  readEpochsAndOptimiser(args, plan);
  plan.device = models::deviceChoiceFromName(args.valueOr("device", "auto"));
  plan.baseline = !args.flag("no-baseline");
  if (args.flag("tiny"))
    plan.teacher = models::Architecture::tinyTeacher(), plan.student = models::Architecture::tinyStudent();
  const auto out = args.value("out");
  if (args.integerOr("seed", 1) < 0) throw UsageError{"--seed must not be negative"};
  plan.validate();

  std::signal(SIGINT, onInterrupt);
  Feedback feedback;
  feedback.cancelFlag = &interrupted;
  const bool quiet = args.flag("quiet");
  auto outcome = models::runDistillation(
      plan,
      [&](const models::EpochReport& e) {
        if (!quiet) printEpoch(e);
      },
      feedback);
  models::saveDistillation(plan, outcome, out);

  if (args.json()) {
    auto j = models::distillationJson(plan, outcome);
    j["out"] = out;
    printJson(j);
    return 0;
  }
  std::cout << "trained on " << plan.trainMaps << " synthetic maps on " << outcome.device << " in "
            << fmt(outcome.seconds, 1) << " s; scored on " << plan.evalMaps << " fresh maps (test) and "
            << plan.evalMaps << " maps from held-out generator settings\n\n";
  TextTable table({"model", "parameters", "test acc", "held-out acc", "held-out macro-F1", "ms/map (CPU)",
                   "ms/map (wall)", "saved in"});
  for (const auto& m : outcome.models)
    table.add({m.model.card().role, std::to_string(m.model.parameterCount()), fmt(m.test.metrics.accuracy),
               fmt(m.heldOut.metrics.accuracy), fmt(m.heldOut.metrics.macroF1), fmt(m.test.latency.threadCpuMs, 3),
               fmt(m.test.latency.wallMs, 3), out + "/" + m.model.card().role});
  table.print();
  return 0;
}

const Registration registration{Command{
    "train",
    "train the wafer-map pattern classifier (teacher, distilled student, student alone)",
    "",
    "Generates labelled synthetic wafer maps (nine classes: center, donut, edge-local, edge-ring, local,\n"
    "near-full, random, scratch, none), trains the teacher network, distils it into the small student\n"
    "(Hinton et al. 2015: loss = alpha*CE + (1-alpha)*T^2*KL) and trains the same student without the\n"
    "teacher as the baseline. All three are scored on fresh maps and on generator settings held out of\n"
    "training, and saved to OUT/teacher, OUT/student and OUT/student-baseline (model.pt + model.json),\n"
    "with OUT/training.json. Epoch progress goes to stderr; Ctrl-C cancels.\n"
    "With --jsonl FILE it learns from real labelled maps (WM-811K JSON lines) instead: --cv K scores the\n"
    "recipe by lot-grouped K-fold cross-validation (teacher, distilled student, student alone on the same\n"
    "folds); with --out it then trains on every map and saves the models with those scores, the chosen\n"
    "uncertainty threshold and the data's citations in model.json.",
    {{"out", "DIR", "folder to write the models to (created)"},
     {"jsonl", "FILE", "real labelled wafer maps, WM-811K JSON lines (see models/README.md)"},
     {"cv", "K", "with --jsonl: lot-grouped K-fold cross-validation (default 5)"},
     {"fold-seed", "S", "with --jsonl: seed of the fold split (default 1)"},
     {"fold-models", "DIR",
      "with --cv: save each fold's models to DIR/fold-K/ and every map's out-of-fold probabilities to "
      "DIR/out-of-fold.csv"},
     {"copies", "N", "with --jsonl: augmented copies of each real map (default 0)"},
     {"grid", "G", "with --jsonl: maps are resampled to G × G cells (default 32)"},
     {"symmetries", "K",
      "with --jsonl: the trained models average their embeddings over K symmetries of the square: 1, 2, 4 "
      "(turns) or 8 (turns and mirrors) (default 1)"},
     {"extra-fail-rate", "R", "with --jsonl: augmented copies get U(0,R) extra scattered fails (default 0.04)"},
     {"aspect-jitter", "J", "with --jsonl: augmented copies stretch the die aspect by U(1-J,1+J) (default 0.08)"},
     {"synthetic", "N", "with --jsonl: synthetic maps added to the real ones (default 0)"},
     {"calibrated", "", "with --jsonl: synthetic maps drawn with settings measured on the real maps"},
     {"teacher-stem-stride", "S", "with --jsonl: stride of the teacher's first convolution, 1 or 2 (default 1)"},
     {"no-teacher", "", "with --jsonl: train only the student alone (no teacher, no distillation)"},
     {"maps", "N", "synthetic training maps (default 12000)"},
     {"eval-maps", "N", "maps in each evaluation set (default 1800)"},
     {"epochs", "E", "student epochs (default 10)"},
     {"teacher-epochs", "E", "teacher epochs (default 8)"},
     {"temperature", "T", "distillation temperature (default 4)"},
     {"hard-weight", "A", "weight α of the hard-label cross-entropy, 0..1 (default 0.5)"},
     {"device", "D", "auto (CUDA when available), cpu or cuda (default auto; cpu with --jsonl)"},
     {"seed", "S", "seed of the maps, the initial weights and the batch order (default 1)"},
     threadsOption(),
     {"batch-size", "B", "maps per training step (default 64)"},
     {"learning-rate", "LR", "AdamW learning rate, decayed by a cosine (default 0.002)"},
     {"no-baseline", "", "skip training the student without the teacher"},
     {"tiny", "", "tiny networks (for smoke tests; not useful models)"},
     {"quiet", "", "no epoch progress on stderr"},
     jsonOption()},
    run}};

}  // namespace
}  // namespace fab::cli

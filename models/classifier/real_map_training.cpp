#include "models/classifier/real_map_training.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "core/common/error.h"
#include "core/ml/lot_folds.h"
#include "core/ml/real_map_calibration.h"
#include "models/classifier/evaluation.h"

namespace fab::models {
namespace {

std::vector<std::size_t> labelledIndices(const std::vector<ml::RecordedWaferMap>& maps) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < maps.size(); ++i)
    if (maps[i].label) out.push_back(i);
  return out;
}

void appendInput(ml::MapDataset& d, const ml::DieMap& map, ml::WaferPattern label) {
  const auto at = d.inputs.size();
  d.inputs.resize(at + d.mapValues());
  ml::writeClassifierInput(map, d.gridSize, std::span<float>(d.inputs).subspan(at));
  d.labels.push_back(ml::patternIndex(label));
}

void append(ml::MapDataset& to, const ml::MapDataset& from) {
  to.inputs.insert(to.inputs.end(), from.inputs.begin(), from.inputs.end());
  to.labels.insert(to.labels.end(), from.labels.begin(), from.labels.end());
}

/// Seeds of the trainings of one fold (fold −1: the final training on every map).
std::uint64_t foldSeed(std::uint64_t seed, int fold) { return seed * 1000 + static_cast<std::uint64_t>(fold + 1); }

/// Trains the plan's models on `train`; teacher (when distilling) first.
std::vector<WaferClassifier> trainRoles(const RealMapPlan& plan, const ml::MapDataset& train, std::uint64_t seed,
                                        const EpochCallback& onEpoch, const Feedback& feedback) {
  std::vector<WaferClassifier> out;
  auto options = plan.training;
  options.seed = seed;
  auto one = [&](const Architecture& a, const char* role, int epochs, const WaferClassifier* teacher) {
    auto model = WaferClassifier::create(a, seed, role, plan.device, plan.gridSize);
    auto o = options;
    o.epochs = epochs;
    const auto history = trainClassifier(model, train, o, teacher, nullptr, onEpoch, feedback);
    model.card().training = {{"epochs", epochs},
                             {"seconds", history.seconds},
                             {"maps_per_second", history.mapsPerSecond},
                             {"training_maps", train.size()},
                             {"teacher_parameters", teacher ? Json(teacher->parameterCount()) : Json()}};
    return model;
  };
  if (plan.distill) {
    out.push_back(one(plan.teacher, "teacher", plan.teacherEpochs, nullptr));
    out.push_back(one(plan.student, "student", plan.studentEpochs, &out.front()));
  }
  if (plan.alone) out.push_back(one(plan.student, "student-baseline", plan.studentEpochs, nullptr));
  for (auto& m : out) m.card().symmetries = plan.symmetries;
  return out;
}

Json number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

}  // namespace

void RealMapRecipe::validate() const {
  if (augmentedCopies < 0 || augmentedCopies > 100) throw Error("augmented copies must be 0…100");
  if (syntheticMaps > 10'000'000) throw Error("at most 10,000,000 synthetic maps");
  augmentation.validate();
}

void RealMapPlan::validate() const {
  recipe.validate();
  if (gridSize < 8 || gridSize > 256) throw Error("the grid size must be 8…256 cells");
  if (teacherEpochs < 1 || studentEpochs < 1) throw Error("teacher and student need at least one epoch each");
  if (!distill && !alone) throw Error("nothing to train: neither the distilled student nor the student alone");
  if (!validSymmetries(symmetries)) throw Error("symmetries must be 1, 2, 4 or 8");
  if (folds < 2 || folds > 50) throw Error("cross-validation needs 2…50 folds, got " + std::to_string(folds));
  teacher.validate();
  student.validate();
  training.validate();
}

ml::ClassificationMetrics nineClassMetrics(std::span<const int> truth, std::span<const int> predicted) {
  const std::vector<std::string> names(ml::kPatternNames.begin(), ml::kPatternNames.end());
  return ml::classificationMetrics(truth, predicted, names);
}

ml::MapDataset realDataset(const std::vector<ml::RecordedWaferMap>& maps, const std::vector<std::size_t>& indices,
                           int gridSize) {
  ml::MapDataset d;
  d.gridSize = gridSize;
  d.inputs.reserve(indices.size() * d.mapValues());
  for (auto i : indices) {
    const auto& m = maps.at(i);
    if (!m.label) throw Error("wafer '" + m.map.wafer + "' (line " + std::to_string(m.line) + ") has no label");
    appendInput(d, m.map, *m.label);
  }
  return d;
}

ml::MapDataset realTrainingSet(const std::vector<ml::RecordedWaferMap>& maps, const std::vector<std::size_t>& indices,
                               const RealMapRecipe& recipe, std::uint64_t seed, int gridSize) {
  recipe.validate();
  auto d = realDataset(maps, indices, gridSize);
  if (recipe.augmentedCopies > 0) {
    ml::Rng rng(seed, 0xa06);
    for (int copy = 0; copy < recipe.augmentedCopies; ++copy)
      for (auto i : indices) {
        appendInput(d, ml::augmentMap(maps[i].map, recipe.augmentation, rng), *maps[i].label);
      }
  }
  if (recipe.syntheticMaps > 0) {
    const auto settings = recipe.calibratedSynthetic ? ml::calibratedSettings(ml::measureRealMaps(maps, indices))
                                                     : ml::GeneratorSettings::training();
    append(d, ml::makeSyntheticDataset(ml::WaferMapGenerator(settings, seed), 0, recipe.syntheticMaps, gridSize));
  }
  return d;
}

CrossValidation crossValidate(const RealMapPlan& plan, const std::vector<ml::RecordedWaferMap>& maps,
                              const EpochCallback& onEpoch, const Feedback& feedback, const FoldCallback& onFold) {
  plan.validate();
  const auto start = std::chrono::steady_clock::now();
  CrossValidation cv;
  cv.maps = labelledIndices(maps);
  if (cv.maps.size() < 2) throw Error("cross-validation needs labelled maps");
  std::vector<std::string> lots;
  for (auto i : cv.maps) {
    cv.truth.push_back(ml::patternIndex(*maps[i].label));
    lots.push_back(maps[i].lot);
  }
  cv.fold = ml::lotGroupedFolds(lots, cv.truth, plan.folds, plan.foldSeed);
  const std::size_t n = cv.maps.size();
  for (int f = 0; f < plan.folds; ++f) {
    std::vector<std::size_t> trainIdx, testIdx, testPos;
    for (std::size_t k = 0; k < n; ++k) {
      if (cv.fold[k] == f)
        testIdx.push_back(cv.maps[k]), testPos.push_back(k);
      else
        trainIdx.push_back(cv.maps[k]);
    }
    const auto seed = foldSeed(plan.training.seed, f);
    const auto train = realTrainingSet(maps, trainIdx, plan.recipe, seed, plan.gridSize);
    const auto test = realDataset(maps, testIdx, plan.gridSize);
    auto models = trainRoles(plan, train, seed, onEpoch, feedback);
    if (cv.models.empty())
      for (const auto& m : models)
        cv.models.push_back({m.card().role,
                             std::vector<int>(n, 0),
                             std::vector<float>(n * ml::kPatternCount, 0.f),
                             {},
                             {},
                             m.parameterCount()});
    for (std::size_t r = 0; r < models.size(); ++r) {
      const auto p = models[r].probabilities(test.inputs);
      for (std::size_t t = 0; t < testPos.size(); ++t) {
        const auto row = p.begin() + t * ml::kPatternCount;
        std::copy(row, row + ml::kPatternCount, cv.models[r].probabilities.begin() + testPos[t] * ml::kPatternCount);
        cv.models[r].predicted[testPos[t]] = static_cast<int>(std::max_element(row, row + ml::kPatternCount) - row);
      }
    }
    if (onFold) onFold(f, models);
  }
  for (auto& m : cv.models) {
    m.metrics = nineClassMetrics(cv.truth, m.predicted);
    std::vector<double> top(n);
    for (std::size_t k = 0; k < n; ++k) top[k] = m.probabilities[k * ml::kPatternCount + m.predicted[k]];
    m.confidence = ml::chooseConfidenceThreshold(top, m.predicted, cv.truth);
  }
  cv.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return cv;
}

std::vector<WaferClassifier> trainOnRealMaps(const RealMapPlan& plan, const std::vector<ml::RecordedWaferMap>& maps,
                                             const EpochCallback& onEpoch, const Feedback& feedback) {
  plan.validate();
  const auto labelled = labelledIndices(maps);
  if (labelled.size() < 2) throw Error("training needs labelled maps");
  const auto seed = foldSeed(plan.training.seed, -1);
  auto models =
      trainRoles(plan, realTrainingSet(maps, labelled, plan.recipe, seed, plan.gridSize), seed, onEpoch, feedback);
  // Each model keeps its embeddings of the real labelled maps (not their augmented copies, not the synthetic
  // maps): a map far from all of them is called uncertain (WaferClassifier::classify).
  std::vector<ml::DieMap> real;
  for (const auto i : labelled) real.push_back(maps[i].map);
  for (auto& m : models) m.rememberTrainingMaps(real, "every labelled map of the training file");
  return models;
}

Json recipeJson(const RealMapRecipe& r) {
  return {{"augmented_copies", r.augmentedCopies},
          {"max_extra_fail_rate", r.augmentation.maxExtraFailRate},
          {"aspect_jitter", r.augmentation.aspectJitter},
          {"synthetic_maps", r.syntheticMaps},
          {"synthetic_settings", r.calibratedSynthetic ? "calibrated on the real training maps" : "training()"}};
}

Json planJson(const RealMapPlan& p) {
  return {{"recipe", recipeJson(p.recipe)},
          {"grid_size", p.gridSize},
          {"teacher_epochs", p.teacherEpochs},
          {"student_epochs", p.studentEpochs},
          {"batch_size", p.training.batchSize},
          {"learning_rate", p.training.learningRate},
          {"weight_decay", p.training.weightDecay},
          {"temperature", p.training.temperature},
          {"alpha", p.training.alpha},
          {"seed", p.training.seed},
          {"threads", p.training.threads},
          {"folds", p.folds},
          {"fold_seed", p.foldSeed},
          {"symmetries", p.symmetries}};
}

Json foldedScoresJson(const CrossValidation& cv, const FoldedScores& s) {
  Json recall = Json::object();
  for (const auto& c : s.metrics.perClass) recall[c.name] = number(c.recall);
  Json j;
  j["role"] = s.role;
  j["parameters"] = s.parameters;
  j["maps"] = s.metrics.count;
  j["folds"] = *std::max_element(cv.fold.begin(), cv.fold.end()) + 1;
  j["accuracy"] = number(s.metrics.accuracy);
  j["macro_f1"] = number(s.metrics.macroF1);
  j["per_class_recall"] = recall;
  j["classes"] = Json(std::vector<std::string>(ml::kPatternNames.begin(), ml::kPatternNames.end()));
  j["confusion_rows_true_columns_predicted"] = s.metrics.confusion;
  j["uncertainty"] = {{"threshold", s.confidence.threshold},
                      {"coverage", number(s.confidence.coverage)},
                      {"accuracy_at_or_above", number(s.confidence.accuracyAbove)},
                      {"accuracy_below", number(s.confidence.accuracyBelow)},
                      {"rule",
                       "top probability below the threshold: answers there were right less often than "
                       "wrong on the cross-validation folds"}};
  j["per_class"] = metricsJson(s.metrics)["per_class"];
  return j;
}

}  // namespace fab::models

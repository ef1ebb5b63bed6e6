#pragma once
// Training on a fab's real labelled wafer maps (WM-811K JSON lines), with what
// may be added to them — augmented copies, synthetic maps — and its honest
// score: lot-grouped k-fold cross-validation, teacher, distilled student and
// the student alone trained and scored on the same folds.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/ml/classification_metrics.h"
#include "core/ml/confidence_threshold.h"
#include "core/ml/map_augmentation.h"
#include "core/ml/wm811k_maps.h"
#include "models/classifier/distillation.h"

namespace fab::models {

/// What a training set is made of besides the real maps themselves.
struct RealMapRecipe {
  int augmentedCopies = 0;  ///< variations of each real map (ml::augmentMap) added to the set
  ml::MapAugmentation augmentation;
  std::size_t syntheticMaps = 0;  ///< synthetic maps added (a multiple of 9 keeps them balanced)
  /// Draw the synthetic maps with settings measured on the training folds'
  /// real maps (ml::calibratedSettings) instead of GeneratorSettings::training().
  bool calibratedSynthetic = false;
  void validate() const;
};

struct RealMapPlan {
  RealMapRecipe recipe;
  int gridSize = ml::kDefaultGridSize;
  Architecture teacher = Architecture::teacher();
  Architecture student = Architecture::student();
  int teacherEpochs = 10;
  int studentEpochs = 20;
  TrainingOptions training;  ///< shared by the trainings (seed: weights, batch order, augmentation, synthetic maps)
  DeviceChoice device = DeviceChoice::Cpu;
  bool distill = true;  ///< train the teacher and the student distilled from it
  bool alone = true;    ///< train the student without the teacher
  int folds = 5;
  std::uint64_t foldSeed = 1;
  /// Symmetries of the square the trained models are run over (ModelCard::symmetries): set after
  /// training, so it changes how maps are scored and classified, not the weights.
  int symmetries = 1;
  void validate() const;
};

/// The labelled maps at `indices`, preprocessed (no augmentation).
ml::MapDataset realDataset(const std::vector<ml::RecordedWaferMap>& maps, const std::vector<std::size_t>& indices,
                           int gridSize);

/// The training set of a recipe: the real maps at `indices`, their augmented
/// copies and the synthetic maps, all drawn from `seed`.
ml::MapDataset realTrainingSet(const std::vector<ml::RecordedWaferMap>& maps, const std::vector<std::size_t>& indices,
                               const RealMapRecipe& recipe, std::uint64_t seed, int gridSize);

/// One model role scored on every map when its fold was left out.
struct FoldedScores {
  std::string role;  ///< "teacher", "student", "student-baseline"
  std::vector<int> predicted;
  std::vector<float> probabilities;   ///< maps × kPatternCount
  ml::ClassificationMetrics metrics;  ///< pooled over folds; macro-F1 over all nine classes
  ml::ConfidenceThreshold confidence;
  std::int64_t parameters = 0;
};

struct CrossValidation {
  std::vector<std::size_t> maps;  ///< indices of the labelled maps scored
  std::vector<int> truth, fold;   ///< per scored map
  std::vector<FoldedScores> models;
  double seconds = 0;
};

/// Called with each fold's trained models (teacher, distilled student, student alone, as trained).
using FoldCallback = std::function<void(int fold, std::vector<WaferClassifier>& models)>;

/// Lot-grouped k-fold cross-validation of the plan on the labelled maps.
CrossValidation crossValidate(const RealMapPlan& plan, const std::vector<ml::RecordedWaferMap>& maps,
                              const EpochCallback& onEpoch = {}, const Feedback& feedback = {},
                              const FoldCallback& onFold = {});

/// The trained models of a plan (teacher first, then the distilled student, then
/// the student alone), trained on every labelled map.
std::vector<WaferClassifier> trainOnRealMaps(const RealMapPlan& plan, const std::vector<ml::RecordedWaferMap>& maps,
                                             const EpochCallback& onEpoch = {}, const Feedback& feedback = {});

/// Metrics scored with macro-F1 over all nine classes (the WM-811K convention).
ml::ClassificationMetrics nineClassMetrics(std::span<const int> truth, std::span<const int> predicted);

Json recipeJson(const RealMapRecipe& recipe);
Json planJson(const RealMapPlan& plan);
/// {"maps", "folds", "accuracy", "macro_f1", "per_class_recall", "confusion", "uncertainty", …} of one role.
Json foldedScoresJson(const CrossValidation& cv, const FoldedScores& scores);

}  // namespace fab::models

#pragma once
// One complete distillation experiment: synthetic data, the teacher, the
// student distilled from it and the same student trained alone (the baseline
// that measures what distillation adds), all scored on the same maps.
#include <optional>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "models/classifier/distillation.h"
#include "models/classifier/evaluation.h"

namespace fab::models {

struct DistillationPlan {
  std::size_t trainMaps = 12000;  ///< synthetic training maps (training generator settings)
  std::size_t evalMaps = 1800;    ///< maps in each evaluation set (fresh training-distribution maps, held-out settings)
  int gridSize = ml::kDefaultGridSize;
  Architecture teacher = Architecture::teacher();
  Architecture student = Architecture::student();
  int teacherEpochs = 8;
  int studentEpochs = 10;
  /// Shared by the three trainings (temperature and alpha matter only for the distilled student).
  TrainingOptions training;
  DeviceChoice device = DeviceChoice::Auto;
  bool baseline = true;         ///< also train the student without the teacher
  int latencyIterations = 300;  ///< batch-1 CPU forward passes timed per model
  /// Throws fab::Error naming the bad setting.
  void validate() const;
};

struct TrainedModel {
  WaferClassifier model;
  TrainingHistory history;
  EvaluationReport test;     ///< fresh maps from the training settings
  EvaluationReport heldOut;  ///< maps from settings held out of training
};

struct DistillationOutcome {
  std::vector<TrainedModel> models;  ///< teacher, student, then student-baseline when trained
  double generationSeconds = 0;
  double seconds = 0;
  std::string device;
};

/// Runs the plan. Epoch reports go to `onEpoch`; the overall fraction done and
/// cancellation go through `feedback` (fab::Cancelled when cancelled).
DistillationOutcome runDistillation(const DistillationPlan& plan, const EpochCallback& onEpoch = {},
                                    const Feedback& feedback = {});

/// The run as JSON: plan, per-model evaluation, timings.
Json distillationJson(const DistillationPlan& plan, const DistillationOutcome& outcome);

/// Writes DIR/teacher, DIR/student, DIR/student-baseline (each model.pt +
/// model.json with its metrics and training history) and DIR/training.json.
void saveDistillation(const DistillationPlan& plan, DistillationOutcome& outcome, const std::string& dir);

}  // namespace fab::models

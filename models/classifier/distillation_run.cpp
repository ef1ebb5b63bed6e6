#include "models/classifier/distillation_run.h"

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/common/error.h"

namespace fab::models {
namespace {

Json optionsJson(const TrainingOptions& o, int epochs) {
  return {{"epochs", epochs},
          {"batch_size", o.batchSize},
          {"learning_rate", o.learningRate},
          {"weight_decay", o.weightDecay},
          {"temperature", o.temperature},
          {"alpha", o.alpha},
          {"seed", o.seed},
          {"threads", o.threads}};
}

Json historyJson(const TrainingHistory& h) {
  Json epochs = Json::array();
  for (const auto& e : h.epochs)
    epochs.push_back({{"epoch", e.epoch},
                      {"loss", e.loss},
                      {"train_accuracy", e.trainAccuracy},
                      {"held_out_accuracy", std::isfinite(e.validationAccuracy) ? Json(e.validationAccuracy) : Json()},
                      {"seconds", e.seconds}});
  return {{"seconds", h.seconds}, {"maps_per_second", h.mapsPerSecond}, {"epochs", epochs}};
}

}  // namespace

void DistillationPlan::validate() const {
  if (trainMaps < 18 || trainMaps > 10'000'000) throw Error("the training set must have 18…10,000,000 maps");
  if (evalMaps < 9 || evalMaps > 10'000'000) throw Error("each evaluation set must have 9…10,000,000 maps");
  if (gridSize < 8 || gridSize > 256) throw Error("the grid size must be 8…256 cells");
  if (teacherEpochs < 1 || studentEpochs < 1) throw Error("teacher and student need at least one epoch each");
  if (latencyIterations < 0) throw Error("the latency iteration count must not be negative");
  teacher.validate();
  student.validate();
  training.validate();
}

DistillationOutcome runDistillation(const DistillationPlan& plan, const EpochCallback& onEpoch,
                                    const Feedback& feedback) {
  plan.validate();
  const auto start = std::chrono::steady_clock::now();
  DistillationOutcome out;
  const auto seed = plan.training.seed;
  const int threads = plan.training.threads;
  // Each stage gets a share of the overall progress bar.
  auto stageFeedback = [&](double from, double to) {
    Feedback f;
    f.cancelFlag = feedback.cancelFlag;
    if (feedback.onProgress)
      f.onProgress = [&, from, to](double x, std::string_view what) { feedback.report(from + (to - from) * x, what); };
    return f;
  };

  const auto train = ml::makeSyntheticDataset(ml::syntheticGenerator(ml::DatasetPurpose::Training, seed), 0,
                                              plan.trainMaps, plan.gridSize, threads, stageFeedback(0.0, 0.03));
  const auto test = ml::makeSyntheticDataset(ml::syntheticGenerator(ml::DatasetPurpose::Test, seed), 0, plan.evalMaps,
                                             plan.gridSize, threads, stageFeedback(0.03, 0.035));
  const auto heldOut = ml::makeSyntheticDataset(ml::syntheticGenerator(ml::DatasetPurpose::HeldOut, seed), 0,
                                                plan.evalMaps, plan.gridSize, threads, stageFeedback(0.035, 0.04));
  out.generationSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Rough cost shares: the teacher dominates.
  const double teacherShare = 0.7, studentShare = plan.baseline ? 0.13 : 0.26;
  auto trainOne = [&](const Architecture& a, const char* role, int epochs, const WaferClassifier* teacher, double from,
                      double to) {
    auto model = WaferClassifier::create(a, seed, role, plan.device, plan.gridSize);
    auto options = plan.training;
    options.epochs = epochs;
    auto history = trainClassifier(model, train, options, teacher, &heldOut, onEpoch, stageFeedback(from, to));
    model.card().training = {{"options", optionsJson(plan.training, epochs)},
                             {"training_maps", plan.trainMaps},
                             {"teacher_parameters", teacher ? Json(teacher->parameterCount()) : Json()},
                             {"history", historyJson(history)}};
    return TrainedModel{std::move(model), std::move(history), {}, {}};
  };
  double at = 0.04;
  out.models.push_back(trainOne(plan.teacher, "teacher", plan.teacherEpochs, nullptr, at, at + teacherShare));
  at += teacherShare;
  out.models.push_back(
      trainOne(plan.student, "student", plan.studentEpochs, &out.models.front().model, at, at + studentShare));
  at += studentShare;
  if (plan.baseline)
    out.models.push_back(
        trainOne(plan.student, "student-baseline", plan.studentEpochs, nullptr, at, at + studentShare));

  for (auto& m : out.models) {
    feedback.checkCancelled();
    m.test = evaluateClassifier(m.model, test, plan.latencyIterations);
    m.heldOut = evaluateClassifier(m.model, heldOut, 0);
    m.heldOut.latency = m.test.latency;
    m.model.card().metrics = {{"parameters", m.model.parameterCount()},
                              {"latency", latencyJson(m.test.latency)},
                              {"test_accuracy", m.test.metrics.accuracy},
                              {"held_out_accuracy", m.heldOut.metrics.accuracy},
                              {"held_out_macro_f1_defect_classes", m.heldOut.metrics.macroF1},
                              {"test", metricsJson(m.test.metrics)},
                              {"held_out", metricsJson(m.heldOut.metrics)}};
  }
  out.device = out.models.front().model.deviceName();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  feedback.report(1.0, "done");
  return out;
}

Json distillationJson(const DistillationPlan& plan, const DistillationOutcome& outcome) {
  Json j;
  j["device"] = outcome.device;
  j["training_maps"] = plan.trainMaps;
  j["evaluation_maps_per_set"] = plan.evalMaps;
  j["grid_size"] = plan.gridSize;
  j["options"] = optionsJson(plan.training, 0);
  j["options"].erase("epochs");
  j["teacher_epochs"] = plan.teacherEpochs;
  j["student_epochs"] = plan.studentEpochs;
  j["generation_seconds"] = outcome.generationSeconds;
  j["seconds"] = outcome.seconds;
  Json models = Json::array();
  for (const auto& m : outcome.models) {
    models.push_back({{"role", m.model.card().role},
                      {"architecture", m.model.card().architecture.kindName()},
                      {"parameters", m.model.parameterCount()},
                      {"latency", latencyJson(m.test.latency)},
                      {"training", historyJson(m.history)},
                      {"test", metricsJson(m.test.metrics)},
                      {"held_out", metricsJson(m.heldOut.metrics)}});
  }
  j["models"] = models;
  return j;
}

void saveDistillation(const DistillationPlan& plan, DistillationOutcome& outcome, const std::string& dir) {
  for (auto& m : outcome.models) m.model.save((std::filesystem::path(dir) / m.model.card().role).string());
  const auto path = (std::filesystem::path(dir) / "training.json").string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << distillationJson(plan, outcome).dump(2) << "\n";
  if (!out.flush()) throw Error("cannot write " + path);
}

}  // namespace fab::models

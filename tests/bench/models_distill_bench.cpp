// Knowledge-distillation benchmark (not run by ctest): trains the teacher, the
// student distilled from it and the same student alone on synthetic wafer
// maps, then prints accuracy, macro-F1, parameter counts and CPU latency on
// fresh training-distribution maps and on held-out generator settings.
//
//   models_distill_bench [--maps N] [--eval-maps N] [--teacher-epochs E]
//       [--student-epochs E] [--temperature T] [--alpha A] [--seed S]
//       [--threads N] [--device auto|cpu|cuda] [--out DIR]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "core/ml/classifier_input.h"
#include "core/ml/wafer_map_generator.h"
#include "models/classifier/distillation_run.h"

namespace {

/// Preprocessing time per map: the resampled image and the shape features.
double resamplingMs(int maps) {
  const auto generator = fab::ml::syntheticGenerator(fab::ml::DatasetPurpose::Test, 99);
  const auto sample = generator.generate(0, maps);
  std::vector<float> input(fab::ml::classifierInputSize(fab::ml::kDefaultGridSize));
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& s : sample) fab::ml::writeClassifierInput(s.map, fab::ml::kDefaultGridSize, input);
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / maps;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace fab::models;
  DistillationPlan plan;
  std::string out;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--maps")
      plan.trainMaps = std::stoul(v);
    else if (k == "--eval-maps")
      plan.evalMaps = std::stoul(v);
    else if (k == "--teacher-epochs")
      plan.teacherEpochs = std::stoi(v);
    else if (k == "--student-epochs")
      plan.studentEpochs = std::stoi(v);
    else if (k == "--temperature")
      plan.training.temperature = std::stod(v);
    else if (k == "--alpha")
      plan.training.alpha = std::stod(v);
    else if (k == "--seed")
      plan.training.seed = std::stoull(v);
    else if (k == "--threads")
      plan.training.threads = std::stoi(v);
    else if (k == "--device")
      plan.device = deviceChoiceFromName(v);
    else if (k == "--out")
      out = v;
    else {
      std::cerr << "unknown option " << k << "\n";
      return 2;
    }
  }
  std::cout << "training maps " << plan.trainMaps << ", evaluation maps " << plan.evalMaps << " per set, teacher "
            << plan.teacherEpochs << " epochs, students " << plan.studentEpochs << " epochs, T "
            << plan.training.temperature << ", alpha " << plan.training.alpha << ", seed " << plan.training.seed
            << std::endl;
  auto outcome = runDistillation(plan, [](const EpochReport& e) {
    std::printf("%-17s epoch %3d/%-3d loss %.4f  train %.4f  held-out %.4f  (%.1f s)\n", e.stage.c_str(), e.epoch,
                e.epochs, e.loss, e.trainAccuracy, e.validationAccuracy, e.seconds);
    std::fflush(stdout);
  });
  std::printf("\ndevice %s, data generation %.1f s, total %.1f s\n", outcome.device.c_str(), outcome.generationSeconds,
              outcome.seconds);
  std::printf("%-17s %10s %9s %9s %9s %9s %8s %8s %12s %10s\n", "model", "params", "test acc", "test F1", "held acc",
              "held F1", "cpu ms", "wall ms", "train maps/s", "train s");
  for (const auto& m : outcome.models)
    std::printf("%-17s %10lld %9.4f %9.4f %9.4f %9.4f %8.4f %8.4f %12.1f %10.1f\n", m.model.card().role.c_str(),
                static_cast<long long>(m.model.parameterCount()), m.test.metrics.accuracy, m.test.metrics.macroF1,
                m.heldOut.metrics.accuracy, m.heldOut.metrics.macroF1, m.test.latency.threadCpuMs,
                m.test.latency.wallMs, m.history.mapsPerSecond, m.history.seconds);
  std::printf("resampling (preprocessing) per map: %.4f ms\n", resamplingMs(900));
  for (const auto& m : outcome.models) {
    std::printf(
        "\n%s held-out confusion (rows true, columns predicted; classes center donut edge-local edge-ring local "
        "near-full random scratch none)\n",
        m.model.card().role.c_str());
    for (const auto& row : m.heldOut.metrics.confusion) {
      for (int c : row) std::printf("%5d", c);
      std::printf("\n");
    }
  }
  if (!out.empty()) saveDistillation(plan, outcome, out);
  return 0;
}

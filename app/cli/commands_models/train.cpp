// fabkit-cli train: the wafer-map pattern classifier by knowledge distillation —
// teacher, distilled student and the student trained alone, on synthetic maps.
#include <atomic>
#include <csignal>
#include <cstdio>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "models/classifier/distillation_run.h"

namespace fab::cli {
namespace {

std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int) { interrupted = true; }

int run(const Args& args) {
  models::DistillationPlan plan;
  plan.trainMaps = static_cast<std::size_t>(args.integerOr("maps", static_cast<long long>(plan.trainMaps)));
  plan.evalMaps = static_cast<std::size_t>(args.integerOr("eval-maps", static_cast<long long>(plan.evalMaps)));
  plan.studentEpochs = static_cast<int>(args.integerOr("epochs", plan.studentEpochs));
  plan.teacherEpochs = static_cast<int>(args.integerOr("teacher-epochs", plan.teacherEpochs));
  plan.training.temperature = args.numberOr("temperature", plan.training.temperature);
  plan.training.alpha = args.numberOr("alpha", plan.training.alpha);
  plan.training.seed = static_cast<std::uint64_t>(args.integerOr("seed", 1));
  plan.training.threads = static_cast<int>(args.integerOr("threads", 0));
  plan.training.batchSize = static_cast<int>(args.integerOr("batch-size", plan.training.batchSize));
  plan.training.learningRate = args.numberOr("learning-rate", plan.training.learningRate);
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
        if (quiet) return;
        std::fprintf(stderr, "%-16s epoch %3d/%-3d  loss %.4f  train acc %.4f  held-out acc %.4f  %.1f s\n",
                     e.stage.c_str(), e.epoch, e.epochs, e.loss, e.trainAccuracy, e.validationAccuracy, e.seconds);
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

const Registration registration{
    Command{"train",
            "train the wafer-map pattern classifier (teacher, distilled student, student alone)",
            "",
            "Generates labelled synthetic wafer maps (nine classes: center, donut, edge-local, edge-ring, local,\n"
            "near-full, random, scratch, none), trains the teacher network, distils it into the small student\n"
            "(Hinton et al. 2015: loss = alpha*CE + (1-alpha)*T^2*KL) and trains the same student without the\n"
            "teacher as the baseline. All three are scored on fresh maps and on generator settings held out of\n"
            "training, and saved to OUT/teacher, OUT/student and OUT/student-baseline (model.pt + model.json),\n"
            "with OUT/training.json. Epoch progress goes to stderr; Ctrl-C cancels.",
            {{"out", "DIR", "folder to write the models to (created)"},
             {"maps", "N", "synthetic training maps (default 12000)"},
             {"eval-maps", "N", "maps in each evaluation set (default 1800)"},
             {"epochs", "E", "student epochs (default 10)"},
             {"teacher-epochs", "E", "teacher epochs (default 8)"},
             {"temperature", "T", "distillation temperature (default 4)"},
             {"alpha", "A", "weight of the hard-label cross-entropy, 0..1 (default 0.5)"},
             {"device", "D", "auto (CUDA when available), cpu or cuda (default auto)"},
             {"seed", "S", "seed of the maps, the initial weights and the batch order (default 1)"},
             {"threads", "N", "CPU threads for libtorch (default: all)"},
             {"batch-size", "B", "maps per training step (default 64)"},
             {"learning-rate", "LR", "AdamW learning rate, decayed by a cosine (default 0.002)"},
             {"no-baseline", "", "skip training the student without the teacher"},
             {"tiny", "", "tiny networks (for smoke tests; not useful models)"},
             {"quiet", "", "no epoch progress on stderr"},
             jsonOption()},
            run}};

}  // namespace
}  // namespace fab::cli

// fabkit-cli r2r: replays a series (or a simulated disturbance) through an EWMA or double-EWMA
// run-to-run controller and reports the output MSE, the offset under drift and the stability.
#include <cmath>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/kalman/disturbance_models.h"
#include "core/kalman/r2r_controller.h"

namespace fab::cli {
namespace {

using namespace fab::kalman;

std::vector<double> simulated(const Args& args) {
  DisturbanceModel dm;
  dm.kind = parseDisturbanceKind(args.value("simulate"));
  dm.runs = static_cast<int>(args.integerOr("runs", 200));
  dm.offset = args.numberOr("offset", args.numberOr("target", 0.0));
  dm.noiseSd = args.numberOr("noise-sd", 1.0);
  dm.stepSize = args.numberOr("step", 0.0);
  dm.stepRun = static_cast<int>(args.integerOr("step-run", dm.runs / 2 + 1)) - 1;
  dm.driftPerRun = args.numberOr("drift", 0.0);
  dm.theta = args.numberOr("theta", 0.0);
  dm.seed = static_cast<std::uint64_t>(args.integerOr("seed", 1));
  return generateDisturbance(dm);
}

int run(const Args& args) {
  std::vector<double> d;
  std::string source;
  if (args.has("simulate")) {
    if (args.has("csv")) throw UsageError{"give either --csv with --value or --simulate, not both"};
    d = simulated(args);
    source = "simulated " + args.value("simulate") + " disturbance";
  } else {
    const auto table = io::CsvTable::read(args.value("csv"));
    d = table.numbers(args.value("value"));
    source = table.path() + " column " + args.value("value");
  }
  R2rOptions o;
  o.lambda = args.number("lambda");
  o.lambda2 = args.optionalNumber("lambda2");
  o.controllerGain = args.number("gain");
  o.target = args.number("target");
  o.processGain = args.optionalNumber("process-gain");
  o.initialIntercept = args.optionalNumber("initial-intercept");
  const R2rResult r = simulateController(d, o);
  const char* controller = o.lambda2 ? "double EWMA" : "EWMA";

  Json out;
  out["controller"] = controller;
  out["source"] = source;
  out["lambda"] = o.lambda;
  out["lambda2"] = o.lambda2 ? Json(*o.lambda2) : Json(nullptr);
  out["gain"] = o.controllerGain;
  out["process_gain"] = o.processGain.value_or(o.controllerGain);
  out["target"] = o.target;
  out["runs"] = d.size();
  out["measured_runs"] = r.measuredRuns;
  out["mse"] = number(r.mse);
  out["mean_error"] = number(r.meanError);
  out["open_loop_mse"] = number(r.openLoopMse);
  out["disturbance_drift"] = number(r.disturbanceDrift);
  out["drift_offset"] = number(r.driftOffset);
  out["stability"] = {{"gain_ratio", number(r.stability.gainRatio)},
                      {"spectral_radius", number(r.stability.spectralRadius)},
                      {"stable", r.stability.stable},
                      {"condition", r.stability.condition}};
  Json runs = Json::array();
  for (std::size_t t = 0; t < d.size(); ++t)
    runs.push_back({{"run", t + 1},
                    {"disturbance", number(d[t])},
                    {"recipe", number(r.recipe[t])},
                    {"output", number(r.output[t])},
                    {"intercept", number(r.intercept[t])},
                    {"drift", number(r.drift[t])}});
  out["series"] = runs;
  out["warnings"] = r.warnings;
  if (args.json()) {
    printJson(out);
    return 0;
  }
  std::cout << controller << " run-to-run controller on " << source << "\n\n";
  TextTable summary({"quantity", "value"});
  summary.add({"λ" + std::string(o.lambda2 ? " (λ₁, λ₂)" : ""),
               fmt(o.lambda, 4) + (o.lambda2 ? ", " + fmt(*o.lambda2, 4) : "")});
  summary.add(
      {"gain b (process β)", fmt(o.controllerGain, 4) + " (" + fmt(o.processGain.value_or(o.controllerGain), 4) + ")"});
  summary.add({"target", fmt(o.target, 4)});
  summary.add({"output MSE about target", fmt(r.mse, 5)});
  summary.add({"open-loop MSE (no control)", fmt(r.openLoopMse, 5)});
  summary.add({"mean error", fmt(r.meanError, 5)});
  summary.add({"drift per run in the disturbance", fmt(r.disturbanceDrift, 5)});
  summary.add({"asymptotic offset under that drift", fmt(r.driftOffset, 5)});
  summary.add({"stability", std::string(r.stability.stable ? "stable: " : "UNSTABLE: ") + r.stability.condition});
  summary.print();
  for (const auto& w : r.warnings) std::cout << "warning: " << w << "\n";
  std::cout << "\n";
  TextTable table({"run", "disturbance", "recipe", "output", "intercept", "drift"});
  for (std::size_t t = 0; t < d.size(); ++t)
    table.add(
        {std::to_string(t + 1), fmt(d[t]), fmt(r.recipe[t]), fmt(r.output[t]), fmt(r.intercept[t]), fmt(r.drift[t])});
  table.print();
  return 0;
}

const Registration registration{
    Command{"r2r",
            "EWMA / double-EWMA run-to-run controller replayed on data or a simulated disturbance",
            "",
            "The series is the open-loop output d_t (recipe at nominal); the process is y = beta*u + d.\n"
            "EWMA: a_t = lambda*(y_t - b*u_t) + (1 - lambda)*a_{t-1}, u_{t+1} = (target - a_t)/b; with --lambda2 the\n"
            "double EWMA (Butler & Stefani 1994) adds a drift estimate. Stable iff 0 < lambda*beta/b < 2 (EWMA).",
            {{"csv", "FILE", "the CSV file"},
             {"value", "COL", "the column of open-loop outputs"},
             {"lambda", "L", "EWMA weight λ (λ₁ of the double EWMA), in (0, 1]"},
             {"lambda2", "L2", "drift weight λ₂ in (0, 1]: selects the double EWMA"},
             {"gain", "B", "the controller's process gain b"},
             {"target", "T", "the target of the output"},
             {"process-gain", "BETA", "the true process gain β (default: b), to study gain mismatch"},
             {"initial-intercept", "A0", "the controller's first intercept estimate (default: the target, so u_1 = 0)"},
             {"simulate", "MODEL", "simulate a disturbance instead of reading one: step, drift or ima"},
             {"runs", "N", "simulated runs (default 200)"},
             {"noise-sd", "S", "simulated noise standard deviation (default 1)"},
             {"offset", "A", "simulated level before any change (default: the target)"},
             {"step", "SIZE", "step model: the jump (default 0)"},
             {"step-run", "R", "step model: the 1-based run of the jump (default: the middle)"},
             {"drift", "D", "drift model: drift per run (default 0)"},
             {"theta", "TH", "ima model: θ in (−1, 1) (default 0)"},
             {"seed", "N", "random seed of the simulation (default 1)"},
             jsonOption()},
            run}};

}  // namespace
}  // namespace fab::cli

#include "core/kalman/disturbance_models.h"

#include <cmath>
#include <random>
#include <string>

#include "core/common/error.h"

namespace fab::kalman {

void DisturbanceModel::validate() const {
  if (runs < 1) throw Error("disturbance model: the number of runs must be at least 1");
  if (!std::isfinite(noiseSd) || noiseSd < 0) throw Error("disturbance model: the noise σ must be a number ≥ 0");
  if (!std::isfinite(offset) || !std::isfinite(stepSize) || !std::isfinite(driftPerRun) || !std::isfinite(theta))
    throw Error("disturbance model: offset, step, drift and θ must be finite numbers");
  if (kind == DisturbanceKind::Ima && !(std::abs(theta) < 1))
    throw Error("disturbance model: the IMA(1,1) θ must lie in (−1, 1)");
  if (kind == DisturbanceKind::Step && (stepRun < 0 || stepRun >= runs))
    throw Error("disturbance model: the step run must fall inside the " + std::to_string(runs) + " runs");
}

DisturbanceKind parseDisturbanceKind(const std::string& name) {
  if (name == "step") return DisturbanceKind::Step;
  if (name == "drift") return DisturbanceKind::Drift;
  if (name == "ima") return DisturbanceKind::Ima;
  throw Error("unknown disturbance model '" + name + "' (use step, drift or ima)");
}

std::vector<double> generateDisturbance(const DisturbanceModel& model) {
  model.validate();
  std::mt19937_64 rng(model.seed);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::vector<double> d(static_cast<std::size_t>(model.runs));
  double level = model.offset, previousShock = 0;
  for (int t = 0; t < model.runs; ++t) {
    const double shock = model.noiseSd * noise(rng);
    switch (model.kind) {
      case DisturbanceKind::Step:
        d[t] = model.offset + (t >= model.stepRun ? model.stepSize : 0.0) + shock;
        break;
      case DisturbanceKind::Drift:
        d[t] = model.offset + model.driftPerRun * t + shock;
        break;
      case DisturbanceKind::Ima:
        level += shock - model.theta * previousShock;
        d[t] = level;
        previousShock = shock;
        break;
    }
  }
  return d;
}

}  // namespace fab::kalman

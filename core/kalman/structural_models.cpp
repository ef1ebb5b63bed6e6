#include "core/kalman/structural_models.h"

#include <cmath>

#include "core/common/error.h"

namespace fab::kalman {

const char* trendName(Trend trend) { return trend == Trend::LocalLevel ? "local level" : "local linear trend"; }

std::vector<std::string> StructuralModel::varianceNames() const {
  if (trend == Trend::LocalLevel) return {"observation variance", "level variance"};
  return {"observation variance", "level variance", "slope variance"};
}

std::vector<double> StructuralModel::variances() const {
  if (trend == Trend::LocalLevel) return {observationVariance, levelVariance};
  return {observationVariance, levelVariance, slopeVariance};
}

void StructuralModel::setVariances(const std::vector<double>& values) {
  if (values.size() != varianceNames().size())
    throw Error("structural model: expected " + std::to_string(varianceNames().size()) + " variances");
  observationVariance = values[0];
  levelVariance = values[1];
  if (trend == Trend::LocalLinearTrend) slopeVariance = values[2];
}

void StructuralModel::validate(Eigen::Index steps) const {
  const auto names = varianceNames();
  const auto values = variances();
  bool anyPositive = false;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i]) || values[i] < 0)
      throw Error("structural model: the " + names[i] + " must be a finite number ≥ 0 (got " +
                  std::to_string(values[i]) + ")");
    anyPositive = anyPositive || values[i] > 0;
  }
  if (!anyPositive) throw Error("structural model: all variances are zero; give at least one positive variance");
  if (interventionStep && (*interventionStep < 1 || *interventionStep >= steps))
    throw Error(
        "structural model: the intervention must fall after the first and at or before the last "
        "observation (step " +
        std::to_string(*interventionStep + 1) + " of " + std::to_string(steps) + ")");
}

StateSpaceModel toStateSpace(const StructuralModel& sm, Eigen::Index steps, const Eigen::VectorXd& elapsed) {
  sm.validate(steps);
  if (elapsed.size() != 0 && elapsed.size() != steps)
    throw Error("structural model: the elapsed times have " + std::to_string(elapsed.size()) +
                " entries for a series of " + std::to_string(steps));
  const bool trend = sm.trend == Trend::LocalLinearTrend;
  const Eigen::Index r = trend ? 2 : 1;
  const Eigen::Index m = r + (sm.interventionStep ? 1 : 0);

  StateSpaceModel model;
  Eigen::MatrixXd Z = Eigen::MatrixXd::Zero(1, m);
  Z(0, 0) = 1.0;
  if (sm.interventionStep) {
    // Z_t = (1, 0, 1[t ≥ τ]): the regression effect enters from τ on (D&K §3.2.5).
    std::vector<Eigen::MatrixXd> perStep(static_cast<std::size_t>(steps), Z);
    for (Eigen::Index t = *sm.interventionStep; t < steps; ++t) perStep[t](0, m - 1) = 1.0;
    model.Z = SystemMatrix(std::move(perStep));
  } else {
    model.Z = Z;
  }
  model.H = Eigen::MatrixXd::Constant(1, 1, sm.observationVariance);

  Eigen::MatrixXd T = Eigen::MatrixXd::Identity(m, m);
  if (trend) T(0, 1) = 1.0;
  if (trend && elapsed.size() != 0) {
    std::vector<Eigen::MatrixXd> perStep(static_cast<std::size_t>(steps), T);
    for (Eigen::Index t = 0; t < steps; ++t) perStep[t](0, 1) = elapsed[t];
    model.T = SystemMatrix(std::move(perStep));
  } else {
    model.T = T;
  }
  Eigen::MatrixXd R = Eigen::MatrixXd::Zero(m, r);
  R.topRows(r).setIdentity();
  model.R = R;
  Eigen::MatrixXd Q = Eigen::MatrixXd::Zero(r, r);
  Q(0, 0) = sm.levelVariance;
  if (trend) Q(1, 1) = sm.slopeVariance;
  model.Q = Q;

  model.a1 = Eigen::VectorXd::Zero(m);
  model.P1 = Eigen::MatrixXd::Zero(m, m);
  model.P1Diffuse = Eigen::MatrixXd::Identity(m, m);
  model.noiseScale = elapsed;
  return model;
}

}  // namespace fab::kalman

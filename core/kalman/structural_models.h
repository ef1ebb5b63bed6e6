#pragma once
// Ready-made univariate structural time-series models (D&K §2.1, §3.2.1):
//
//   local level:         y_t = μ_t + ε_t,        μ_{t+1} = μ_t + η_t
//   local linear trend:  y_t = μ_t + ε_t,        μ_{t+1} = μ_t + Δ_t ν_t + ξ_t,   ν_{t+1} = ν_t + ζ_t
//
// optionally with a step intervention (D&K §3.2.5, regression effect in the
// state): y_t gains δ · 1[t ≥ τ], δ an unknown constant. All initial states
// (μ_1, ν_1, δ) are diffuse. With irregular spacing, the state noise of the
// move t → t+1 is scaled by the elapsed time Δ_t (in units of the typical
// spacing), and so is the slope's contribution to the level.
#include <optional>
#include <string>
#include <vector>

#include "core/kalman/state_space_model.h"

namespace fab::kalman {

enum class Trend { LocalLevel, LocalLinearTrend };

struct StructuralModel {
  Trend trend = Trend::LocalLevel;
  double observationVariance = 1.0;  ///< σ²ε
  double levelVariance = 0.0;        ///< σ²η (σ²ξ for the trend model)
  double slopeVariance = 0.0;        ///< σ²ζ (trend model only)
  /// 0-based step τ from which the level is shifted by an unknown δ (the step intervention).
  std::optional<Eigen::Index> interventionStep;

  /// Names and values of the free variances, in the order the estimator uses.
  std::vector<std::string> varianceNames() const;
  std::vector<double> variances() const;
  void setVariances(const std::vector<double>& values);
  /// Index of δ in the state vector, when there is an intervention.
  Eigen::Index interventionStateIndex() const { return trend == Trend::LocalLevel ? 1 : 2; }

  /// Throws fab::Error for a negative or non-finite variance, all variances zero,
  /// or an intervention outside [1, steps − 1].
  void validate(Eigen::Index steps) const;
};

/// The state-space form: state (μ[, ν][, δ]), diffuse initial state, H = σ²ε,
/// Q = diag(σ²η[, σ²ζ]). `elapsed` (empty, or one entry per step) is Δ_t.
StateSpaceModel toStateSpace(const StructuralModel& model, Eigen::Index steps,
                             const Eigen::VectorXd& elapsed = Eigen::VectorXd());

const char* trendName(Trend trend);

}  // namespace fab::kalman

#pragma once
// The size of a step change in a series whose level wanders: a local-level
// model with a level-shift intervention at a known step (D&K §3.2.5, the
// regression effect in the state vector; Box & Tiao 1975 for intervention
// analysis), estimated with the exact diffuse start and the variances fitted
// by maximum likelihood (variance_fit.h):
//
//   y_t = μ_t + δ·1[t ≥ τ] + ε_t,   μ_{t+1} = μ_t + η_t,   μ_1, δ diffuse.
//
// With the exact diffuse initialisation the filtered δ at the last step is
// the generalised-least-squares estimate of δ under the model's covariance,
// and its variance is the GLS variance (D&K §5.7, §6.2.2). Inference treats
// the fitted variances as known, as D&K §7.3 does: z = δ̂/SE(δ̂) is compared
// with the standard normal.
//
// Unlike a two-sample t-test, the standard error allows for the serial
// correlation a wandering level puts into the observations on each side.
#include <span>
#include <string>
#include <vector>

#include "core/kalman/variance_fit.h"

namespace fab::kalman {

struct StepInterventionOptions {
  double confidence = 0.95;  ///< level of the interval for δ
  VarianceFitOptions fit;
  /// Throws fab::Error for a confidence outside (0, 1) or bad fit options.
  void validate() const;
};

struct StepIntervention {
  Eigen::Index step = 0;  ///< τ, 0-based: the first step after the change
  double effect = 0;      ///< δ̂ (after − before), in the units of y
  double standardError = 0;
  double z = 0;       ///< δ̂ / SE(δ̂)
  double pValue = 1;  ///< two-sided, standard normal
  double lower = 0, upper = 0;
  double confidence = 0.95;
  VarianceFit fit;  ///< σ̂²ε, σ̂²η (may be on the boundary), log L, optimiser state
};

/// Fits the local level with a step at `step` to y (NaN = missing) and returns
/// δ̂ with its standard error. Throws fab::Error for a step outside
/// [1, n − 1], fewer than 4 observed values, or a constant series.
StepIntervention estimateStepIntervention(std::span<const double> y, Eigen::Index step,
                                          const StepInterventionOptions& options = {},
                                          const Feedback* feedback = nullptr);

}  // namespace fab::kalman

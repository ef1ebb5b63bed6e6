#pragma once
// The size of a step change in an autocorrelated series: a level-shift
// intervention at a known step (D&K §3.2.5, the regression effect in the
// state vector; Box & Tiao 1975 for intervention analysis), estimated with
// the exact diffuse start and the other parameters by maximum likelihood.
// Two models of the serial correlation are fitted:
//
//   local level:  y_t = μ_t + δ·1[t ≥ τ] + ε_t,      μ_{t+1} = μ_t + η_t,     μ_1, δ diffuse
//                 (a wandering level; D&K §2.1, variances by variance_fit.h)
//   AR(1) level:  y_t = c + u_t + δ·1[t ≥ τ] + ε_t,  u_{t+1} = φ u_t + η_t,   c, δ diffuse,
//                 u_1 ~ N(0, σ²η/(1 − φ²))  (a level that returns to a centre; the AR(1)
//                 model of autocorrelated process data, Montgomery, "Introduction to SQC",
//                 §10.4, with measurement noise; D&K §3.4 for ARMA in state-space form)
//
// and the one with the lower AIC (D&K §7.4: (−2 log L_d + 2(q + w))/n, both
// with q = 2 diffuse states) gives the estimate. The local level suits drift,
// whose every shift persists; the AR(1) level suits lot-to-lot or batch
// effects that come and go, for which a random walk would read part of the
// step as drift and shrink it.
//
// With the exact diffuse initialisation the filtered δ at the last step is
// the generalised-least-squares estimate of δ under the model's covariance,
// and its variance the GLS variance (D&K §5.7, §6.2.2). Inference treats the
// fitted parameters as known, as D&K §7.3 does: z = δ̂/SE(δ̂) is compared with
// the standard normal.
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "core/kalman/variance_fit.h"

namespace fab::kalman {

enum class LevelModel { LocalLevel, Ar1Level };
const char* levelModelName(LevelModel m);  ///< "local level", "AR(1) level"

struct StepInterventionOptions {
  double confidence = 0.95;  ///< level of the interval for δ
  /// The models to fit; the one with the lower AIC is chosen.
  std::vector<LevelModel> models = {LevelModel::LocalLevel, LevelModel::Ar1Level};
  VarianceFitOptions fit;
  /// Throws fab::Error for a confidence outside (0, 1), no model, or bad fit options.
  void validate() const;
};

/// One model's fit and its estimate of δ.
struct InterventionFit {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  LevelModel model = LevelModel::LocalLevel;
  double effect = 0;  ///< δ̂ (after − before), in the units of y
  double standardError = 0;
  double z = 0;       ///< δ̂ / SE(δ̂)
  double pValue = 1;  ///< two-sided, standard normal
  double lower = 0, upper = 0;
  double observationVariance = 0;  ///< σ̂²ε
  double levelVariance = 0;        ///< σ̂²η
  double phi = kNaN;               ///< φ̂ of the AR(1) level; NaN for the local level
  double logLikelihood = 0;        ///< diffuse, D&K eq. 7.2
  double aic = 0;
  bool converged = false;
  std::vector<std::string> warnings;
};

struct StepIntervention {
  Eigen::Index step = 0;  ///< τ, 0-based: the first step after the change
  double confidence = 0.95;
  InterventionFit best;               ///< the fit with the lower AIC
  std::vector<InterventionFit> fits;  ///< every model fitted, in the options' order
  std::vector<std::string> notes;     ///< models that could not be fitted, and why
};

/// Fits the models to y (NaN = missing) and returns δ̂ with its standard error.
/// Throws fab::Error for a step outside [1, n − 1], or when no model can be
/// fitted (too few observed values, a constant series).
StepIntervention estimateStepIntervention(std::span<const double> y, Eigen::Index step,
                                          const StepInterventionOptions& options = {},
                                          const Feedback* feedback = nullptr);

/// The state-space form of the AR(1) level with a step: state (u, c, δ),
/// Z_t = (1, 1, 1[t ≥ τ]), T = diag(φ, 1, 1), u stationary, c and δ diffuse.
StateSpaceModel ar1LevelWithStep(double observationVariance, double levelVariance, double phi, Eigen::Index steps,
                                 Eigen::Index step);

}  // namespace fab::kalman

#pragma once
// What the Kalman filter returns: predicted and filtered states with their
// variances, the innovations, the log-likelihood, and what the smoother needs.
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace fab::kalman {

/// Output of kalmanFilter() / localLevelFilter(). Columns are steps (0-based
/// rows of the input); variances are stored column-wise as vec(P), an m×m
/// matrix per column: use variance(col) to view one.
///
/// Exact diffuse initialisation (D&K §5.2): during the first `diffuseSteps`
/// steps the variances are P_* + κ P_∞ with κ → ∞. The stored variances are
/// the proper parts P_* (and F_*), the `diffuse…` members hold P_∞ and F_∞.
/// An observation with F_∞ > 0 is a diffuse observation: its innovation has
/// infinite variance, so its standardised innovation is undefined (NaN) and it
/// enters the likelihood only through log F_∞.
///
/// Observations are processed one element at a time (D&K §6.4), so for p > 1
/// `innovation` holds the sequential innovations v_{t,i} with variances F_{t,i};
/// they are independent, and for p = 1 they are the usual v_t and F_t.
struct FilterResult {
  Eigen::Index stateDim = 0;        ///< m
  Eigen::Index observationDim = 0;  ///< p
  Eigen::Index steps = 0;           ///< n

  Eigen::MatrixXd predictedState;      ///< m × n: a_t = E(α_t | y_1..y_{t−1})
  Eigen::MatrixXd predictedVariance;   ///< m² × n: P_t (proper part during the diffuse period)
  Eigen::MatrixXd filteredState;       ///< m × n: a_{t|t} = E(α_t | y_1..y_t)
  Eigen::MatrixXd filteredVariance;    ///< m² × n: P_{t|t}
  Eigen::MatrixXd innovation;          ///< p × n: v_t; NaN where y is missing
  Eigen::MatrixXd innovationVariance;  ///< p × n: F_t (F_* for a diffuse observation); NaN where y is missing
  Eigen::MatrixXd gain;                ///< (m·p) × n: M_{t,i} = P_{t,i} Z_{t,i}' per element (column block i)

  /// Number of leading steps with a diffuse (infinite) variance component.
  Eigen::Index diffuseSteps = 0;
  Eigen::MatrixXd diffusePredictedVariance;   ///< m² × d: P_{∞,t}
  Eigen::MatrixXd diffuseFilteredVariance;    ///< m² × d: P_{∞,t|t}
  Eigen::MatrixXd diffuseInnovationVariance;  ///< p × d: F_{∞,t} (0: an ordinary observation)
  Eigen::MatrixXd diffuseGain;                ///< (m·p) × d: M_{∞,t,i} = P_{∞,t,i} Z_{t,i}'

  /// Diffuse log-likelihood, D&K §7.2.2 eq. (7.2): −(N/2) log 2π − ½ Σ_diffuse log F_∞
  /// − ½ Σ_others (log F + v²/F), N = number of observed values. The ½ log 2π of each
  /// diffuse observation is kept (libraries that drop it report (q/2) log 2π more).
  double logLikelihood = 0;
  Eigen::Index observations = 0;         ///< N: observed (non-NaN) values
  Eigen::Index diffuseObservations = 0;  ///< observations with F_∞ > 0 (q when all diffuse states are identified)
  std::vector<std::string> warnings;

  Eigen::Map<const Eigen::MatrixXd> predictedVarianceAt(Eigen::Index t) const {
    return {predictedVariance.col(t).data(), stateDim, stateDim};
  }
  Eigen::Map<const Eigen::MatrixXd> filteredVarianceAt(Eigen::Index t) const {
    return {filteredVariance.col(t).data(), stateDim, stateDim};
  }
  /// True when observation element i of step t was a diffuse observation (F_∞ > 0).
  bool isDiffuseObservation(Eigen::Index t, Eigen::Index i = 0) const {
    return t < diffuseSteps && diffuseInnovationVariance(i, t) > 0;
  }
};

/// Output of the smoother: smoothed states α̂_t = E(α_t | y_1..y_n) with
/// V_t = Var(α_t | y), smoothed disturbances and auxiliary residuals
/// (D&K §4.4–4.5, §2.12; de Jong 1989).
struct SmootherResult {
  Eigen::Index stateDim = 0;
  Eigen::Index disturbanceDim = 0;
  Eigen::MatrixXd state;     ///< m × n: α̂_t
  Eigen::MatrixXd variance;  ///< m² × n: V_t
  /// p × n: ε̂_t = E(ε_t | y); 0 where y is missing.
  Eigen::MatrixXd observationDisturbance;
  /// p × n: Var(ε̂_t) = H − Var(ε_t | y) = H² D_t, the variance of the estimator (D&K §4.5.3).
  Eigen::MatrixXd observationDisturbanceVariance;
  /// r × n: η̂_t = E(η_t | y), the disturbance that moves α_t to α_{t+1}.
  Eigen::MatrixXd stateDisturbance;
  /// r × n: diagonal of Var(η̂_t) = s_t Q R' N_t R Q s_t.
  Eigen::MatrixXd stateDisturbanceVariance;
  /// p × n: auxiliary residuals ε̂_t / √Var(ε̂_t) (D&K §2.12; Harvey & Koopman 1992); NaN where undefined.
  Eigen::MatrixXd observationAuxiliary;
  /// r × n: auxiliary residuals η̂_t / √Var(η̂_t); NaN where undefined (e.g. the last step).
  Eigen::MatrixXd stateAuxiliary;

  Eigen::Map<const Eigen::MatrixXd> varianceAt(Eigen::Index t) const {
    return {variance.col(t).data(), stateDim, stateDim};
  }
};

}  // namespace fab::kalman

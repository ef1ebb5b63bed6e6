#pragma once
// Diagnostics of a fitted state-space model: standardised innovations, the
// normalised-innovation-squared (NIS) consistency test, the steady-state
// Kalman gain, and the EWMA weight equivalent to a local-level model.
#include <Eigen/Dense>

#include "core/kalman/filter_result.h"
#include "core/kalman/state_space_model.h"

namespace fab::kalman {

/// e_t = v_t / √F_t (D&K §2.12, §7.5), p × n. NaN where y is missing, for a
/// diffuse observation (F infinite) and where F = 0. Under the model the
/// finite e_t are independent N(0, 1).
Eigen::MatrixXd standardisedInnovations(const FilterResult& filtered);

/// NIS test (Bar-Shalom, Li & Kirubarajan, "Estimation with Applications to
/// Tracking and Navigation", 2001, §5.4.2): under the model, Σ_t v_t'F_t⁻¹v_t
/// over the N non-diffuse observations is χ²_N. The p-value is two-sided (too
/// small an NIS means an overstated noise, too large an understated one).
struct NisTest {
  double statistic = 0;               ///< Σ e_t²
  Eigen::Index degreesOfFreedom = 0;  ///< N
  double mean = 0;                    ///< statistic / N (1 for a consistent filter)
  double lower = 0, upper = 0;        ///< acceptance region of the mean: χ²_N(α/2)/N, χ²_N(1 − α/2)/N
  double pValue = 0;                  ///< 2 min(P(χ² ≤ x), P(χ² ≥ x)); NaN when N = 0
  bool consistent = true;             ///< mean inside [lower, upper]
};
/// alpha in (0, 1): the test's size. Throws fab::Error otherwise.
NisTest nisTest(const FilterResult& filtered, double alpha = 0.05);
/// The same test from Σ e_t² over `degreesOfFreedom` finite standardised innovations.
NisTest nisTest(double statistic, Eigen::Index degreesOfFreedom, double alpha = 0.05);

/// Steady state of a time-invariant model: the fixed point of the Riccati
/// recursion P = T(P − PZ'F⁻¹ZP)T' + RQR', F = ZPZ' + H (the discrete
/// algebraic Riccati equation; D&K §2.11 for the local level), reached by
/// iterating from P = RQR'.
struct SteadyState {
  Eigen::MatrixXd predictedVariance;   ///< P̄ (m × m)
  Eigen::MatrixXd innovationVariance;  ///< F̄ (p × p)
  Eigen::MatrixXd gain;                ///< filtered gain P̄Z'F̄⁻¹ (m × p): a_{t|t} = a_t + gain · v_t
  int iterations = 0;
  bool converged = false;
};
/// Throws fab::Error for a time-varying model. Not converging within
/// maxIterations (e.g. σ²η = 0, where P̄ = 0 is reached only as 1/t) gives converged = false.
SteadyState steadyState(const StateSpaceModel& model, int maxIterations = 100000, double tolerance = 1e-13);

/// The EWMA weight equivalent to the local-level model with q = σ²η/σ²ε:
/// λ = (√(q² + 4q) − q)/2, the steady-state filtered gain (D&K §2.11; Muth
/// 1960). q = +inf gives 1. Throws fab::Error for q < 0 or NaN.
double ewmaWeight(double signalToNoise);

}  // namespace fab::kalman

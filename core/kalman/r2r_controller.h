#pragma once
// Run-to-run (R2R) control with EWMA and double-EWMA controllers.
//
// Process (Ingolfsson & Sachs, "Stability and sensitivity of an EWMA
// controller", J. Quality Technology 25, 1993):  y_t = β u_t + d_t, where u_t
// is the recipe of run t and d_t the open-loop output (α + noise, or any
// disturbance). The controller assumes y = a + b u with gain b and updates
// its intercept from the observed w_t = y_t − b u_t:
//
//   EWMA:         a_t = λ w_t + (1 − λ) a_{t−1},                u_{t+1} = (T − a_t)/b
//   double EWMA:  a_t = λ₁ w_t + (1 − λ₁) a_{t−1}                                  (Butler & Stefani,
//                 D_t = λ₂ (w_t − a_{t−1}) + (1 − λ₂) D_{t−1},  u_{t+1} = (T − a_t − D_t)/b   IEEE TSM 7, 1994)
//
// With ξ = β/b the output error e_t = y_t − T obeys, for the EWMA,
// e_{t+1} = (1 − λξ) e_t + d_{t+1} − d_t: stable iff 0 < λξ < 2, and under a
// drift δ per run the error settles at the offset δ/(λξ). The double EWMA's
// state (a, D) moves with the matrix [[1 − λ₁ξ, λ₁(1 − ξ)], [−λ₂ξ, 1 − λ₂ξ]]
// (derived from the recursions above): stable iff its spectral radius is
// below 1, and then the offset under drift is zero.
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace fab::kalman {

struct R2rOptions {
  double target = 0;                       ///< T
  double controllerGain = 1;               ///< b, the gain the controller assumes (≠ 0)
  std::optional<double> processGain;       ///< β, the true gain; b when not given
  double lambda = 0.3;                     ///< λ (λ₁), in (0, 1]
  std::optional<double> lambda2;           ///< λ₂ in (0, 1]: the double EWMA when given
  std::optional<double> initialIntercept;  ///< a_0; T when not given, so the first recipe is u_1 = 0
  /// Throws fab::Error for λ outside (0, 1], b = 0, or non-finite values.
  void validate() const;
};

struct R2rStability {
  double gainRatio = 1;       ///< ξ = β/b
  double spectralRadius = 0;  ///< the largest |root| of the closed loop
  bool stable = true;
  std::string condition;  ///< the condition in words, e.g. "0 < λ·β/b = 0.3 < 2"
};

/// Stability of the closed loop for the given weights and ξ = β/b (no λ₂: the EWMA).
R2rStability r2rStability(double lambda, std::optional<double> lambda2, double gainRatio);

struct R2rResult {
  std::vector<double> recipe;     ///< u_t
  std::vector<double> output;     ///< y_t (NaN where the disturbance was missing)
  std::vector<double> intercept;  ///< a_t after run t
  std::vector<double> drift;      ///< D_t after run t (zeros for the EWMA)
  double mse = 0;                 ///< mean of (y_t − T)² over the measured runs
  double meanError = 0;           ///< mean of y_t − T
  double openLoopMse = 0;         ///< mean of (d_t − T)²: the same runs without control
  std::size_t measuredRuns = 0;
  /// Least-squares slope of d_t on t: the drift per run seen in the disturbance.
  double disturbanceDrift = 0;
  /// The asymptotic offset of e_t under that drift: δ/(λξ) for the EWMA, 0 for a stable
  /// double EWMA, NaN when unstable.
  double driftOffset = 0;
  R2rStability stability;
  std::vector<std::string> warnings;
};

/// Replays the runs with open-loop outputs d_t (NaN = run not measured: the
/// controller keeps its estimate). Throws fab::Error for empty input or bad options.
R2rResult simulateController(std::span<const double> disturbance, const R2rOptions& options);

}  // namespace fab::kalman

#pragma once
// Maximum-likelihood estimation of the variances of a structural model
// (D&K §2.10 for the local level, §7.3 in general).
//
// The diffuse log-likelihood (FilterResult::logLikelihood) is maximised over
// ψ_i = log σ²_i with BFGS and numerical gradients (bfgs.h). Standard errors
// come from the numerical Hessian of −log L in ψ (observed information, the
// large-sample distribution of D&K §7.3.6): Cov(ψ̂) = H⁻¹, then by the delta
// method SE(σ̂²) = σ̂² SE(ψ̂) (the Jacobian of σ² = e^ψ), and the interval
// exp(ψ̂ ± z SE(ψ̂)) stays positive. A variance that runs to zero is held at
// a floor and reported as on the boundary, without a standard error.
#include <span>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/kalman/bfgs.h"
#include "core/kalman/structural_models.h"

namespace fab::kalman {

struct VarianceFitOptions {
  BfgsOptions optimiser;
  /// Variances below floor × (the scale of the data's first differences) count as zero.
  double relativeFloor = 1e-8;
  double confidence = 0.95;  ///< level of the intervals for the variances
  /// Throws fab::Error for a floor outside (0, 1e-2] or a confidence outside (0, 1).
  void validate() const;
};

struct VarianceEstimate {
  std::string name;
  double value = 0;             ///< σ̂²
  double standardError = 0;     ///< SE(σ̂²) by the delta method; NaN when not available
  double logStandardError = 0;  ///< SE(log σ̂²); NaN when not available
  double lower = 0, upper = 0;  ///< exp(ψ̂ ∓ z SE(ψ̂)); NaN when not available
  bool atBoundary = false;      ///< ran to zero (held at the floor)
};

struct VarianceFit {
  StructuralModel model;                    ///< the start model with the fitted variances
  std::vector<VarianceEstimate> estimates;  ///< in StructuralModel::varianceNames() order
  double logLikelihood = 0;                 ///< at the estimate (diffuse, D&K eq. 7.2)
  /// D&K §7.4: AIC = (−2 log L_d + 2(q + w)) / n, q diffuse states, w variances.
  double aic = 0;
  Eigen::MatrixXd logVarianceCovariance;  ///< Cov(ψ̂) of the interior parameters (others NaN)
  int iterations = 0;
  bool converged = false;
  std::string message;
  std::vector<std::string> warnings;
};

/// Fits the variances of `start` (its trend and intervention are kept, its
/// variances ignored) to y. `elapsed` is empty or Δ_t per step (time_spacing.h).
/// Throws fab::Error when fewer than (diffuse states + 2) values are observed.
VarianceFit fitVariances(const StructuralModel& start, std::span<const double> y,
                         const Eigen::VectorXd& elapsed = Eigen::VectorXd(), const VarianceFitOptions& options = {},
                         const Feedback* feedback = nullptr);

/// log L_d of the structural model at the given variances: the scalar path for a
/// local level without intervention, the general filter otherwise.
double structuralLogLikelihood(const StructuralModel& model, std::span<const double> y,
                               const Eigen::VectorXd& elapsed = Eigen::VectorXd());

}  // namespace fab::kalman

#pragma once
// Quasi-Newton minimisation with numerical derivatives, for the handful of
// parameters of a state-space model (log-variances).
//
// BFGS with a backtracking Armijo line search (Nocedal & Wright, "Numerical
// Optimization", 2nd ed., Algorithm 6.1 with eq. 6.19 for the Hessian update
// and eq. 6.20 for the initial scaling). The direction solves B d = −g with
// an LDLT factorisation; the update is skipped when the curvature condition
// s'y > 0 fails. Gradients are central differences (N&W §8.1, eq. 8.7).
#include <Eigen/Dense>
#include <functional>
#include <string>

#include "core/common/feedback.h"

namespace fab::kalman {

using Objective = std::function<double(const Eigen::VectorXd&)>;

struct BfgsOptions {
  int maxIterations = 200;
  double gradientTolerance = 1e-6;   ///< stop when max |∂f/∂x_i| ≤ this
  double functionTolerance = 1e-12;  ///< stop when the decrease is ≤ this × (1 + |f|)
  double differenceStep = 1e-5;      ///< relative step of the central differences
  /// Throws fab::Error for a non-positive tolerance, step or iteration limit.
  void validate() const;
};

struct BfgsResult {
  Eigen::VectorXd x;
  double value = 0;
  Eigen::VectorXd gradient;
  int iterations = 0;
  int evaluations = 0;
  bool converged = false;
  std::string message;  ///< why it stopped, in words
};

/// Minimises f from x0. f may return +inf or NaN for an infeasible point (the
/// line search then backs off). Throws fab::Error when f is not finite at x0.
BfgsResult minimizeBfgs(const Objective& f, const Eigen::VectorXd& x0, const BfgsOptions& options = {},
                        const Feedback* feedback = nullptr);

/// Central-difference gradient with steps h·max(1, |x_i|).
Eigen::VectorXd numericalGradient(const Objective& f, const Eigen::VectorXd& x, double h = 1e-5);

/// Central-difference Hessian (N&W eq. 8.21 symmetrised form) with steps h·max(1, |x_i|).
Eigen::MatrixXd numericalHessian(const Objective& f, const Eigen::VectorXd& x, double h = 1e-4);

}  // namespace fab::kalman

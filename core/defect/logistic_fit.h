#pragma once
// Kill probability against defect size: logistic regression
// logit P(kill) = β0 + β1·t, t = size or ln(size), fitted by Newton–Raphson
// (iteratively reweighted least squares; McCullagh & Nelder, *Generalized
// Linear Models*, 2nd ed., §4.4) on Eigen, and the killer size at a chosen
// kill probability with its delta-method interval.
#include <Eigen/Core>
#include <span>
#include <string>

namespace fab::defect {

struct LogisticOptions {
  bool logSize = false;  ///< fit against ln(size) (sizes must be positive)
  int maxIterations = 50;
  double tolerance = 1e-10;  ///< on the largest coefficient change
};

struct LogisticFit {
  double intercept = 0, slope = 0;                       ///< NaN when no fit exists
  Eigen::Matrix2d covariance = Eigen::Matrix2d::Zero();  ///< inverse Fisher information at the estimate
  double logLikelihood = 0;
  int iterations = 0;
  bool converged = false;
  bool logSize = false;
  std::size_t n = 0, events = 0;
  /// Complete or quasi-complete separation: every killing size lies at or above
  /// every surviving size (or below), so the MLE does not exist; the sizes in
  /// between bound the killer size.
  bool separated = false;
  double separationLow = 0, separationHigh = 0;
  std::string message;  ///< set when there is no usable fit, or for separation

  bool usable() const { return converged && !separated; }
  /// Fitted kill probability at a size (NaN without a usable fit).
  double probability(double sizeUm) const;
};

/// killed[i] is 1 when observation i (a defect, or a defective die and its
/// largest defect) killed the die, else 0. Throws fab::Error for mismatched
/// lengths, non-finite sizes, non-positive sizes with logSize, or bad labels.
LogisticFit fitLogistic(std::span<const double> sizeUm, std::span<const int> killed,
                        const LogisticOptions& options = {});

struct KillerSize {
  double probability = 0.5;
  double sizeUm = 0, lowUm = 0, highUm = 0;  ///< NaN when undefined (see message)
  bool defined = false;
  std::string message;
};

/// The size t_p = (logit p − β0)/β1 (exp of it with logSize) and its
/// interval t_p ± z·√(gᵀΣg), g = (−1/β1, −(logit p − β0)/β1²) (delta method).
KillerSize killerSize(const LogisticFit& fit, double probability = 0.5, double confidence = 0.95);

}  // namespace fab::defect

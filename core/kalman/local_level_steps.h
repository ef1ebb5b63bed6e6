#pragma once
// The local-level filter and smoother (local_level_fast.h) for series of
// millions of steps, holding three numbers per step instead of fifteen: the
// observation and, after the backward pass, the smoothing cumulants r_{t−1} and
// N_{t−1} (D&K §2.4 eq. 2.37). The filter is rerun forward when the steps are
// read, so each step's filtered and smoothed level, their variances and the
// auxiliary residuals come out in order, one at a time, with the same floating
// point operations as localLevelFilter() / localLevelSmoother(): the values are
// identical to theirs.
#include <functional>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/kalman/level_step.h"
#include "core/kalman/local_level_fast.h"

namespace fab::kalman {

class LocalLevelSteps {
 public:
  /// `elapsed` is empty (equal spacing) or Δ_t per step (≥ 0, finite). Throws fab::Error for bad
  /// variances, elapsed times or an infinite observation.
  LocalLevelSteps(std::vector<double> y, const LocalLevelVariances& variances, std::vector<double> elapsed = {},
                  const Feedback* feedback = nullptr);

  Eigen::Index steps() const { return static_cast<Eigen::Index>(y_.size()); }
  /// Same convention as FilterResult::logLikelihood.
  double logLikelihood() const { return logLikelihood_; }
  Eigen::Index observations() const { return observations_; }
  /// Steps up to and including the first observation.
  Eigen::Index diffuseSteps() const { return diffuseSteps_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

  /// Calls `visit` for every step in order.
  void forEachStep(const std::function<void(const LevelStep&)>& visit) const;

 private:
  std::vector<double> y_;
  std::vector<double> elapsed_;
  double h_ = 1, q_ = 0;
  /// After construction: r_{t−1} and N_{t−1} of step t for t ≥ diffuseSteps (unused before).
  std::vector<double> r_, N_;
  double logLikelihood_ = 0;
  Eigen::Index observations_ = 0, diffuseSteps_ = 0;
  bool skippedZeroVariance_ = false;
  /// The diffuse smoothing terms of the first observation (D&K §5.3): r⁽¹⁾, N⁽¹⁾, N⁽²⁾.
  double r1_ = 0, N1_ = 0, N2_ = 0;
  std::vector<std::string> warnings_;
};

}  // namespace fab::kalman

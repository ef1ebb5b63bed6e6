#pragma once
// The local-level model (D&K ch. 2) on scalar arithmetic: the same results as
// kalmanFilter() / kalmanSmoother() on toStateSpace(local level), an order of
// magnitude faster, for long series and for the likelihood evaluations of the
// variance estimation.
//
//   y_t = μ_t + ε_t,  ε_t ~ N(0, σ²ε);   μ_{t+1} = μ_t + η_t,  η_t ~ N(0, Δ_t σ²η);   μ_1 diffuse.
//
// Filter: D&K §2.2 eq. (2.15) with the exact diffuse start of §2.9 (the first
// observation sets a = y, P = σ²ε). Smoother: D&K §2.4 eq. (2.37) and §2.5
// (disturbances), with the diffuse step of §5.3 in scalar form.
#include <span>

#include "core/common/feedback.h"
#include "core/kalman/filter_result.h"

namespace fab::kalman {

struct LocalLevelVariances {
  double observation = 1.0;  ///< σ²ε
  double level = 0.0;        ///< σ²η
  /// Throws fab::Error for a negative or non-finite variance, or both zero.
  void validate() const;
};

/// `elapsed` is empty (equal spacing) or Δ_t per step (≥ 0, finite).
FilterResult localLevelFilter(std::span<const double> y, const LocalLevelVariances& variances,
                              std::span<const double> elapsed = {}, const Feedback* feedback = nullptr);

/// `filtered` must come from localLevelFilter() with the same variances and elapsed times.
SmootherResult localLevelSmoother(const FilterResult& filtered, const LocalLevelVariances& variances,
                                  std::span<const double> elapsed = {}, const Feedback* feedback = nullptr);

/// The diffuse log-likelihood alone (same convention as FilterResult::logLikelihood), without storing anything.
double localLevelLogLikelihood(std::span<const double> y, const LocalLevelVariances& variances,
                               std::span<const double> elapsed = {});

}  // namespace fab::kalman

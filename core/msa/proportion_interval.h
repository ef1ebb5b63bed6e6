#pragma once
// Exact (Clopper–Pearson) binomial confidence interval for a proportion, as
// used for the percent agreement of an attribute agreement analysis.
#include <cstdint>

namespace fab::msa {

/// How the interval behaves when all or none of the trials succeed.
enum class BoundaryConvention {
  /// Clopper & Pearson (1934): α/2 in each tail always; x = n gives [(α/2)^(1/n), 1].
  TwoSided,
  /// Minitab's attribute agreement convention: at x = 0 or x = n the one open
  /// bound uses the whole α (x = n gives [α^(1/n), 1]).
  OneSidedAtBoundary,
};

struct ProportionInterval {
  double estimate = 0;  ///< x / n
  double low = 0;
  double high = 1;
};

/// Clopper & Pearson (1934), Biometrika 26:404–413: the bounds are beta
/// quantiles, low = B⁻¹(α/2; x, n−x+1), high = B⁻¹(1−α/2; x+1, n−x) with
/// α = 1 − confidence (Boost.Math beta distribution). Throws fab::Error for
/// n < 1, x outside [0, n] or a confidence outside (0, 1).
ProportionInterval clopperPearson(std::int64_t successes, std::int64_t trials, double confidence = 0.95,
                                  BoundaryConvention convention = BoundaryConvention::TwoSided);

}  // namespace fab::msa

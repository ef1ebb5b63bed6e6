#pragma once
// Midranks of pooled samples and the tie term the rank tests correct with.
#include <span>
#include <vector>

namespace fab::variation {

struct PooledRanks {
  std::vector<double> rank;  ///< midrank of each value (1-based; ties share the mean of their ranks)
  /// Σ (t³ − t) over the groups of t tied values (Hollander & Wolfe, "Nonparametric
  /// Statistical Methods", 2nd ed., §6.1, the tie correction of H).
  double tieTerm = 0;
};

/// Values must be finite.
PooledRanks midranks(std::span<const double> values);

}  // namespace fab::variation

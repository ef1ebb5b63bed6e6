#pragma once
// Good dies per wafer and cost per good die from a dies-per-wafer number
// (counted or estimated by the wafer geometry) and a die yield:
//   good dies per wafer = DPW × Y,   cost per good die = wafer cost / (DPW × Y)
// (J. L. Hennessy & D. A. Patterson, "Computer Architecture: A Quantitative
// Approach", 5th ed., §1.6, "Cost of an integrated circuit").
#include <limits>

namespace fab::yield {

struct GoodDieCost {
  double diesPerWafer = 0.0;
  double yield = 0.0;
  double goodDiesPerWafer = 0.0;
  /// NaN when no wafer cost was given.
  double costPerGoodDie = std::numeric_limits<double>::quiet_NaN();
};

/// diesPerWafer ≥ 0 (a count or an estimate), yield in [0, 1], waferCost ≥ 0
/// or NaN for none. Throws fab::Error for inputs out of range, and when a
/// wafer cost is given but no good die is expected.
GoodDieCost goodDieCost(double diesPerWafer, double yield, double waferCost = std::numeric_limits<double>::quiet_NaN());

}  // namespace fab::yield

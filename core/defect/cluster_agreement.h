#pragma once
// Agreement between two labellings of the same points.
#include <span>

namespace fab::defect {

/// Adjusted Rand index (Hubert & Arabie, "Comparing partitions", J.
/// Classification 2, 1985): 1 for identical partitions (up to renaming), about
/// 0 for independent ones. Any int is a label (noise −1 is a label like any
/// other). 1 when both labellings put every point in one cluster. Throws
/// fab::Error when the spans differ in length.
double adjustedRandIndex(std::span<const int> a, std::span<const int> b);

}  // namespace fab::defect

#pragma once
// Adjusting p-values for the number of tests.
#include <span>
#include <vector>

namespace fab::variation {

/// Benjamini–Hochberg (1995) step-up adjusted p-values, controlling the false
/// discovery rate: sorted ascending, q_(i) = min_{j ≥ i} min(1, m p_(j) / j).
/// NaN p-values are left NaN and do not count in m.
std::vector<double> benjaminiHochberg(std::span<const double> p);

/// Holm (1979) step-down adjusted p-values, controlling the family-wise error
/// rate: sorted ascending, p'_(i) = max_{j ≤ i} min(1, (m − j + 1) p_(j)).
std::vector<double> holm(std::span<const double> p);

}  // namespace fab::variation

#pragma once
// Anderson–Darling test of normality with estimated mean and σ (Stephens 1974;
// D'Agostino & Stephens, Goodness-of-Fit Techniques, 1986, §4.8, Table 4.9).
#include <cstddef>
#include <span>

namespace fab::spc {

struct NormalityTest {
  std::size_t n = 0;
  double mean = 0, sd = 0;
  double a2 = 0;          ///< A² = −n − (1/n)·Σ (2i − 1)[ln Φ(zᵢ) + ln(1 − Φ(z₍ₙ₊₁₋ᵢ₎))]
  double a2Adjusted = 0;  ///< A*² = A²·(1 + 0.75/n + 2.25/n²)
  double pValue = 0;      ///< D'Agostino–Stephens piecewise approximation in A*²
};

/// Tests `values` (NaN skipped). Throws fab::Error for fewer than 8 values
/// (the p-value approximation's range) or zero spread.
NormalityTest andersonDarling(std::span<const double> values);

/// The D'Agostino–Stephens p-value for an adjusted statistic A*².
double andersonDarlingPValue(double a2Adjusted);

}  // namespace fab::spc

#pragma once
// Control chart constants computed from their definitions, for any subgroup
// size n >= 2 (Montgomery, Introduction to Statistical Quality Control, 7th ed.,
// Appendix VI; NIST/SEMATECH e-Handbook §6.3.2; ASTM E2587).
#include <cstddef>
#include <vector>

namespace fab::spc {

/// Constants of one subgroup size n. Lower-case d2, d3, c4 are the moments of
/// the range and standard deviation of n standard normal values; the
/// upper-case factors are the 3-sigma limit factors built from them.
struct ChartConstants {
  int n = 0;
  double d2 = 0;  ///< E[R]/σ: mean of the range of n standard normals
  double d3 = 0;  ///< SD[R]/σ: standard deviation of that range
  double c4 = 0;  ///< E[s]/σ: mean of the sample standard deviation
  double A2 = 0;  ///< 3/(d2·√n): X̄ limits from R̄
  double A3 = 0;  ///< 3/(c4·√n): X̄ limits from S̄
  double B3 = 0;  ///< max(0, 1 − 3·√(1−c4²)/c4): S chart LCL factor
  double B4 = 0;  ///< 1 + 3·√(1−c4²)/c4: S chart UCL factor
  double D3 = 0;  ///< max(0, 1 − 3·d3/d2): R chart LCL factor
  double D4 = 0;  ///< 1 + 3·d3/d2: R chart UCL factor
};

/// The constants for subgroup size n (n >= 2; throws fab::Error otherwise).
/// Computed once per n by quadrature and kept in a thread-safe cache.
const ChartConstants& chartConstants(int n);

/// A local, lock-free view of the cache for loops over many subgroups with
/// varying n: each distinct n is looked up in the shared cache once.
class ConstantsCache {
 public:
  const ChartConstants& operator()(int n) {
    if (n >= static_cast<int>(table_.size())) table_.resize(n + 1, nullptr);
    if (!table_[n]) table_[n] = &chartConstants(n);
    return *table_[n];
  }

 private:
  std::vector<const ChartConstants*> table_;
};

/// d2(n) = ∫ [1 − Φ(x)ⁿ − (1 − Φ(x))ⁿ] dx over the real line (Tippett 1925).
double d2(int n);
/// d3(n) = √(E[R²] − d2²), E[R²] = 2 ∬_{x<y} [1 − Φ(y)ⁿ − (1−Φ(x))ⁿ + (Φ(y) − Φ(x))ⁿ] dx dy.
double d3(int n);
/// c4(n) = √(2/(n−1)) · Γ(n/2) / Γ((n−1)/2).
double c4(int n);

/// Median of the moving range of two standard normals, √2·Φ⁻¹(3/4) ≈ 0.9539:
/// σ̂ = median(MR)/this (Montgomery §6.4, the "d4" of the median moving range).
double medianMovingRangeFactor();

}  // namespace fab::spc

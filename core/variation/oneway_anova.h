#pragma once
// One-way analysis of variance of group means: the classic F test (equal
// variances) and Welch's test (unequal variances).
//
// Classic: Montgomery, "Design and Analysis of Experiments", 9th ed., §3.3:
//   F = [Σ n_i (ȳ_i − ȳ)² / (k − 1)] / [Σ Σ (y − ȳ_i)² / (N − k)],  F(k − 1, N − k).
// Welch (1951), Biometrika 38, "On the comparison of several mean values":
//   w_i = n_i / s_i²,  ȳ_w = Σ w_i ȳ_i / Σ w_i,  A = Σ w_i (ȳ_i − ȳ_w)² / (k − 1),
//   λ = Σ (1 − w_i/Σw)² / (n_i − 1),  F* = A / (1 + 2(k − 2) λ / (k² − 1)),
//   F* ~ F(k − 1, (k² − 1) / (3 λ)).
#include <optional>
#include <string>

#include "core/variation/group_samples.h"

namespace fab::variation {

struct FTest {
  double f = 0, df1 = 0, df2 = 0;
  double pValue = 1;
};

struct OneWayAnova {
  std::optional<FTest> classic;  ///< absent with fewer than 2 groups or no within-group df
  /// Absent when fewer than 2 groups have n ≥ 2 and a positive variance (Welch weights by 1/s²).
  std::optional<FTest> welch;
  std::size_t welchGroups = 0;  ///< groups the Welch test used
  std::string message;          ///< why a test is absent
};

OneWayAnova oneWayAnova(const GroupSamples& samples);

}  // namespace fab::variation

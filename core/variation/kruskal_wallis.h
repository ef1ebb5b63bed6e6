#pragma once
// Kruskal–Wallis one-way analysis of variance by ranks, with the tie correction.
//
// Kruskal & Wallis (1952); Hollander & Wolfe, "Nonparametric Statistical
// Methods", 2nd ed. (1999), §6.1, eqs. 6.5 and 6.6; NIST/SEMATECH e-Handbook §7.4.1:
//   H = 12 / (N(N+1)) Σ R_j²/n_j − 3(N+1),
//   H' = H / (1 − Σ(t³ − t)/(N³ − N))      (ties),
// referred to χ² with k − 1 degrees of freedom (the large-sample approximation).
#include "core/variation/group_samples.h"

namespace fab::variation {

struct KruskalWallis {
  double h = 0;  ///< tie-corrected statistic H'
  double hUncorrected = 0;
  double tieCorrection = 1;      ///< 1 − Σ(t³ − t)/(N³ − N)
  int df = 0;                    ///< k − 1 over the groups with values
  double pValue = 1;             ///< χ² approximation
  std::vector<double> meanRank;  ///< per group, in the samples' order (NaN for an empty group)
  std::size_t n = 0;
};

/// Needs at least two groups with values; throws fab::Error otherwise. All
/// values tied gives H = 0, p = 1.
KruskalWallis kruskalWallis(const GroupSamples& samples);

}  // namespace fab::variation

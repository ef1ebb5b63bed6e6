#pragma once
// Dunn's multiple comparisons after a Kruskal–Wallis test: which pairs of
// groups differ in mean rank.
//
// Dunn (1964), "Multiple comparisons using rank sums", Technometrics 6, with
// the tie correction of the variance (Hollander & Wolfe 1999, §6.5):
//   z_ij = (R̄_i − R̄_j) / sqrt( [N(N+1)/12 − Σ(t³ − t)/(12(N − 1))] (1/n_i + 1/n_j) ),
// two-sided p from the standard normal, adjusted over the k(k−1)/2 pairs by
// Holm's step-down method (core/variation/multiple_testing.h).
#include <string>
#include <vector>

#include "core/variation/group_samples.h"

namespace fab::variation {

struct DunnPair {
  std::size_t first = 0, second = 0;  ///< group indexes in the samples
  std::string firstLabel, secondLabel;
  double meanRankDifference = 0;  ///< R̄_first − R̄_second
  double z = 0;
  double pValue = 1;     ///< unadjusted, two-sided
  double pAdjusted = 1;  ///< Holm
};

/// Every pair of groups with values, ordered by adjusted p (smallest first).
std::vector<DunnPair> dunnPairs(const GroupSamples& samples);

}  // namespace fab::variation

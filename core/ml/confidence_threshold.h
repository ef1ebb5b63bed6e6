#pragma once
// The probability below which a classifier's answer should not be trusted,
// chosen on predictions whose truth is known (cross-validation folds).
#include <span>

namespace fab::ml {

struct ConfidenceThreshold {
  /// Maps whose top probability is below it are called uncertain.
  double threshold = 0;
  double coverage = 0;       ///< fraction of maps at or above the threshold
  double accuracyAbove = 0;  ///< accuracy of those maps (NaN when none)
  double accuracyBelow = 0;  ///< accuracy of the maps below (NaN when none)
};

/// The threshold t maximising (right − wrong) among maps with top probability
/// ≥ t: a map is worth naming exactly when, at its confidence, answers were
/// right more often than wrong. `confidence[i]` is map i's top probability and
/// `predicted[i]` / `truth[i]` its named and true classes. t is one of the
/// confidences (the lowest kept), or 0 when every map is worth naming. Throws
/// fab::Error for empty or unequal inputs.
ConfidenceThreshold chooseConfidenceThreshold(std::span<const double> confidence, std::span<const int> predicted,
                                              std::span<const int> truth);

}  // namespace fab::ml

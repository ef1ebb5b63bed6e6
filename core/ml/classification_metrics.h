#pragma once
// Accuracy, per-class precision / recall / F1, macro-F1 and the confusion
// matrix of a classifier's predictions.
#include <span>
#include <string>
#include <vector>

namespace fab::ml {

struct ClassScores {
  std::string name;
  int support = 0;    ///< true members of the class
  int predicted = 0;  ///< maps predicted as the class
  double precision;   ///< tp / predicted; NaN when nothing was predicted as the class
  double recall;      ///< tp / support; NaN when the class has no members
  double f1;  ///< 2PR/(P+R); 0 when either is 0 or undefined while the other exists, NaN when both are undefined
};

struct ClassificationMetrics {
  int count = 0;
  double accuracy = 0;
  /// Unweighted mean of F1 over the averaged classes that occur (support or
  /// predictions > 0); classes that do neither are left out and named in warnings.
  double macroF1 = 0;
  std::vector<ClassScores> perClass;
  /// confusion[t][p]: maps of true class t predicted as p.
  std::vector<std::vector<int>> confusion;
  std::vector<std::string> warnings;
};

/// Scores class indices in [0, names.size()). `averaged` lists the classes the
/// macro-F1 averages over (empty: all). Throws fab::Error for empty or unequal
/// inputs and out-of-range labels.
/// Definitions: Sokolova & Lapalme (2009), "A systematic analysis of
/// performance measures for classification tasks", Inf. Proc. Manag. 45, Table 3.
ClassificationMetrics classificationMetrics(std::span<const int> truth, std::span<const int> predicted,
                                            std::span<const std::string> names, std::span<const int> averaged = {});

}  // namespace fab::ml

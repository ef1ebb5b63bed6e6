#pragma once
// Tool commonality: at which route step does the tool (or chamber) a wafer
// ran on explain its value? docs/ARCHITECTURE.md §4 "Where variation lives".
//
// At every step the units (wafers or lots) are grouped by where they ran and
// tested: Kruskal–Wallis with the tie correction (core/variation/kruskal_wallis.h),
// the classic and Welch one-way ANOVA (oneway_anova.h) and, for pass/fail
// counts, Pearson's χ² (contingency_test.h). The steps are ranked by the
// Kruskal–Wallis p-value, adjusted for the number of steps tested by
// Benjamini–Hochberg (multiple_testing.h) — by the χ² p-value where a step has
// counts but no values. The top step gets Dunn's pairs (Holm-adjusted) and the
// leading steps their per-group box-plot statistics.
#include <optional>
#include <string>
#include <vector>

#include "core/variation/contingency_test.h"
#include "core/variation/dunn_pairs.h"
#include "core/variation/group_samples.h"
#include "core/variation/group_summary.h"
#include "core/variation/kruskal_wallis.h"
#include "core/variation/oneway_anova.h"

namespace fab::variation {

/// One step's units, grouped by where they ran.
struct StepGrouping {
  std::string step;
  GroupSamples samples;  ///< one value per unit (wafer or lot mean, or yield)
  /// Optional pass/fail counts per group (rows in the order of countLabel): {pass, fail}.
  std::vector<std::string> countLabel;
  std::vector<std::vector<double>> counts;
};

struct StepTest {
  std::string step;
  std::size_t units = 0;
  std::size_t groups = 0;
  bool tested = false;
  std::string message;  ///< why the step was not tested ("one tool only")
  std::optional<KruskalWallis> kruskalWallis;
  OneWayAnova anova;
  std::optional<ChiSquareTest> chiSquare;
  double pValue = 1;                     ///< the ranking test's p (Kruskal–Wallis, else χ²)
  double pAdjusted = 1;                  ///< Benjamini–Hochberg over the steps tested
  std::vector<GroupSummary> groupStats;  ///< filled for the leading steps, ordered by median
};

struct CommonalityOptions {
  std::size_t detailSteps = 3;  ///< steps that get box-plot statistics
};

struct CommonalityResult {
  std::vector<StepTest> steps;     ///< tested steps by adjusted p, then the untested ones
  std::vector<DunnPair> topPairs;  ///< Dunn's pairs at the top step
  std::string rankedBy =
      "Kruskal-Wallis p (tie-corrected, chi-square approximation), Benjamini-Hochberg "
      "adjusted over the steps tested";
  std::string pairsMethod = "Dunn (1964) with tie correction, Holm-adjusted over the pairs";
  std::vector<std::string> notes;
};

CommonalityResult commonality(const std::vector<StepGrouping>& steps, const CommonalityOptions& options = {});

}  // namespace fab::variation

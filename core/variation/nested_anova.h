#pragma once
// The nested (hierarchical) analysis of variance and its method-of-moments
// variance components, for balanced data.
//
// Sources: NIST/SEMATECH e-Handbook of Statistical Methods, §3.5.1.4 (furnace
// case study, nested ANOVA and components of variance); Montgomery, "Design
// and Analysis of Experiments", 9th ed., §14.1 (two-stage nested design) and
// §14.2 (the m-stage generalisation); Searle, Casella & McCulloch, "Variance
// Components" (1992), §4.4 (ANOVA estimation, balanced data).
//
// With factor levels l = 0 … L−1 outermost first and n_l observations in each
// group of level l (the residual level L has n_L = 1):
//   SS_l = Σ_groups g of l  n_l (ȳ_g − ȳ_parent(g))²,  df_l = G_l − G_{l−1} (G_{−1} = 1),
//   SS_residual = Σ (y − ȳ_innermost group)²,            df = N − G_{L−1},
//   E[MS_l] = σ²_residual + Σ_{m=l}^{L−1} n_m σ²_m,
// so σ̂²_l = (MS_l − MS_{l+1}) / n_l, σ̂²_residual = MS_residual, and each
// level is tested against the one below it: F_l = MS_l / MS_{l+1}.
#include <optional>
#include <string>
#include <vector>

#include "core/variation/nested_design.h"

namespace fab::variation {

struct NestedAnovaRow {
  std::string source;  ///< "run", "zone within run", "wafer within zone" (residual), "total"
  int df = 0;
  double ss = 0;
  double ms = 0;
  std::optional<double> f;  ///< against the next level down; absent for the residual and total
  std::optional<double> p;
  /// Expected mean square in words: "σ²(wafer) + 2 σ²(zone) + 8 σ²(run)"; "" for the total.
  std::string expectedMeanSquare;
};

struct NestedAnova {
  std::vector<NestedAnovaRow> rows;  ///< one per level, outermost first, then the total
  /// Method-of-moments estimates per level (outermost first, residual last), before
  /// any truncation: (MS_l − MS_{l+1}) / n_l. Empty when the data are unbalanced.
  std::vector<double> moments;
};

/// The hierarchical sums of squares (valid for any design). The F tests, the
/// expected mean squares and the moment estimates are given for balanced data only.
NestedAnova nestedAnova(const NestedDesign& design);

}  // namespace fab::variation

#pragma once
// Variables gauge R&R, crossed design, by the ANOVA method.
//
// Sources: AIAG, Measurement Systems Analysis, 4th ed. (2010), ch. III §B,
// "Analysis of Variance (ANOVA) Method" (Table III-B 7 and the variance
// component formulas); Montgomery, Design and Analysis of Experiments, §13.2
// (two-factor random effects model, expected mean squares). Balanced design:
//   SS_P = a r Σ(ȳ_i·· − ȳ)², SS_A = p r Σ(ȳ_·j· − ȳ)², SS_PA = r ΣΣ(ȳ_ij· − ȳ_i·· − ȳ_·j· + ȳ)²,
//   SS_E = ΣΣΣ(y − ȳ_ij·)²;  F_P = MS_P/MS_PA, F_A = MS_A/MS_PA, F_PA = MS_PA/MS_E.
// When the interaction's p-value exceeds the chosen alpha (Minitab: 0.05) it is
// pooled with repeatability and the model refitted without it. Variance
// components: σ²_E = MS_E, σ²_PA = (MS_PA − MS_E)/r, σ²_A = (MS_A − MS_PA)/(p r),
// σ²_P = (MS_P − MS_PA)/(a r) (with MS_E pooled in place of MS_PA when the
// interaction is pooled); a negative estimate is set to 0.
#include <optional>
#include <string>
#include <vector>

#include "core/msa/crossed_layout.h"
#include "core/msa/grr_summary.h"

namespace fab::msa {

struct AnovaRow {
  std::string source;  ///< "Part", "Appraiser", "Part × appraiser", "Repeatability", "Total"
  int df = 0;
  double ss = 0;
  double ms = 0;            ///< 0 for the total line
  std::optional<double> f;  ///< absent where not tested (or 0/0)
  std::optional<double> p;
};

struct AnovaGrrResult {
  int parts = 0, appraisers = 0, trials = 0;
  std::vector<AnovaRow> table;         ///< the model with the interaction
  std::vector<AnovaRow> reducedTable;  ///< the model without it, when pooled; else empty
  std::optional<double> interactionP;  ///< absent with one appraiser (no interaction term)
  bool interactionPooled = false;
  double interactionAlpha = 0.05;
  VarianceComponents variances;
  std::vector<std::string> zeroedComponents;  ///< estimates that came out negative and were set to 0
  std::vector<GrrCell> cells;
  std::vector<double> appraiserMean, partMean;
  GrrSummary summary;
  std::vector<std::string> warnings;
};

/// Needs a balanced study (same number of trials, at least 2, in every cell)
/// with at least 2 parts; throws fab::Error naming the cell otherwise.
AnovaGrrResult grrAnova(const CrossedLayout& layout, const GrrOptions& options = {});

}  // namespace fab::msa

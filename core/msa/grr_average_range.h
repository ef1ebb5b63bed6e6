#pragma once
// Variables gauge R&R, crossed design, by the average-and-range method.
//
// Source: AIAG, Measurement Systems Analysis, 4th ed. (2010), ch. III §B,
// "Average and Range Method" and the GRR report form (Figures III-B 15–16):
//   EV = R̿·K1,  K1 = 1/d2(trials)
//   AV = √((X̄diff·K2)² − EV²/(n·r)),  K2 = 1/d2*(appraisers, g = 1)  (negative → 0)
//   GRR = √(EV² + AV²),  PV = Rp·K3,  K3 = 1/d2*(parts, g = 1),  TV = √(GRR² + PV²)
// with d2 (core/spc/constants.h) and d2* (range_constants.h) computed from their definitions; they
// agree with the AIAG Appendix C table (K1 = 0.5908, K2 = 0.5231, K3 = 0.3146
// for 3 trials, 3 appraisers, 10 parts).
#include <string>
#include <vector>

#include "core/msa/crossed_layout.h"
#include "core/msa/grr_summary.h"

namespace fab::msa {

struct AverageRangeResult {
  int parts = 0, appraisers = 0, trials = 0;
  std::vector<double> appraiserMeanRange;          ///< R̄ per appraiser
  std::vector<double> appraiserMean;               ///< X̄ per appraiser
  std::vector<double> partMean;                    ///< X̄ per part over appraisers and trials
  double meanRange = 0;                            ///< R̿
  double appraiserDiff = 0;                        ///< X̄diff = max X̄ − min X̄
  double partRange = 0;                            ///< Rp = max − min of the part means
  double k1 = 0, k2 = 0, k3 = 0;                   ///< k2 = 0 with one appraiser
  double rangeUcl = 0;                             ///< D4·R̿, D4 = 1 + 3 d3/d2 (trials)
  double ev = 0, av = 0, grr = 0, pv = 0, tv = 0;  ///< standard deviations
  bool avSetToZero = false;                        ///< (X̄diff·K2)² < EV²/(n·r): AV² was negative
  std::vector<GrrCell> cells;                      ///< flagged when the range is above rangeUcl
  GrrSummary summary;
  std::vector<std::string> warnings;
};

/// Needs a balanced study (same number of trials, at least 2, in every cell)
/// with at least 2 parts; throws fab::Error naming the cell otherwise.
AverageRangeResult grrAverageRange(const CrossedLayout& layout, const GrrOptions& options = {});

}  // namespace fab::msa

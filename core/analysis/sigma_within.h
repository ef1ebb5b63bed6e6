#pragma once
// σ within for capability: the σ of the chart in force, so that Cp and Cpk
// judge the process with the same short-term variation its control limits use
// (Montgomery, Introduction to SQC, 7th ed., §8.3: σ̂ = R̄/d2, S̄/c4 or MR̄/d2,
// "the chart's estimate").
//
// Nested data (several sites per wafer) are charted with the three-way chart
// (Wheeler & Chambers, Understanding SPC, 2nd ed., §8.6): the wafer means vary
// by σ_means, the sites within a wafer by σ_within. A single measurement then
// varies by both components. With the one-way random-effects model
// x_ij = μ + b_i + w_ij (Montgomery, Design and Analysis of Experiments, 8th
// ed., §3.9), Var(x̄_i) = σ_b² + σ_w²/n, so
//   σ² = Var(x_ij) = σ_b² + σ_w² = σ_means² + σ_within²·(1 − 1/n),
// n the values per subgroup. σ_within alone would ignore the wafer-to-wafer
// (and, with approved limits of the means, lot-to-lot) variation that every
// part sees, and overstate Cpk several-fold on metrology data.
#include <string>

#include "core/spc/chart_types.h"

namespace fab::analysis {

struct SigmaWithin {
  double sigma = 0;
  std::string method;  ///< in words, e.g. "MR̄/d2 of the individuals"
};

/// σ of one value from the last phase of `chart` (approved or estimated).
/// Throws fab::Error for attribute charts, which have no σ of values.
SigmaWithin sigmaWithin(const spc::ChartResult& chart);

}  // namespace fab::analysis

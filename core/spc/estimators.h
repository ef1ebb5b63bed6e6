#pragma once
// The σ and centre estimators the strategies share, each written once
// (Montgomery, Introduction to SQC, 7th ed., §6.2–6.4; ASTM E2587 §8).
#include <cstddef>
#include <span>
#include <string>

#include "core/spc/chart_strategy.h"

namespace fab::spc {

struct SpreadEstimate {
  double sigma = ProcessEstimate::kNaN;
  std::size_t count = 0;  ///< moving ranges or subgroups that entered it
  std::string method;
};

/// σ from the moving ranges |xᵢ − xᵢ₋₁| of consecutive baseline points (both
/// present and not excluded): MR̄/d2(2), or median(MR)/0.9539 (Montgomery §6.4).
SpreadEstimate movingRangeSigma(std::span<const double> x, const Baseline& baseline, MovingRangeMethod method);

/// σ within subgroups of the baseline with n ≥ 2: R̄/d2 or S̄/c4, pooled over
/// varying n as the minimum-variance weighted mean of the unbiased Rᵢ/d2(nᵢ)
/// (weights (d2/d3)²) or sᵢ/c4(nᵢ) (weights c4²/(1 − c4²)) — ASTM E2587 §8.1.
/// With one subgroup size these are exactly R̄/d2 and S̄/c4.
SpreadEstimate withinSigma(const SubgroupSummary& s, const Baseline& baseline, WithinSpread spread);

/// Mean of all baseline values (Σ nᵢ x̄ᵢ / Σ nᵢ); counts the subgroups and values used.
double grandMean(const SubgroupSummary& s, const Baseline& baseline, std::size_t& subgroups, std::size_t& values);

/// Throws a message naming the chart when fewer than 2 baseline points are usable.
void requireBaseline(std::size_t usable, const char* chart, const char* what);
/// Throws a message when a σ estimate is zero or not finite (all values equal, …).
void requireSpread(double sigma, const char* chart, const std::string& what);

/// The centre and σ of a variables chart: the grand mean, and σ from moving
/// ranges (individuals) or within subgroups (options.withinSpread), then any
/// known centre / σ, with the baseline and spread checks above.
ProcessEstimate meanAndSigma(const SubgroupSummary& s, const Baseline& baseline, const ChartOptions& options,
                             const char* chart);

/// Applies options.knownCenter / knownSigma over an estimate.
void applyKnown(ProcessEstimate& e, const ChartOptions& options);

}  // namespace fab::spc

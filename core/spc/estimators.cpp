#include "core/spc/estimators.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/common/error.h"
#include "core/spc/constants.h"

namespace fab::spc {

SpreadEstimate movingRangeSigma(std::span<const double> x, const Baseline& baseline, MovingRangeMethod method) {
  SpreadEstimate e;
  const std::size_t end = std::min(baseline.last + 1, x.size());
  double sum = 0;
  std::vector<double> ranges;
  for (std::size_t i = baseline.first + 1; i < end; ++i) {
    if (!baseline.uses(i) || !baseline.uses(i - 1)) continue;
    const double mr = std::abs(x[i] - x[i - 1]);
    if (std::isnan(mr)) continue;
    ++e.count;
    if (method == MovingRangeMethod::Median)
      ranges.push_back(mr);
    else
      sum += mr;
  }
  if (e.count == 0) return e;
  if (method == MovingRangeMethod::Median) {
    auto mid = ranges.begin() + ranges.size() / 2;
    std::nth_element(ranges.begin(), mid, ranges.end());
    double median = *mid;
    if (ranges.size() % 2 == 0) median = 0.5 * (median + *std::max_element(ranges.begin(), mid));
    e.sigma = median / medianMovingRangeFactor();
    e.method = "median MR/0.954";
  } else {
    e.sigma = sum / e.count / d2(2);
    e.method = "MR̄/d2";
  }
  return e;
}

SpreadEstimate withinSigma(const SubgroupSummary& s, const Baseline& baseline, WithinSpread spread) {
  SpreadEstimate e;
  if (s.individuals) return e;
  ConstantsCache constants;
  double weighted = 0, weights = 0;
  const std::size_t end = std::min(baseline.last + 1, s.count());
  for (std::size_t i = baseline.first; i < end; ++i) {
    if (!baseline.uses(i) || s.n[i] < 2) continue;
    const auto& k = constants(static_cast<int>(s.n[i]));
    double unbiased, weight;
    if (spread == WithinSpread::Range) {
      unbiased = s.range[i] / k.d2;
      weight = (k.d2 / k.d3) * (k.d2 / k.d3);
    } else {
      unbiased = s.sd[i] / k.c4;
      weight = k.c4 * k.c4 / (1.0 - k.c4 * k.c4);
    }
    weighted += weight * unbiased;
    weights += weight;
    ++e.count;
  }
  if (e.count > 0) e.sigma = weighted / weights;
  e.method = spread == WithinSpread::Range ? "R̄/d2" : "S̄/c4";
  return e;
}

double grandMean(const SubgroupSummary& s, const Baseline& baseline, std::size_t& subgroups, std::size_t& values) {
  double sum = 0;
  subgroups = values = 0;
  const std::size_t end = std::min(baseline.last + 1, s.count());
  for (std::size_t i = baseline.first; i < end; ++i) {
    const double n = s.size(i);
    if (!baseline.uses(i) || n == 0) continue;
    sum += s.mean[i] * n;
    values += static_cast<std::size_t>(n);
    ++subgroups;
  }
  return values > 0 ? sum / static_cast<double>(values) : ProcessEstimate::kNaN;
}

void requireBaseline(std::size_t usable, const char* chart, const char* what) {
  if (usable >= 2) return;
  throw Error(std::string(chart) + " chart: the baseline has " + std::to_string(usable) + " usable " + what +
              "; at least 2 are needed to estimate limits (widen the baseline, include excluded points, or supply "
              "a known centre and σ)");
}

void requireSpread(double sigma, const char* chart, const std::string& what) {
  if (std::isfinite(sigma) && sigma > 0) return;
  if (std::isfinite(sigma))
    throw Error(std::string(chart) + " chart: " + what +
                " is zero (every baseline value is the same), so the limits would collapse onto the centre line; "
                "check the data's resolution or supply a known σ");
  throw Error(std::string(chart) + " chart: " + what +
              " cannot be estimated from the baseline (too few values present); supply a known σ or widen the "
              "baseline");
}

ProcessEstimate meanAndSigma(const SubgroupSummary& s, const Baseline& baseline, const ChartOptions& options,
                             const char* chart) {
  ProcessEstimate e;
  e.center = grandMean(s, baseline, e.subgroupsUsed, e.valuesUsed);
  const auto spread = s.individuals ? movingRangeSigma(s.mean, baseline, options.movingRange)
                                    : withinSigma(s, baseline, options.withinSpread);
  e.sigma = spread.sigma;
  e.sigmaMethod = spread.method;
  applyKnown(e, options);
  if (!e.centerKnown || !e.sigmaKnown) requireBaseline(e.subgroupsUsed, chart, s.individuals ? "values" : "subgroups");
  if (!e.sigmaKnown && spread.count == 0)
    throw Error(std::string(chart) + " chart: " +
                (s.individuals ? "the baseline has no two consecutive values to form a moving range"
                               : "no baseline subgroup has two or more values to estimate σ within") +
                "; supply a known σ or widen the baseline");
  requireSpread(e.sigma, chart, "σ̂ (" + e.sigmaMethod + ")");
  return e;
}

void applyKnown(ProcessEstimate& e, const ChartOptions& options) {
  if (options.knownCenter) {
    e.center = *options.knownCenter;
    e.centerKnown = true;
  }
  if (options.knownSigma) {
    e.sigma = *options.knownSigma;
    e.sigmaKnown = true;
    e.sigmaMethod = "known";
  }
}

}  // namespace fab::spc

#include "core/msa/grr_average_range.h"

#include <algorithm>
#include <cmath>

#include "core/msa/range_constants.h"
#include "core/spc/constants.h"

namespace fab::msa {
namespace {

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

double spread(const std::vector<double>& v) {
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  return *hi - *lo;
}

}  // namespace

AverageRangeResult grrAverageRange(const CrossedLayout& layout, const GrrOptions& options) {
  options.validate();
  const int r = layout.requireBalanced("the average-and-range method");
  AverageRangeResult out;
  out.parts = static_cast<int>(layout.partCount());
  out.appraisers = static_cast<int>(layout.appraiserCount());
  out.trials = r;
  out.cells = grrCells(layout);

  const auto P = layout.partCount(), A = layout.appraiserCount();
  out.appraiserMeanRange.assign(A, 0.0);
  out.appraiserMean.assign(A, 0.0);
  out.partMean.assign(P, 0.0);
  for (const auto& c : out.cells) {
    out.appraiserMeanRange[c.appraiser] += c.range / static_cast<double>(P);
    out.appraiserMean[c.appraiser] += c.mean / static_cast<double>(P);
    out.partMean[c.part] += c.mean / static_cast<double>(A);
  }
  out.meanRange = mean(out.appraiserMeanRange);
  out.appraiserDiff = spread(out.appraiserMean);
  out.partRange = spread(out.partMean);

  const double d2 = spc::d2(r);
  out.k1 = 1 / d2;
  out.k2 = A >= 2 ? 1 / rangeD2StarOneSubgroup(static_cast<int>(A)) : 0.0;
  out.k3 = 1 / rangeD2StarOneSubgroup(static_cast<int>(P));
  out.rangeUcl = (1 + 3 * spc::d3(r) / d2) * out.meanRange;
  for (auto& c : out.cells) c.rangeAboveLimit = c.range > out.rangeUcl;

  out.ev = out.meanRange * out.k1;
  const double avSquared = std::pow(out.appraiserDiff * out.k2, 2) - out.ev * out.ev / (static_cast<double>(P) * r);
  out.avSetToZero = avSquared < 0;
  out.av = std::sqrt(std::max(0.0, avSquared));
  out.grr = std::hypot(out.ev, out.av);
  out.pv = out.partRange * out.k3;
  out.tv = std::hypot(out.grr, out.pv);

  VarianceComponents v;
  v.repeatability = out.ev * out.ev;
  v.appraiser = out.av * out.av;
  v.part = out.pv * out.pv;
  out.summary = summarizeGrr(v, options);

  if (out.avSetToZero)
    out.warnings.push_back(
        "the appraiser differences are smaller than repeatability explains: AV² was negative "
        "and AV is set to 0 (AIAG 4th ed.)");
  const auto flagged =
      std::count_if(out.cells.begin(), out.cells.end(), [](const GrrCell& c) { return c.rangeAboveLimit; });
  if (flagged > 0)
    out.warnings.push_back(std::to_string(flagged) + " part × appraiser range(s) above the R chart limit " +
                           std::to_string(out.rangeUcl) + ": check those measurements before trusting EV");
  if (A == 1) out.warnings.push_back("one appraiser: reproducibility cannot be estimated and is taken as 0");
  return out;
}

}  // namespace fab::msa

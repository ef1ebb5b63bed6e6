#include "core/lean/evidence.h"

#include <cmath>
#include <cstdio>

#include "core/common/error.h"
#include "core/spc/constants.h"

namespace fab::lean {
namespace {
std::string num(double v, int digits = 4) {
  char b[48];
  std::snprintf(b, sizeof b, "%.*g", digits, v);
  return b;
}
/// Capability of one side's values, σ within from the average moving range.
spc::CapabilityResult sideCapability(const std::vector<double>& values, const spc::SpecLimits& spec) {
  double mr = 0;
  for (std::size_t i = 1; i < values.size(); ++i) mr += std::fabs(values[i] - values[i - 1]);
  const double sigmaWithin = values.size() > 1 ? mr / static_cast<double>(values.size() - 1) / spc::d2(2) : 0;
  spc::CapabilityOptions options;
  options.spec = spec;
  return spc::capability(values, sigmaWithin, "MR-bar/d2 of wafer means", options);
}

/// The index to compare: Cpk for two-sided specs, else the one-sided index.
const spc::CapabilityIndex& comparedIndex(const spc::CapabilityResult& c) {
  if (c.cpk.available) return c.cpk;
  return c.cpl.available ? c.cpl : c.cpu;
}

}  // namespace

KaizenEvidence computeEvidence(const EvidenceInput& input, const EvidenceOptions& options) {
  if (input.values.size() != input.after.size()) throw Error("internal: evidence values and phases differ in length");
  std::vector<double> before, after;
  for (std::size_t i = 0; i < input.values.size(); ++i) (input.after[i] ? after : before).push_back(input.values[i]);
  KaizenEvidence e;
  e.splitBasis = input.splitBasis;
  e.mean = welchTest(before, after);
  e.spread = brownForsythe(before, after);
  const std::string meanText = "mean " + num(e.mean.before.mean) + " → " + num(e.mean.after.mean) + " (Welch t = " +
                               num(e.mean.t, 3) + ", p = " + num(e.mean.pValue, 2) + ")";
  const std::string spreadText = "sd " + num(e.mean.before.sd) + " → " + num(e.mean.after.sd) +
                                 " (Brown–Forsythe F = " + num(e.spread.f, 3) + ", p = " + num(e.spread.pValue, 2) + ")";
  switch (options.intended) {
    case Direction::LowerMean:
      e.improvementShown = e.mean.difference < 0 && e.mean.pValue < options.alpha;
      e.verdict = meanText;
      break;
    case Direction::HigherMean:
      e.improvementShown = e.mean.difference > 0 && e.mean.pValue < options.alpha;
      e.verdict = meanText;
      break;
    case Direction::LowerSpread:
      e.improvementShown = e.spread.ratio < 1 && e.spread.pValue < options.alpha;
      e.verdict = spreadText;
      break;
    case Direction::HigherCpk:
      if (!options.spec.lsl && !options.spec.usl)
        throw Error("a higher-Cpk kaizen needs spec limits for its parameter (import them with --kind specs)");
      e.verdict = meanText + "; " + spreadText;
      break;
  }
  if (options.spec.lsl || options.spec.usl) {
    e.capabilityBefore = sideCapability(before, options.spec);
    e.capabilityAfter = sideCapability(after, options.spec);
    const auto& b = comparedIndex(*e.capabilityBefore);
    const auto& a = comparedIndex(*e.capabilityAfter);
    const std::string cpkText = "Cpk " + num(b.value, 3) + " [" + num(b.lower, 3) + ", " + num(b.upper, 3) + "] → " +
                                num(a.value, 3) + " [" + num(a.lower, 3) + ", " + num(a.upper, 3) + "]";
    if (options.intended == Direction::HigherCpk) {
      // Shown only when the intervals (Bissell) do not overlap: a conservative test.
      e.improvementShown = a.lower > b.upper;
      e.verdict = cpkText;
    } else {
      e.verdict += "; " + cpkText;
    }
  }
  e.verdict = (e.improvementShown ? "shown: " : "not shown: ") + e.verdict;
  return e;
}

}  // namespace fab::lean

#include "core/lean/evidence.h"

#include <cmath>
#include <cstdio>

#include "core/common/error.h"

namespace fab::lean {
namespace {
std::string num(double v, int digits = 4) {
  char b[48];
  std::snprintf(b, sizeof b, "%.*g", digits, v);
  return b;
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
      e.verdict = meanText + "; " + spreadText;
      break;
  }
  e.verdict = (e.improvementShown ? "shown: " : "not shown: ") + e.verdict;
  return e;
}

}  // namespace fab::lean

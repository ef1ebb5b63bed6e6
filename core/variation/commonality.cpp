#include "core/variation/commonality.h"

#include <algorithm>
#include <cmath>

#include "core/variation/multiple_testing.h"

namespace fab::variation {

CommonalityResult commonality(const std::vector<StepGrouping>& steps, const CommonalityOptions& options) {
  CommonalityResult r;
  std::vector<double> p;
  for (const auto& s : steps) {
    StepTest t;
    t.step = s.step;
    t.units = s.samples.total();
    std::size_t withValues = 0;
    for (const auto& v : s.samples.values) withValues += v.empty() ? 0 : 1;
    t.groups = std::max(withValues, s.countLabel.size());
    if (withValues >= 2) {
      t.kruskalWallis = kruskalWallis(s.samples);
      t.anova = oneWayAnova(s.samples);
      t.pValue = t.kruskalWallis->pValue;
      t.tested = true;
    }
    if (s.countLabel.size() >= 2) {
      t.chiSquare = chiSquareIndependence(s.counts);
      if (!t.tested && t.chiSquare->message.empty()) {
        t.pValue = t.chiSquare->pValue;
        t.tested = true;
      }
    }
    if (!t.tested) {
      t.message = t.groups < 2 ? "every unit ran on the same tool" : "no test defined";
      t.pValue = t.pAdjusted = std::nan("");
    }
    p.push_back(t.tested ? t.pValue : std::nan(""));
    r.steps.push_back(std::move(t));
  }
  const auto q = benjaminiHochberg(p);
  for (std::size_t i = 0; i < r.steps.size(); ++i) r.steps[i].pAdjusted = q[i];
  std::vector<std::size_t> order(steps.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    const auto& x = r.steps[a];
    const auto& y = r.steps[b];
    if (x.tested != y.tested) return x.tested;
    if (!x.tested) return false;
    if (x.pAdjusted != y.pAdjusted) return x.pAdjusted < y.pAdjusted;
    return x.pValue < y.pValue;  // BH ties: the raw p decides
  });
  std::vector<StepTest> ranked;
  for (auto i : order) ranked.push_back(std::move(r.steps[i]));
  r.steps = std::move(ranked);
  for (std::size_t k = 0; k < r.steps.size() && k < options.detailSteps; ++k) {
    auto& t = r.steps[k];
    if (!t.tested) break;
    const auto& s = steps[order[k]];
    for (std::size_t g = 0; g < s.samples.groupCount(); ++g)
      t.groupStats.push_back(summariseGroup(s.samples.label[g], s.samples.values[g]));
    std::stable_sort(t.groupStats.begin(), t.groupStats.end(),
                     [](const auto& a, const auto& b) { return a.median < b.median; });
    if (k == 0 && t.kruskalWallis) r.topPairs = dunnPairs(s.samples);
  }
  return r;
}

}  // namespace fab::variation

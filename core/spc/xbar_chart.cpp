// X̄-R and X̄-S charts (Montgomery, Introduction to SQC, 7th ed., §6.2–6.3;
// NIST/SEMATECH e-Handbook §6.3.2.1). Every point uses its own subgroup size:
// X̄ limits μ ± L·σ/√nᵢ; R chart centre d2(nᵢ)·σ, limits (d2 ± L·d3)·σ; S chart
// centre c4(nᵢ)·σ, limits (c4 ± L·√(1 − c4²))·σ. With one subgroup size and
// L = 3 these are the textbook A2·R̄, D3/D4·R̄, A3·S̄ and B3/B4·S̄ limits.
#include <cmath>

#include "core/spc/constants.h"
#include "core/spc/estimators.h"
#include "core/spc/panel_builders.h"

namespace fab::spc {
namespace {

class XbarStrategy final : public ChartStrategy {
 public:
  explicit XbarStrategy(WithinSpread spread) : spread_(spread) {}

  const char* name() const { return spread_ == WithinSpread::Range ? "X̄-R" : "X̄-S"; }

  std::vector<ChartPanel> makePanels() const override {
    return {{"X̄", true, {}, {}, {}}, {spread_ == WithinSpread::Range ? "R" : "S", false, {}, {}, {}}};
  }

  ProcessEstimate estimate(const ChartData& data, const Baseline& baseline,
                           const ChartOptions& options) const override {
    ChartOptions own = options;
    own.withinSpread = spread_;  // the chart's own spread statistic estimates σ
    return meanAndSigma(data.variables, baseline, own, name());
  }

  void plot(const ChartData& data, const ProcessEstimate& e, std::size_t first, std::size_t last,
            const ChartOptions& options, std::vector<ChartPanel>& panels) const override {
    const auto& s = data.variables;
    auto& means = panels[0];
    auto& spread = panels[1];
    ConstantsCache constants;
    const double L = options.L;
    for (std::size_t i = first; i < last; ++i) {
      const double n = s.n[i];
      means.value.push_back(s.mean[i]);
      plotSpreadPoint(spread, i, spread_ == WithinSpread::Range ? s.range[i] : s.sd[i], n, e.sigma, spread_, L,
                      constants);
      if (n == 0) continue;  // an empty subgroup has no point and no limits
      const double se = e.sigma / std::sqrt(static_cast<double>(n));
      appendLimits(means.limits, i, e.center, se, e.center - L * se, e.center + L * se);
    }
  }

 private:
  WithinSpread spread_;
};

}  // namespace

std::unique_ptr<ChartStrategy> makeXbarStrategy(WithinSpread spread) { return std::make_unique<XbarStrategy>(spread); }

}  // namespace fab::spc

// Three-way chart (Wheeler & Chambers, Understanding Statistical Process
// Control, 2nd ed., §8.6; Montgomery §6.3.3 on between/within variation):
// when several sites per wafer are one subgroup, the within-subgroup σ
// understates lot-to-lot variation, so the subgroup means are charted as
// individuals with limits from their own moving ranges (x̿ ± L·MR̄/d2(2)), with
// the moving range of the means, and the R or S chart of the spread within.
#include <cmath>

#include "core/common/error.h"
#include "core/spc/constants.h"
#include "core/spc/estimators.h"
#include "core/spc/panel_builders.h"

namespace fab::spc {
namespace {

class ThreeWayStrategy final : public ChartStrategy {
 public:
  std::vector<ChartPanel> makePanels() const override {
    return {{"Subgroup mean", true, {}, {}, {}},
            {"Moving range of means", false, {}, {}, {}},
            {"Within", false, {}, {}, {}}};
  }

  ProcessEstimate estimate(const ChartData& data, const Baseline& baseline,
                           const ChartOptions& options) const override {
    const auto& s = data.variables;
    if (s.individuals) throw Error("three-way chart: needs subgroups of several values (give a subgroup key or size)");
    // The centre is the average of the subgroup means: the means are the individuals here.
    ProcessEstimate e;
    double sum = 0;
    const std::size_t end = std::min(baseline.last + 1, s.count());
    for (std::size_t i = baseline.first; i < end; ++i) {
      if (!baseline.uses(i) || s.n[i] == 0) continue;
      sum += s.mean[i];
      e.valuesUsed += static_cast<std::size_t>(s.n[i]);
      ++e.subgroupsUsed;
    }
    e.center = e.subgroupsUsed ? sum / e.subgroupsUsed : ProcessEstimate::kNaN;
    const auto between = movingRangeSigma(s.mean, baseline, options.movingRange);
    const auto within = withinSigma(s, baseline, options.withinSpread);
    e.sigmaOfMeans = between.sigma;
    e.sigma = within.sigma;
    e.sigmaMethod = within.method + " within, " + between.method + " of the means";
    applyKnown(e, options);  // a known σ is the σ within subgroups
    requireBaseline(e.subgroupsUsed, "three-way", "subgroups");
    requireSpread(e.sigmaOfMeans, "three-way", "σ of the subgroup means (" + between.method + ")");
    requireSpread(e.sigma, "three-way", "σ̂ within (" + within.method + ")");
    return e;
  }

  void plot(const ChartData& data, const ProcessEstimate& e, std::size_t first, std::size_t last,
            const ChartOptions& options, std::vector<ChartPanel>& panels) const override {
    const auto& s = data.variables;
    const double L = options.L;
    auto& means = panels[0];
    auto& movingRange = panels[1];
    auto& within = panels[2];
    within.name = options.withinSpread == WithinSpread::Range ? "Range within" : "S within";
    plotIndividuals(s.mean, first, last, e.center, e.sigmaOfMeans, L, means, movingRange);
    ConstantsCache constants;
    const bool range = options.withinSpread == WithinSpread::Range;
    for (std::size_t i = first; i < last; ++i)
      plotSpreadPoint(within, i, range ? s.range[i] : s.sd[i], s.n[i], e.sigma, options.withinSpread, L, constants);
  }
};

}  // namespace

std::unique_ptr<ChartStrategy> makeThreeWayStrategy() { return std::make_unique<ThreeWayStrategy>(); }

}  // namespace fab::spc

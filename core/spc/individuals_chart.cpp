// Individuals and moving range chart (Montgomery, Introduction to SQC, 7th ed.,
// §6.4; NIST/SEMATECH e-Handbook §6.3.2.2): centre x̄, limits x̄ ± L·σ̂ with
// σ̂ = MR̄/d2(2) (or median MR/0.954); MR chart centre d2·σ̂, limits
// (d2 ± L·d3)·σ̂, which is D3·MR̄ and D4·MR̄ for L = 3.
#include "core/spc/estimators.h"
#include "core/spc/panel_builders.h"

namespace fab::spc {
namespace {

class IndividualsStrategy final : public ChartStrategy {
 public:
  std::vector<ChartPanel> makePanels() const override {
    return {{"Individuals", true, {}, {}, {}}, {"Moving range", false, {}, {}, {}}};
  }

  ProcessEstimate estimate(const ChartData& data, const Baseline& baseline,
                           const ChartOptions& options) const override {
    return meanAndSigma(data.variables, baseline, options, "I-MR");
  }

  void plot(const ChartData& data, const ProcessEstimate& e, std::size_t first, std::size_t last,
            const ChartOptions& options, std::vector<ChartPanel>& panels) const override {
    plotIndividuals(data.variables.mean, first, last, e.center, e.sigma, options.L, panels[0], panels[1]);
  }
};

}  // namespace

std::unique_ptr<ChartStrategy> makeIndividualsStrategy() { return std::make_unique<IndividualsStrategy>(); }

}  // namespace fab::spc

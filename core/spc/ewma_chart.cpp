// EWMA chart with exact time-varying limits (Montgomery, Introduction to SQC,
// 7th ed., §9.2, eqs. 9.22–9.25; NIST/SEMATECH e-Handbook §6.3.2.4).
// zᵢ = λ·x̄ᵢ + (1 − λ)·zᵢ₋₁, z₀ = target (default the centre). Its variance
// follows Vᵢ = (1 − λ)²·Vᵢ₋₁ + λ²·σ²/nᵢ, V₀ = 0, which for constant n is
// σ²/n · λ/(2 − λ) · [1 − (1 − λ)^(2i)]; limits μ₀ ± L·√Vᵢ. A missing point
// leaves z and V unchanged. σ from MR̄/d2 (individuals) or σ̂ within.
#include <cmath>

#include "core/spc/estimators.h"

namespace fab::spc {
namespace {

class EwmaStrategy final : public ChartStrategy {
 public:
  std::vector<ChartPanel> makePanels() const override { return {{"EWMA", false, {}, {}, {}}}; }

  ProcessEstimate estimate(const ChartData& data, const Baseline& baseline,
                           const ChartOptions& options) const override {
    return meanAndSigma(data.variables, baseline, options, "EWMA");
  }

  void plot(const ChartData& data, const ProcessEstimate& e, std::size_t first, std::size_t last,
            const ChartOptions& options, std::vector<ChartPanel>& panels) const override {
    const auto& s = data.variables;
    auto& panel = panels[0];
    const double lambda = options.lambda, keep = 1.0 - options.lambda;
    const double center = options.target.value_or(e.center);
    const double variance = e.sigma * e.sigma;
    double z = center, v = 0;
    for (std::size_t i = first; i < last; ++i) {
      const double n = s.size(i);
      if (n == 0) {
        panel.value.push_back(ProcessEstimate::kNaN);
        continue;
      }
      z = lambda * s.mean[i] + keep * z;
      v = keep * keep * v + lambda * lambda * variance / n;
      const double sd = std::sqrt(v);
      panel.value.push_back(z);
      appendLimits(panel.limits, i, center, sd, center - options.L * sd, center + options.L * sd);
    }
  }
};

}  // namespace

std::unique_ptr<ChartStrategy> makeEwmaStrategy() { return std::make_unique<EwmaStrategy>(); }

}  // namespace fab::spc

// Tabular CUSUM (Montgomery, Introduction to SQC, 7th ed., §9.1.2–9.1.5,
// eqs. 9.2–9.3; NIST/SEMATECH e-Handbook §6.3.2.3), on standardised values
// yᵢ = (x̄ᵢ − μ₀)/(σ/√nᵢ): C⁺ᵢ = max(0, yᵢ − k + C⁺ᵢ₋₁), C⁻ᵢ = max(0, −yᵢ − k + C⁻ᵢ₋₁),
// signal when either exceeds h. Fast initial response (Lucas & Crosier 1982):
// C⁺₀ = C⁻₀ = headStart·h. When a phase has one subgroup size the sums are
// shown in data units (× σ/√n, so K = kσ/√n and H = hσ/√n as in Montgomery's
// tables); with varying sizes they stay standardised. C⁻ is drawn below zero.
#include <cmath>

#include "core/spc/estimators.h"

namespace fab::spc {
namespace {

class CusumStrategy final : public ChartStrategy {
 public:
  std::vector<ChartPanel> makePanels() const override {
    return {{"CUSUM C+", false, {}, {}, {}}, {"CUSUM C−", false, {}, {}, {}}};
  }

  ProcessEstimate estimate(const ChartData& data, const Baseline& baseline,
                           const ChartOptions& options) const override {
    return meanAndSigma(data.variables, baseline, options, "CUSUM");
  }

  void plot(const ChartData& data, const ProcessEstimate& e, std::size_t first, std::size_t last,
            const ChartOptions& options, std::vector<ChartPanel>& panels) const override {
    const auto& s = data.variables;
    const double target = options.target.value_or(e.center);
    // One subgroup size across the phase: show data units; otherwise standardised.
    double size = 0;
    bool constant = true;
    for (std::size_t i = first; i < last; ++i) {
      if (s.size(i) == 0) continue;
      if (size == 0) size = s.size(i);
      constant &= s.size(i) == size;
    }
    const double scale = constant && size > 0 ? e.sigma / std::sqrt(static_cast<double>(size)) : 1.0;
    const double H = options.h * scale;
    auto& upper = panels[0];
    auto& lower = panels[1];
    appendLimitRange(upper.limits, first, last, 0.0, ProcessEstimate::kNaN, ProcessEstimate::kNaN, H);
    appendLimitRange(lower.limits, first, last, 0.0, ProcessEstimate::kNaN, -H, ProcessEstimate::kNaN);
    double cPlus = options.headStart * options.h, cMinus = cPlus;
    for (std::size_t i = first; i < last; ++i) {
      const double n = s.size(i);
      if (n == 0) {
        upper.value.push_back(ProcessEstimate::kNaN);
        lower.value.push_back(ProcessEstimate::kNaN);
        continue;
      }
      const double y = (s.mean[i] - target) / (e.sigma / std::sqrt(n));
      cPlus = std::max(0.0, y - options.k + cPlus);
      cMinus = std::max(0.0, -y - options.k + cMinus);
      upper.value.push_back(cPlus * scale);
      lower.value.push_back(-cMinus * scale);
    }
  }
};

}  // namespace

std::unique_ptr<ChartStrategy> makeCusumStrategy() { return std::make_unique<CusumStrategy>(); }

}  // namespace fab::spc

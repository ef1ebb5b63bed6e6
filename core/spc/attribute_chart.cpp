// Attribute charts with per-point limits (Montgomery, Introduction to SQC,
// 7th ed., §7.2–7.3; NIST/SEMATECH e-Handbook §6.3.3):
//   p   fraction dᵢ/nᵢ, centre p̄ = Σd/Σn, σᵢ = √(p̄(1 − p̄)/nᵢ)
//   np  count dᵢ, centre nᵢp̄, σᵢ = √(nᵢp̄(1 − p̄))
//   c   count cᵢ, centre c̄ = Σc/m, σ = √c̄
//   u   rate cᵢ/nᵢ, centre ū = Σc/Σn, σᵢ = √(ū/nᵢ)
// Laney p′ and u′ (Laney 2002, Quality Engineering 14(4), 531–537) scale σᵢ
// by σz = MR̄(z)/d2(2) of the standardised baseline points zᵢ = (xᵢ − x̄)/σᵢ,
// absorbing overdispersion between samples. Limits are centre ± L·σᵢ,
// clipped at 0 (and at 1 for p, nᵢ for np).
#include <cmath>
#include <string>

#include "core/common/error.h"
#include "core/spc/estimators.h"

namespace fab::spc {
namespace {

struct AttributeKind {
  const char* name;
  bool binomial;    ///< defectives out of n (p, np, Laney p′); else Poisson defects
  bool perUnit;     ///< the statistic is divided by the size (p, u); np and c plot counts
  bool ignoreSize;  ///< c: every sample is one unit of opportunity
  bool laney;
};

AttributeKind kindOf(ChartType type) {
  switch (type) {
    case ChartType::P:
      return {"p", true, true, false, false};
    case ChartType::Np:
      return {"np", true, false, false, false};
    case ChartType::C:
      return {"c", false, false, true, false};
    case ChartType::U:
      return {"u", false, true, false, false};
    case ChartType::LaneyP:
      return {"Laney p′", true, true, false, true};
    case ChartType::LaneyU:
      return {"Laney u′", false, true, false, true};
    default:
      break;
  }
  throw Error("not an attribute chart");
}

class AttributeStrategy final : public ChartStrategy {
 public:
  explicit AttributeStrategy(ChartType type) : kind_(kindOf(type)) {}

  std::vector<ChartPanel> makePanels() const override { return {{kind_.name, true, {}, {}, {}}}; }

  ProcessEstimate estimate(const ChartData& data, const Baseline& baseline,
                           const ChartOptions& options) const override {
    const auto& a = data.attributes;
    ProcessEstimate e;
    double count = 0, size = 0;
    const std::size_t end = std::min(baseline.last + 1, a.points());
    for (std::size_t i = baseline.first; i < end; ++i) {
      if (!baseline.uses(i) || !present(a, i)) continue;
      count += a.count[i];
      size += sizeOf(a, i);
      ++e.subgroupsUsed;
    }
    e.valuesUsed = static_cast<std::size_t>(size);
    e.center = size > 0 ? count / size : ProcessEstimate::kNaN;
    e.sigmaMethod = kind_.binomial ? "binomial" : "Poisson";
    applyKnown(e, options);
    e.sigma = ProcessEstimate::kNaN;
    e.sigmaKnown = false;
    if (!e.centerKnown) requireBaseline(e.subgroupsUsed, kind_.name, "samples");
    const std::string what = kind_.binomial ? "fraction defective p̄" : "defect rate";
    if (!(e.center > 0))
      throw Error(std::string(kind_.name) + " chart: the " + what +
                  " is zero (no defects in the baseline), so the limits would collapse onto zero; widen the baseline "
                  "or supply a known centre");
    if (kind_.binomial && !(e.center < 1))
      throw Error(std::string(kind_.name) +
                  " chart: every unit in the baseline is defective (p̄ = 1); the limits "
                  "would collapse; supply a known centre");
    if (kind_.laney) {
      // σz from the moving ranges of the standardised baseline points.
      std::vector<double> z(a.points(), ProcessEstimate::kNaN);
      for (std::size_t i = baseline.first; i < end; ++i)
        if (present(a, i)) z[i] = (statistic(a, i) / scale(a, i) - e.center) / unitSigma(e.center, a, i);
      const auto spread = movingRangeSigma(z, baseline, MovingRangeMethod::Average);
      requireBaseline(spread.count + 1, kind_.name, "consecutive samples");
      requireSpread(spread.sigma, kind_.name, "σz (MR̄/d2 of the standardised points)");
      e.sigmaZ = spread.sigma;
      e.sigmaMethod += ", σz = MR̄(z)/d2";
    }
    return e;
  }

  void plot(const ChartData& data, const ProcessEstimate& e, std::size_t first, std::size_t last,
            const ChartOptions& options, std::vector<ChartPanel>& panels) const override {
    const auto& a = data.attributes;
    auto& panel = panels[0];
    for (std::size_t i = first; i < last; ++i) {
      if (!present(a, i)) {
        panel.value.push_back(ProcessEstimate::kNaN);
        continue;
      }
      const double f = scale(a, i);
      const double center = e.center * f;
      const double sd = e.sigmaZ * unitSigma(e.center, a, i) * f;
      const double upperBound = kind_.binomial ? f : std::numeric_limits<double>::infinity();
      panel.value.push_back(statistic(a, i));
      appendLimits(panel.limits, i, center, sd, std::max(0.0, center - options.L * sd),
                   std::min(upperBound, center + options.L * sd));
    }
  }

  /// Checks every point's count and size once, naming the first bad one.
  void validate(const AttributeSummary& a) const {
    for (std::size_t i = 0; i < a.points(); ++i) {
      if (std::isnan(a.count[i])) continue;
      auto where = [&] { return std::string(kind_.name) + " chart, subgroup " + std::to_string(i + 1) + ": "; };
      if (a.count[i] < 0) throw Error(where() + "the count is negative");
      if (!kind_.ignoreSize && !(a.size[i] > 0)) throw Error(where() + "the sample size must be positive");
      if (kind_.binomial && a.count[i] > a.size[i])
        throw Error(where() + "more defectives (" + std::to_string(a.count[i]) + ") than units inspected (" +
                    std::to_string(a.size[i]) + ")");
    }
  }

 private:
  bool present(const AttributeSummary& a, std::size_t i) const {
    return !std::isnan(a.count[i]) && (kind_.ignoreSize || a.size[i] > 0);
  }
  double sizeOf(const AttributeSummary& a, std::size_t i) const { return kind_.ignoreSize ? 1.0 : a.size[i]; }
  /// The plotted statistic: fraction / rate or count.
  double statistic(const AttributeSummary& a, std::size_t i) const {
    return kind_.perUnit ? a.count[i] / a.size[i] : a.count[i];
  }
  /// Factor from the per-unit rate to the plotted scale (n for np, 1 otherwise).
  double scale(const AttributeSummary& a, std::size_t i) const {
    return kind_.perUnit || kind_.ignoreSize ? 1.0 : a.size[i];
  }
  /// σ of the per-unit rate at point i.
  double unitSigma(double center, const AttributeSummary& a, std::size_t i) const {
    const double variance = kind_.binomial ? center * (1.0 - center) : center;
    return std::sqrt(variance / sizeOf(a, i));
  }

  AttributeKind kind_;
};

}  // namespace

std::unique_ptr<ChartStrategy> makeAttributeStrategy(ChartType type) {
  return std::make_unique<AttributeStrategy>(type);
}

void validateAttributeData(ChartType type, const AttributeSummary& a) { AttributeStrategy(type).validate(a); }

}  // namespace fab::spc

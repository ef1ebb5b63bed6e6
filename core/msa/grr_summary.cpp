#include "core/msa/grr_summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/common/error.h"

namespace fab::msa {

std::string_view toString(GrrMethod method) { return method == GrrMethod::Anova ? "anova" : "xbar-r"; }

GrrMethod parseGrrMethod(std::string_view text) {
  if (text == "anova") return GrrMethod::Anova;
  if (text == "xbar-r" || text == "average-range") return GrrMethod::AverageRange;
  throw Error("unknown gauge R&R method '" + std::string(text) + "': use anova or xbar-r");
}

void GrrOptions::validate() const {
  if (!(interactionAlpha >= 0 && interactionAlpha <= 1))
    throw Error("the alpha to remove the interaction must lie between 0 and 1, got " +
                std::to_string(interactionAlpha));
  if (!(studyVarMultiplier > 0 && std::isfinite(studyVarMultiplier)))
    throw Error("the study variation multiplier must be a positive number (6 per AIAG), got " +
                std::to_string(studyVarMultiplier));
  if (tolerance && !(*tolerance > 0 && std::isfinite(*tolerance)))
    throw Error("the tolerance (USL − LSL) must be a positive number, got " + std::to_string(*tolerance));
}

const GrrComponent& GrrSummary::component(std::string_view key) const {
  for (const auto& c : components)
    if (c.symbol == key || c.source == key) return c;
  throw Error("no gauge R&R component '" + std::string(key) + "'");
}

GrrSummary summarizeGrr(const VarianceComponents& v, const GrrOptions& options) {
  options.validate();
  const double reproducibility = v.appraiser + v.interaction;
  const double grr = v.repeatability + reproducibility;
  const double total = grr + v.part;
  if (!(total > 0)) throw Error("every measurement is the same: there is no variation to split into components");

  GrrSummary s;
  auto add = [&](std::string source, std::string symbol, double variance) {
    GrrComponent c;
    c.source = std::move(source);
    c.symbol = std::move(symbol);
    c.variance = std::max(0.0, variance);
    c.sigma = std::sqrt(c.variance);
    c.studyVariation = options.studyVarMultiplier * c.sigma;
    c.pctContribution = 100 * c.variance / total;
    c.pctStudyVariation = 100 * c.sigma / std::sqrt(total);
    if (options.tolerance) c.pctTolerance = 100 * c.studyVariation / *options.tolerance;
    s.components.push_back(std::move(c));
  };
  add("Total gauge R&R", "GRR", grr);
  add("Repeatability", "EV", v.repeatability);
  add("Reproducibility", "AV", reproducibility);
  if (v.splitReproducibility) {
    add("Appraiser", "", v.appraiser);
    if (v.interactionInModel) add("Part × appraiser", "", v.interaction);
  }
  add("Part-to-part", "PV", v.part);
  add("Total variation", "TV", total);

  constexpr double kNdcFactor = 1.41;  // AIAG 4th ed.: √2 rounded as the manual writes it
  if (grr > 0) {
    s.ndcRaw = kNdcFactor * std::sqrt(v.part) / std::sqrt(grr);
    s.ndc = static_cast<int>(std::floor(s.ndcRaw));
  } else {
    s.ndcRaw = std::numeric_limits<double>::infinity();
  }
  return s;
}

std::vector<GrrCell> grrCells(const CrossedLayout& layout) {
  std::vector<GrrCell> cells;
  for (std::size_t p = 0; p < layout.partCount(); ++p)
    for (std::size_t a = 0; a < layout.appraiserCount(); ++a) {
      const auto& v = layout.values(p, a);
      GrrCell c;
      c.part = p;
      c.appraiser = a;
      c.rows = layout.rows(p, a);
      if (!v.empty()) {
        double sum = 0;
        for (double x : v) sum += x;
        c.mean = sum / static_cast<double>(v.size());
        const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
        c.range = *hi - *lo;
      }
      cells.push_back(std::move(c));
    }
  return cells;
}

}  // namespace fab::msa

#include "core/spc/panel_builders.h"

#include <algorithm>
#include <cmath>

namespace fab::spc {

void plotIndividuals(std::span<const double> x, std::size_t first, std::size_t last, double center, double sigma,
                     double L, ChartPanel& individuals, ChartPanel& movingRange) {
  const auto& k = chartConstants(2);
  appendLimitRange(individuals.limits, first, last, center, sigma, center - L * sigma, center + L * sigma);
  const double mrCenter = k.d2 * sigma, mrSigma = k.d3 * sigma;
  appendLimitRange(movingRange.limits, first + 1, last, mrCenter, mrSigma, std::max(0.0, mrCenter - L * mrSigma),
                   mrCenter + L * mrSigma);
  individuals.value.insert(individuals.value.end(), x.begin() + first, x.begin() + last);
  movingRange.value.push_back(ProcessEstimate::kNaN);
  for (std::size_t i = first + 1; i < last; ++i) movingRange.value.push_back(std::abs(x[i] - x[i - 1]));
}

void plotSpreadPoint(ChartPanel& panel, std::size_t i, double value, double n, double sigma, WithinSpread spread,
                     double L, ConstantsCache& constants) {
  panel.value.push_back(value);
  if (n < 2) return;
  const auto& k = constants(static_cast<int>(n));
  const bool range = spread == WithinSpread::Range;
  const double center = (range ? k.d2 : k.c4) * sigma;
  const double sd = (range ? k.d3 : std::sqrt(1.0 - k.c4 * k.c4)) * sigma;
  appendLimits(panel.limits, i, center, sd, std::max(0.0, center - L * sd), center + L * sd);
}

}  // namespace fab::spc

#include "core/common/sample_quantile.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/common/error.h"

namespace fab {

double sampleQuantile(std::vector<double> v, double p) {
  if (v.empty()) throw Error("a quantile of no values");
  if (!(p >= 0 && p <= 1)) throw Error("a quantile's probability must lie in [0, 1], got " + std::to_string(p));
  std::sort(v.begin(), v.end());
  const double h = static_cast<double>(v.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace fab

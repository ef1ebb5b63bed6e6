#include "core/variation/group_summary.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace fab::variation {

GroupSummary summariseGroup(const std::string& label, std::span<const double> values) {
  GroupSummary s;
  s.label = label;
  s.n = values.size();
  if (values.empty()) {
    s.mean = s.sd = s.min = s.q1 = s.median = s.q3 = s.max = s.whiskerLow = s.whiskerHigh = std::nan("");
    return s;
  }
  std::vector<double> v(values.begin(), values.end());
  std::sort(v.begin(), v.end());
  const double n = static_cast<double>(v.size());
  for (double x : v) s.mean += x;
  s.mean /= n;
  double ss = 0;
  for (double x : v) ss += (x - s.mean) * (x - s.mean);
  s.sd = v.size() > 1 ? std::sqrt(ss / (n - 1)) : std::nan("");
  auto quantile = [&](double p) {
    const double h = p * (n - 1);  // 0-based position
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
  };
  s.min = v.front();
  s.q1 = quantile(0.25);
  s.median = quantile(0.5);
  s.q3 = quantile(0.75);
  s.max = v.back();
  const double fence = 1.5 * (s.q3 - s.q1);
  s.whiskerLow = s.q1;
  s.whiskerHigh = s.q3;
  for (double x : v) {
    if (x < s.q1 - fence || x > s.q3 + fence) {
      s.outliers.push_back(x);
      continue;
    }
    s.whiskerLow = std::min(s.whiskerLow, x);
    s.whiskerHigh = std::max(s.whiskerHigh, x);
  }
  return s;
}

}  // namespace fab::variation

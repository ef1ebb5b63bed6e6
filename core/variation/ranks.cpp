#include "core/variation/ranks.h"

#include <algorithm>
#include <numeric>

namespace fab::variation {

PooledRanks midranks(std::span<const double> values) {
  const std::size_t n = values.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] < values[b]; });
  PooledRanks r;
  r.rank.resize(n);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && values[order[j]] == values[order[i]]) ++j;
    const double mid = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;  // ranks i+1 … j
    for (std::size_t k = i; k < j; ++k) r.rank[order[k]] = mid;
    const double t = static_cast<double>(j - i);
    r.tieTerm += t * t * t - t;
    i = j;
  }
  return r;
}

}  // namespace fab::variation

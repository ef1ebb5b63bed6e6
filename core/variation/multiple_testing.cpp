#include "core/variation/multiple_testing.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fab::variation {

namespace {

/// Indexes of the finite p-values, sorted by p ascending.
std::vector<std::size_t> ascending(std::span<const double> p) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (std::isfinite(p[i])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return p[a] < p[b]; });
  return order;
}

}  // namespace

std::vector<double> benjaminiHochberg(std::span<const double> p) {
  std::vector<double> q(p.size(), std::nan(""));
  const auto order = ascending(p);
  const double m = static_cast<double>(order.size());
  double running = 1;
  for (std::size_t k = order.size(); k-- > 0;) {
    running = std::min(running, m * p[order[k]] / static_cast<double>(k + 1));
    q[order[k]] = running;
  }
  return q;
}

std::vector<double> holm(std::span<const double> p) {
  std::vector<double> q(p.size(), std::nan(""));
  const auto order = ascending(p);
  const double m = static_cast<double>(order.size());
  double running = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    running = std::max(running, std::min(1.0, (m - static_cast<double>(k)) * p[order[k]]));
    q[order[k]] = running;
  }
  return q;
}

}  // namespace fab::variation

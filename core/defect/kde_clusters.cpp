#include "core/defect/kde_clusters.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/common/error.h"

namespace fab::defect {

void KdeClusterOptions::validate() const {
  kde.validate();
  if (!(threshold > 0 && std::isfinite(threshold)))
    throw Error("the KDE cluster level must be a positive multiple of the background");
}

KdeClusters kdeClusters(std::span<const Point2> pts, const KdeClusterOptions& o) {
  o.validate();
  KdeClusters out;
  out.grid = kdeOnGrid(pts, o.kde);
  const KdeGrid& g = out.grid;
  out.level = o.threshold * g.background();
  // 8-connected regions of nodes at or above the level.
  std::vector<int> region(g.density.size(), -1);
  int regions = 0;
  std::vector<std::size_t> stack;
  for (std::size_t start = 0; start < g.density.size(); ++start) {
    if (region[start] >= 0 || g.density[start] < out.level) continue;
    region[start] = regions;
    stack.push_back(start);
    while (!stack.empty()) {
      const std::size_t at = stack.back();
      stack.pop_back();
      const int i = static_cast<int>(at % g.nx), j = static_cast<int>(at / g.nx);
      for (int dj = -1; dj <= 1; ++dj)
        for (int di = -1; di <= 1; ++di) {
          const int a = i + di, b = j + dj;
          if (a < 0 || b < 0 || a >= g.nx || b >= g.ny) continue;
          const std::size_t q = static_cast<std::size_t>(b) * g.nx + a;
          if (region[q] < 0 && g.density[q] >= out.level) {
            region[q] = regions;
            stack.push_back(q);
          }
        }
    }
    ++regions;
  }
  // Each point takes the region of its nearest node.
  std::vector<int> raw(pts.size(), -1);
  std::vector<std::size_t> counts(static_cast<std::size_t>(regions), 0);
  out.pointDensity.resize(pts.size());
  for (std::size_t k = 0; k < pts.size(); ++k) {
    out.pointDensity[k] = g.at(pts[k]);
    const long i = std::lround((pts[k].x - g.x0) / g.dx), j = std::lround((pts[k].y - g.y0) / g.dy);
    if (i < 0 || j < 0 || i >= g.nx || j >= g.ny) continue;
    raw[k] = region[static_cast<std::size_t>(j) * g.nx + i];
    if (raw[k] >= 0) ++counts[static_cast<std::size_t>(raw[k])];
  }
  // Keep regions with enough points, numbered by size.
  std::vector<int> order(static_cast<std::size_t>(regions));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return counts[a] > counts[b]; });
  std::vector<int> rename(static_cast<std::size_t>(regions), -1);
  for (int r : order)
    if (counts[static_cast<std::size_t>(r)] >= std::max<std::size_t>(o.minClusterSize, 1)) {
      rename[static_cast<std::size_t>(r)] = static_cast<int>(out.sizes.size());
      out.sizes.push_back(counts[static_cast<std::size_t>(r)]);
    }
  out.peaks.assign(out.sizes.size(), Point2{});
  out.peakDensity.assign(out.sizes.size(), -1.0);
  for (std::size_t q = 0; q < region.size(); ++q) {
    if (region[q] < 0) continue;
    const int c = rename[static_cast<std::size_t>(region[q])];
    if (c >= 0 && g.density[q] > out.peakDensity[c]) {
      out.peakDensity[c] = g.density[q];
      out.peaks[c] = g.node(static_cast<int>(q % g.nx), static_cast<int>(q / g.nx));
    }
  }
  out.labels.resize(pts.size());
  for (std::size_t k = 0; k < pts.size(); ++k) {
    out.labels[k] = raw[k] >= 0 ? rename[static_cast<std::size_t>(raw[k])] : -1;
    out.noise += out.labels[k] < 0;
  }
  return out;
}

}  // namespace fab::defect

#include "core/defect/mean_shift.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "core/common/error.h"
#include "core/defect/kde.h"
#include "core/defect/parallel.h"
#include "core/defect/point_index.h"

namespace fab::defect {
namespace {

struct Climb {
  Point2 mode;
  std::size_t support = 0;  ///< points within h of the mode
  bool valid = false;
  bool converged = false;
};

Climb climb(const PointIndex& index, std::span<const Point2> pts, Point2 x, const MeanShiftOptions& o, double h) {
  Climb c;
  const bool gaussian = o.kernel == MeanShiftKernel::Gaussian;
  const double reach = gaussian ? 3 * h : h;
  const double stop = 1e-3 * h;  // as scikit-learn's stop_thresh
  for (int it = 0; it < o.maxIterations; ++it) {
    double sx = 0, sy = 0, sw = 0;
    index.forEachWithin(x, reach, [&](std::size_t q, double d2) {
      const double w = gaussian ? std::exp(-0.5 * d2 / (h * h)) : 1.0;
      sx += w * pts[q].x;
      sy += w * pts[q].y;
      sw += w;
    });
    if (sw <= 0) return c;  // an empty window: the seed is dropped
    const Point2 next{sx / sw, sy / sw};
    const double shift2 = squaredDistance(next, x);
    x = next;
    if (shift2 <= stop * stop) {
      c.converged = true;
      break;
    }
  }
  c.mode = x;
  c.support = index.countWithin(x, h);
  c.valid = true;
  return c;
}

}  // namespace

void MeanShiftOptions::validate() const {
  if (!(bandwidth >= 0 && std::isfinite(bandwidth)))
    throw Error("the mean-shift bandwidth must be positive (or 0 for Scott's rule)");
  if (minBinCount < 1) throw Error("the mean-shift minimum bin count must be at least 1");
  if (maxIterations < 1) throw Error("mean shift needs at least one iteration");
}

MeanShiftResult meanShift(std::span<const Point2> pts, const MeanShiftOptions& o, const Feedback& feedback) {
  o.validate();
  requireFinite(pts, "mean shift");
  MeanShiftResult out;
  const std::size_t n = pts.size();
  out.labels.assign(n, -1);
  if (n == 0) return out;
  if (o.bandwidth > 0) {
    out.bandwidth = o.bandwidth;
  } else {
    const Bandwidth b = bandwidthFor(pts, BandwidthRule::Scott);
    out.bandwidth = std::max(b.x, b.y);
  }
  const double h = out.bandwidth;
  const PointIndex index(pts);
  std::vector<Point2> seeds;
  if (o.binSeeding) {
    std::map<std::pair<long long, long long>, std::size_t> bins;
    for (const auto& p : pts) ++bins[{std::llround(p.x / h), std::llround(p.y / h)}];
    for (const auto& [cell, count] : bins)
      if (count >= static_cast<std::size_t>(o.minBinCount))
        seeds.push_back({static_cast<double>(cell.first) * h, static_cast<double>(cell.second) * h});
    if (seeds.empty()) {
      out.warnings.push_back("no bin holds " + std::to_string(o.minBinCount) + " points: every point seeds a climb");
      seeds.assign(pts.begin(), pts.end());
    }
  } else {
    seeds.assign(pts.begin(), pts.end());
  }
  out.seeds = seeds.size();
  std::vector<Climb> climbs(seeds.size());
  const int threads = o.threads ? o.threads : defaultThreads();
  parallelChunks(seeds.size(), threads, [&](std::size_t b, std::size_t e, int) {
    for (std::size_t s = b; s < e; ++s) climbs[s] = climb(index, pts, seeds[s], o, h);
  });
  feedback.checkCancelled();
  // Merge: the best-supported modes first; a mode within h of a kept one is dropped.
  std::vector<std::size_t> order;
  std::size_t unconverged = 0;
  for (std::size_t s = 0; s < climbs.size(); ++s)
    if (climbs[s].valid) {
      order.push_back(s);
      unconverged += !climbs[s].converged;
    }
  if (unconverged)
    out.warnings.push_back(std::to_string(unconverged) + " climb(s) stopped at the iteration limit before settling");
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return climbs[a].support > climbs[b].support; });
  std::vector<Point2> modes;
  for (std::size_t s : order) {
    bool near = false;
    for (const auto& m : modes)
      if (squaredDistance(m, climbs[s].mode) < h * h) {
        near = true;
        break;
      }
    if (!near) modes.push_back(climbs[s].mode);
  }
  // Each point joins its nearest mode when within h.
  std::vector<int> raw(n, -1);
  std::vector<std::size_t> counts(modes.size(), 0);
  if (!modes.empty()) {
    const PointIndex modeIndex(modes);
    for (std::size_t i = 0; i < n; ++i) {
      const auto [m, d2] = modeIndex.nearest(pts[i]);
      if (d2 <= h * h) {
        raw[i] = static_cast<int>(m);
        ++counts[m];
      }
    }
  }
  std::vector<std::size_t> bySize(modes.size());
  std::iota(bySize.begin(), bySize.end(), 0);
  std::stable_sort(bySize.begin(), bySize.end(), [&](std::size_t a, std::size_t b) { return counts[a] > counts[b]; });
  std::vector<int> rename(modes.size(), -1);
  for (std::size_t m : bySize)
    if (counts[m] >= std::max<std::size_t>(o.minClusterSize, 1)) {
      rename[m] = static_cast<int>(out.modes.size());
      out.modes.push_back(modes[m]);
      out.sizes.push_back(counts[m]);
    }
  for (std::size_t i = 0; i < n; ++i) {
    out.labels[i] = raw[i] >= 0 ? rename[static_cast<std::size_t>(raw[i])] : -1;
    out.noise += out.labels[i] < 0;
  }
  return out;
}

}  // namespace fab::defect

#include "core/ml/map_shape_features.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <utility>
#include <vector>

#include "core/common/error.h"
#include "core/ml/clustered_fails.h"
#include "core/ml/die_grid.h"

namespace fab::ml {
namespace {

// Positions are kept exact: a die's offset from c times the die count n is the integer (n·x − Σx, n·y − Σy), so a
// die lies on a region's edge exactly when the mathematics says so, and a map turned or mirrored gives the same
// numbers with their signs or axes swapped. Squared offsets can exceed 64 bits on maps with far-spread indices.
// Unsigned: squares are never negative, and a sanitizer's overflow check would need a runtime helper.
using Wide = unsigned __int128;

Wide square(std::int64_t a) {
  const auto magnitude = static_cast<Wide>(a < 0 ? -static_cast<std::uint64_t>(a) : static_cast<std::uint64_t>(a));
  return magnitude * magnitude;
}

struct Offset {
  std::int64_t u = 0, v = 0;  ///< n × (die − c), exact
  Wide squared() const { return square(u) + square(v); }
};

/// The 16 equal angle sectors about c that hold a die at offset (u, v), as bits (sector k spans k·22.5° to
/// (k+1)·22.5°). Sectors are closed: a die on the line between two sectors is in both; a die at c, without a
/// direction, is in none.
/// Quadrant q holds it when one of the sectors 4q…4q+3 does, octant o when sector 2o or 2o+1 does.
std::uint16_t sectorsHolding(Offset p) {
  const std::int64_t u = p.u, v = p.v;
  if (u == 0 && v == 0) return 0;
  auto edge = [](int k) {  // the line at k·45°: sectors 2k−1 and 2k
    return static_cast<std::uint16_t>((1u << (2 * k)) | (1u << ((2 * k + 15) % 16)));
  };
  const std::uint64_t au = u < 0 ? -static_cast<std::uint64_t>(u) : u, av = v < 0 ? -static_cast<std::uint64_t>(v) : v;
  if (v == 0) return edge(u > 0 ? 0 : 4);
  if (u == 0) return edge(v > 0 ? 2 : 6);
  if (au == av) return edge(u > 0 ? (v > 0 ? 1 : 7) : (v > 0 ? 3 : 5));
  const int quadrant = u > 0 ? (v > 0 ? 0 : 3) : (v > 0 ? 1 : 2);
  const bool nearYAxis = av > au;
  // Even octants start at an axis, odd ones at a diagonal.
  const int octant = 2 * quadrant + (quadrant % 2 == 0 ? nearYAxis : !nearYAxis);
  // Folded into the first octant the die is atan(a/b) from the nearest axis; tan 22.5° = √2 − 1 is irrational, so
  // no die lies on a half-octant line.
  const double a = static_cast<double>(std::min(au, av)), b = static_cast<double>(std::max(au, av));
  const bool pastAxisHalf = a > (std::numbers::sqrt2 - 1) * b;
  const int half = octant % 2 == 0 ? pastAxisHalf : !pastAxisHalf;
  return static_cast<std::uint16_t>(1u << (2 * octant + half));
}

// The 23 density regions, in feature order.
constexpr int kCentreDisc = 0, kFirstQuadrant = 1, kFirstOctant = 5, kFirstRing = 13, kRegions = 23;

/// Failing / dies per region on one fail set, quadrants and octants each sorted ascending.
struct RegionCounts {
  std::array<double, kRegions> dies{}, fails{};
  void writeDensities(float* out) const {
    std::array<double, kRegions> density{};
    for (int k = 0; k < kRegions; ++k) density[k] = dies[k] > 0 ? fails[k] / dies[k] : 0.0;
    std::sort(density.begin() + kFirstQuadrant, density.begin() + kFirstOctant);
    std::sort(density.begin() + kFirstOctant, density.begin() + kFirstRing);
    for (int k = 0; k < kRegions; ++k) out[k] = static_cast<float>(density[k]);
  }
};

/// The regions a die is in, given its exact squared offset D, the exact squared radius (n·R)² and r (a first guess
/// of its ring).
/// r < 1/3 ⇔ 9D < (nR)², r ≥ 2/3 ⇔ 9D ≥ 4(nR)², r ≥ k/10 ⇔ 100D ≥ k²(nR)².
template <typename Visit>
void forRegionsOf(Wide squared, Wide radiusSquared, double r, std::uint16_t sectors, Visit visit) {
  if (9 * squared < radiusSquared) {
    visit(kCentreDisc);
  } else if (9 * squared < 4 * radiusSquared) {
    for (int q = 0; q < 4; ++q)
      if ((sectors >> (4 * q)) & 0xF) visit(kFirstQuadrant + q);
  } else {
    for (int o = 0; o < 8; ++o)
      if ((sectors >> (2 * o)) & 0x3) visit(kFirstOctant + o);
  }
  int ring = std::clamp(static_cast<int>(10 * r), 0, 9);  // then made exact
  while (ring < 9 && 100 * squared >= square(ring + 1) * radiusSquared) ++ring;
  while (ring > 0 && 100 * squared < square(ring) * radiusSquared) --ring;
  visit(kFirstRing + ring);
}

/// cos and sin of θ = 0°, 10°, …, 170°, built from sin(10°·k), k = 0…9, with the exact values at 0°, 30° and 90°,
/// so that cos(θ + 90°) = −sin θ and cos(180° − θ) = −cos θ hold exactly: the Radon bins of a map turned by 90° or
/// mirrored are then exactly those of the map, reflected.
struct RadonAngles {
  std::array<double, 18> cos{}, sin{};
  RadonAngles() {
    std::array<double, 10> s{};
    for (int k = 0; k < 10; ++k) s[k] = std::sin(k * std::numbers::pi / 18);
    s[0] = 0.0, s[3] = 0.5, s[9] = 1.0;
    for (int j = 0; j < 18; ++j) {
      if (j <= 9)
        cos[j] = s[9 - j], sin[j] = s[j];
      else
        cos[j] = -s[j - 9], sin[j] = s[18 - j];
    }
  }
};

/// Features 48–52: per angle the largest bin count M(θ) and the (population) standard deviation S(θ) of the counts
/// over the 2⌈R⌉ + 1 bins −⌈R⌉…⌈R⌉ of the clustered dies' projections. The bins are tallied on an array, or by
/// sorting where R is far larger than the die count (indices spread wide).
void radonFeatures(const std::vector<double>& dx, const std::vector<double>& dy, double radius, float* out) {
  if (dx.empty()) return;
  static const RadonAngles angles;
  const double ceilR = std::ceil(radius), bins = 2 * ceilR + 1, n = static_cast<double>(dx.size()), mean = n / bins;
  const bool tallied = ceilR <= 16 * n + 4096;
  std::vector<int> tally(tallied ? static_cast<std::size_t>(bins) : 0, 0), counts;
  std::vector<double> bin(dx.size());
  double maxM = 0, minM = INFINITY, maxS = 0, minS = INFINITY;
  for (int j = 0; j < 18; ++j) {
    for (std::size_t i = 0; i < dx.size(); ++i) bin[i] = std::round(dx[i] * angles.cos[j] + dy[i] * angles.sin[j]);
    counts.clear();  // of the occupied bins
    if (tallied) {
      for (const double b : bin) ++tally[static_cast<std::size_t>(b + ceilR)];
      for (const double b : bin)
        if (int& t = tally[static_cast<std::size_t>(b + ceilR)]; t > 0) counts.push_back(t), t = 0;
    } else {
      std::sort(bin.begin(), bin.end());
      for (std::size_t i = 0, k = 0; i < bin.size(); i = k) {
        for (k = i; k < bin.size() && bin[k] == bin[i];) ++k;
        counts.push_back(static_cast<int>(k - i));
      }
    }
    double largest = 0, deviations = (bins - static_cast<double>(counts.size())) * mean * mean;  // empty bins
    for (const int c : counts) largest = std::max<double>(largest, c), deviations += (c - mean) * (c - mean);
    const double s = std::sqrt(deviations / bins);
    maxM = std::max(maxM, largest), minM = std::min(minM, largest);
    maxS = std::max(maxS, s), minS = std::min(minS, s);
  }
  out[0] = static_cast<float>(maxM / radius), out[1] = static_cast<float>(minM / radius);
  out[2] = static_cast<float>((maxM - minM) / radius);
  out[3] = static_cast<float>(maxS / radius), out[4] = static_cast<float>(minS / radius);
}

/// The 8-connected components of the clustered fails: per die its component (−1 for none), numbered in the
/// order of their first die in the map.
std::vector<int> failClusters(const DieMap& map, const DieGrid& grid, const std::vector<bool>& clustered, int& count) {
  std::vector<int> component(map.dies.size(), -1);
  std::vector<std::size_t> stack;
  count = 0;
  for (std::size_t start = 0; start < map.dies.size(); ++start) {
    if (!clustered[start] || component[start] >= 0) continue;
    component[start] = count;
    stack.assign(1, start);
    while (!stack.empty()) {
      const auto& d = map.dies[stack.back()];
      stack.pop_back();
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int j = grid.at(std::int64_t{d.x} + dx, std::int64_t{d.y} + dy);
          if (j < 0 || !clustered[static_cast<std::size_t>(j)] || component[static_cast<std::size_t>(j)] >= 0) continue;
          component[static_cast<std::size_t>(j)] = count;
          stack.push_back(static_cast<std::size_t>(j));
        }
    }
    ++count;
  }
  return component;
}

/// Cells inside the bounding box of `cells` (an 8-connected set, so every row of the box holds one) that are not
/// in the set and cannot be reached from outside the box by 4-neighbour steps avoiding it. The free cells of each
/// row are cut into runs; runs of adjacent rows that overlap are joined; runs on the box's edge are outside.
/// O(cells · log cells), whatever the box's area.
std::int64_t holesInside(std::vector<std::pair<std::int64_t, std::int64_t>> cells) {  // (row, column)
  std::sort(cells.begin(), cells.end());
  std::int64_t x0 = cells.front().second, x1 = x0;
  for (const auto& c : cells) x0 = std::min(x0, c.second), x1 = std::max(x1, c.second);
  struct Run {
    std::int64_t from, to;  ///< columns, inclusive
    std::size_t row;        ///< from the top of the box
    bool outside;
  };
  std::vector<Run> runs;
  std::vector<std::size_t> rowStart;  // first run of each row, then one past the last run
  for (std::size_t i = 0; i < cells.size();) {
    const std::int64_t row = cells[i].first;
    rowStart.push_back(runs.size());
    std::int64_t next = x0;  // first column not yet covered
    for (; i < cells.size() && cells[i].first == row; ++i) {
      if (cells[i].second > next) runs.push_back({next, cells[i].second - 1, rowStart.size() - 1, false});
      next = cells[i].second + 1;
    }
    if (next <= x1) runs.push_back({next, x1, rowStart.size() - 1, false});
  }
  rowStart.push_back(runs.size());
  const std::size_t rows = rowStart.size() - 1;
  std::vector<std::size_t> stack;
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t k = rowStart[r]; k < rowStart[r + 1]; ++k)
      if (r == 0 || r + 1 == rows || runs[k].from == x0 || runs[k].to == x1) {
        runs[k].outside = true;
        stack.push_back(k);
      }
  while (!stack.empty()) {
    const std::size_t k = stack.back();
    stack.pop_back();
    const std::size_t r = runs[k].row;
    for (const std::size_t other : {r - 1, r + 1}) {
      if (other >= rows) continue;  // r − 1 wraps round below row 0
      for (std::size_t m = rowStart[other]; m < rowStart[other + 1]; ++m)
        if (!runs[m].outside && runs[m].from <= runs[k].to && runs[k].from <= runs[m].to) {
          runs[m].outside = true;
          stack.push_back(m);
        }
    }
  }
  std::int64_t holes = 0;
  for (const auto& run : runs)
    if (!run.outside) holes += run.to - run.from + 1;
  return holes;
}

/// Features 54–65 of the component `which` (see the header).
void largestClusterFeatures(const DieMap& map, const DieGrid& grid, const std::vector<int>& component, int which,
                            double clusteredDies, const std::vector<Offset>& offset, const std::vector<double>& r,
                            double n, double radius, float* out) {
  std::vector<std::size_t> members;
  for (std::size_t i = 0; i < component.size(); ++i)
    if (component[i] == which) members.push_back(i);
  const auto m = static_cast<std::int64_t>(members.size());
  const double md = static_cast<double>(m);
  std::int64_t sumX = 0, sumY = 0, sumU = 0, sumV = 0;
  for (const auto i : members) sumX += map.dies[i].x, sumY += map.dies[i].y, sumU += offset[i].u, sumV += offset[i].v;
  out[0] = static_cast<float>(md / static_cast<double>(map.dies.size()));
  out[1] = static_cast<float>(md / clusteredDies);
  out[2] = static_cast<float>(std::hypot(static_cast<double>(sumU), static_cast<double>(sumV)) / (md * n) / radius);

  // Sample covariance from the exact deviations m·x − Σx; eigenvalues of a symmetric 2 × 2 matrix in closed form.
  double sxx = 0, syy = 0, sxy = 0;
  for (const auto i : members) {
    const auto wx = static_cast<double>(m * map.dies[i].x - sumX), wy = static_cast<double>(m * map.dies[i].y - sumY);
    sxx += wx * wx, syy += wy * wy, sxy += wx * wy;
  }
  double l1 = 0, l2 = 0;
  if (m > 1) {
    const double scale = md * md * (md - 1);
    const double a = sxx / scale, c = syy / scale, b = sxy / scale;
    const double mid = (a + c) / 2, spread = std::hypot((a - c) / 2, b);
    l1 = mid + spread, l2 = std::max(0.0, mid - spread);
  }
  out[3] = static_cast<float>(std::sqrt(l1) / radius), out[4] = static_cast<float>(std::sqrt(l2) / radius);
  out[5] = static_cast<float>(l1 > 0 ? std::sqrt(l2 / l1) : 1.0);

  int boundary = 0;
  std::vector<std::pair<std::int64_t, std::int64_t>> cells;
  cells.reserve(members.size());
  for (const auto i : members) {
    const auto& d = map.dies[i];
    cells.emplace_back(d.y, d.x);
    constexpr int kSteps[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
    for (const auto& s : kSteps) {
      const int j = grid.at(std::int64_t{d.x} + s[0], std::int64_t{d.y} + s[1]);
      if (j < 0 || component[static_cast<std::size_t>(j)] != which) {
        ++boundary;
        break;
      }
    }
  }
  out[6] = static_cast<float>(boundary / std::sqrt(md));
  out[7] = static_cast<float>(md / (md + static_cast<double>(holesInside(std::move(cells)))));

  double rMin = INFINITY, rMax = 0, rSum = 0;
  std::uint16_t sectors = 0;
  for (const auto i : members) {
    rMin = std::min(rMin, r[i]), rMax = std::max(rMax, r[i]), rSum += r[i];
    sectors |= sectorsHolding(offset[i]);
  }
  out[8] = static_cast<float>(rMin), out[9] = static_cast<float>(rMax), out[10] = static_cast<float>(rSum / md);
  out[11] = static_cast<float>(std::popcount(sectors) / 16.0);
}

}  // namespace

std::array<float, kShapeFeatureCount> mapShapeFeatures(const DieMap& map) {
  if (map.dies.empty()) throw Error(waferMapName(map) + " has no dies");
  const DieGrid grid(map);  // throws for a die listed twice
  const auto clustered = clusteredFails(map, grid);
  const auto count = static_cast<std::int64_t>(map.dies.size());
  const double n = static_cast<double>(count);

  std::int64_t sumX = 0, sumY = 0;
  for (const auto& d : map.dies) sumX += d.x, sumY += d.y;
  std::vector<Offset> offset(map.dies.size());
  std::vector<double> distance(map.dies.size());
  Wide farthest = square(count);  // R is at least 1
  double radius = 1.0;
  for (std::size_t i = 0; i < map.dies.size(); ++i) {
    offset[i] = {count * map.dies[i].x - sumX, count * map.dies[i].y - sumY};
    const double dx = static_cast<double>(offset[i].u) / n, dy = static_cast<double>(offset[i].v) / n;
    distance[i] = std::sqrt(dx * dx + dy * dy);
    farthest = std::max(farthest, offset[i].squared());
    radius = std::max(radius, distance[i]);
  }

  std::array<float, kShapeFeatureCount> out{};
  RegionCounts all, cluster;
  std::vector<double> r(map.dies.size()), clusteredDx, clusteredDy;
  double failing = 0, clusteredDies = 0;
  for (std::size_t i = 0; i < map.dies.size(); ++i) {
    r[i] = distance[i] / radius;
    const bool fails = !map.dies[i].pass, isClustered = clustered[i];
    failing += fails, clusteredDies += isClustered;
    forRegionsOf(offset[i].squared(), farthest, r[i], sectorsHolding(offset[i]), [&](int k) {
      all.dies[k] += 1, all.fails[k] += fails;
      cluster.dies[k] += 1, cluster.fails[k] += isClustered;
    });
    if (isClustered) {
      clusteredDx.push_back(static_cast<double>(offset[i].u) / n);
      clusteredDy.push_back(static_cast<double>(offset[i].v) / n);
    }
  }
  out[0] = static_cast<float>(failing / n);
  out[1] = static_cast<float>(clusteredDies / n);
  all.writeDensities(&out[2]);
  cluster.writeDensities(&out[25]);
  radonFeatures(clusteredDx, clusteredDy, radius, &out[48]);

  int clusters = 0;
  const auto component = failClusters(map, grid, clustered, clusters);
  out[53] = static_cast<float>(std::log1p(static_cast<double>(clusters)));
  if (clusters == 0) return out;
  std::vector<std::int64_t> size(static_cast<std::size_t>(clusters), 0);
  for (const int c : component)
    if (c >= 0) ++size[static_cast<std::size_t>(c)];
  const int largest = static_cast<int>(std::max_element(size.begin(), size.end()) - size.begin());  // first on ties
  largestClusterFeatures(map, grid, component, largest, clusteredDies, offset, r, n, radius, &out[54]);
  return out;
}

}  // namespace fab::ml

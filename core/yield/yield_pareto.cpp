#include "core/yield/yield_pareto.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>

#include "core/common/error.h"

namespace fab::yield {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Dies and failed dies by bin, for one scope (the whole set or one zone).
struct Tally {
  long long dies = 0;
  long long failed = 0;
  std::map<int, long long> failedByBin;
  void add(const SortDie& d) {
    ++dies;
    if (!d.pass) {
      ++failed;
      ++failedByBin[d.bin];
    }
  }
  double yield() const { return dies > 0 ? 1.0 - static_cast<double>(failed) / static_cast<double>(dies) : kNaN; }
};

/// Bins ordered by failed dies (ties by bin number), with shares of the loss.
std::vector<BinLoss> binPareto(const Tally& t) {
  std::vector<BinLoss> out;
  for (const auto& [bin, n] : t.failedByBin) out.push_back({bin, n, 0.0, 0.0, 0.0});
  std::stable_sort(out.begin(), out.end(), [](const BinLoss& a, const BinLoss& b) { return a.dies > b.dies; });
  double cumulative = 0.0;
  for (auto& b : out) {
    b.fractionOfDies = static_cast<double>(b.dies) / static_cast<double>(t.dies);
    b.shareOfLoss = static_cast<double>(b.dies) / static_cast<double>(t.failed);
    cumulative += b.shareOfLoss;
    b.cumulativeShare = cumulative;
  }
  return out;
}

}  // namespace

const char* zoneName(Zone zone) {
  switch (zone) {
    case Zone::Center:
      return "center";
    case Zone::Middle:
      return "middle";
    case Zone::Edge:
      return "edge";
  }
  return "?";
}

void ParetoOptions::validate() const {
  if (!(centerEdge > 0.0 && centerEdge < middleEdge && middleEdge < 1.0))
    throw Error("the zone edges must satisfy 0 < center edge < middle edge < 1 (radius fractions; got " +
                std::to_string(centerEdge) + " and " + std::to_string(middleEdge) + ")");
}

YieldPareto yieldPareto(std::span<const SortWafer> wafers, const ParetoOptions& options) {
  options.validate();
  Tally all;
  std::array<Tally, 3> zones;
  YieldPareto out;
  long long beyondEdge = 0;
  for (const auto& wafer : wafers)
    for (const auto& d : wafer.dies) {
      all.add(d);
      if (std::isnan(d.radiusFraction)) {
        ++out.diesWithoutRadius;
        continue;
      }
      if (d.radiusFraction < 0.0)
        throw Error("wafer '" + wafer.wafer + "': die (" + std::to_string(d.x) + ", " + std::to_string(d.y) +
                    ") at input row " + std::to_string(d.row) + " has a negative radius fraction");
      if (d.radiusFraction > 1.0) ++beyondEdge;
      const int z = d.radiusFraction < options.centerEdge ? 0 : d.radiusFraction < options.middleEdge ? 1 : 2;
      zones[z].add(d);
    }
  out.dies = all.dies;
  out.failed = all.failed;
  out.yield = all.yield();
  out.byBin = binPareto(all);
  if (out.diesWithoutRadius > 0 && out.diesWithoutRadius < all.dies)
    out.warnings.push_back(std::to_string(out.diesWithoutRadius) +
                           " dies have no radius fraction and are left out of the zone Pareto");
  if (beyondEdge > 0)
    out.warnings.push_back(std::to_string(beyondEdge) + " dies lie beyond the wafer radius and count in the edge ring");
  if (out.diesWithoutRadius == all.dies) return out;

  const std::array<double, 4> edges{0.0, options.centerEdge, options.middleEdge, 1.0};
  long long zonedFailed = 0;
  for (const auto& z : zones) zonedFailed += z.failed;
  for (int i = 0; i < 3; ++i) {
    ZoneLoss zl;
    zl.zone = static_cast<Zone>(i);
    zl.from = edges[i];
    zl.to = edges[i + 1];
    zl.dies = zones[i].dies;
    zl.failed = zones[i].failed;
    zl.yield = zones[i].yield();
    zl.shareOfLoss = zonedFailed > 0 ? static_cast<double>(zl.failed) / static_cast<double>(zonedFailed) : 0.0;
    zl.bins = binPareto(zones[i]);
    out.byZone.push_back(std::move(zl));
  }
  std::stable_sort(out.byZone.begin(), out.byZone.end(),
                   [](const ZoneLoss& a, const ZoneLoss& b) { return a.failed > b.failed; });
  double cumulative = 0.0;
  for (auto& z : out.byZone) {
    cumulative += z.shareOfLoss;
    z.cumulativeShare = cumulative;
  }
  return out;
}

}  // namespace fab::yield

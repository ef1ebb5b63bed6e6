#include "core/ml/real_map_calibration.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"
#include "core/ml/map_shape_features.h"

namespace fab::ml {
namespace {

/// Hyndman & Fan (1996), "Sample quantiles in statistical packages", Am. Stat. 50(4), definition 7.
double quantile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const double h = (v.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

}  // namespace

RealMapProfile measureRealMaps(const std::vector<RecordedWaferMap>& maps, const std::vector<std::size_t>& indices) {
  std::vector<double> across, aspect, background, localCentre, localArea;
  auto visit = [&](const RecordedWaferMap& m) {
    if (!m.label) return;
    int minX = m.map.dies.front().x, maxX = minX, minY = m.map.dies.front().y, maxY = minY;
    std::size_t fails = 0;
    for (const auto& d : m.map.dies) {
      minX = std::min(minX, d.x), maxX = std::max(maxX, d.x), minY = std::min(minY, d.y), maxY = std::max(maxY, d.y);
      fails += !d.pass;
    }
    const double columns = maxX - minX + 1.0, rows = maxY - minY + 1.0;
    across.push_back(columns);
    aspect.push_back(columns / rows);
    if (*m.label == WaferPattern::None) background.push_back(static_cast<double>(fails) / m.map.dies.size());
    if (*m.label == WaferPattern::Local) {
      const auto f = mapShapeFeatures(m.map);
      localCentre.push_back(f[kLargestClusterCentreRadius]);
      localArea.push_back(f[kLargestClusterShare]);
    }
  };
  if (indices.empty())
    for (const auto& m : maps) visit(m);
  else
    for (auto i : indices) visit(maps.at(i));
  if (across.size() < 2) throw Error("calibrating synthetic maps needs at least 2 labelled real maps");
  if (background.size() < 2) throw Error("calibrating synthetic maps needs at least 2 real maps labelled 'none'");
  RealMapProfile p;
  p.maps = static_cast<int>(across.size());
  p.noneMaps = static_cast<int>(background.size());
  p.diesAcrossLow = quantile(across, 0.05), p.diesAcrossHigh = quantile(across, 0.95);
  p.aspectLow = quantile(aspect, 0.05), p.aspectHigh = quantile(aspect, 0.95);
  p.backgroundLow = quantile(background, 0.05), p.backgroundHigh = quantile(background, 0.95);
  p.localMaps = static_cast<int>(localCentre.size());
  if (localCentre.size() >= 2) {
    p.localCentreLow = quantile(localCentre, 0.05), p.localCentreHigh = quantile(localCentre, 0.95);
    p.localAreaLow = quantile(localArea, 0.05), p.localAreaHigh = quantile(localArea, 0.95);
  }
  return p;
}

GeneratorSettings calibratedSettings(const RealMapProfile& p) {
  auto s = GeneratorSettings::training();
  auto clampRange = [](double lo, double hi, double min, double max) {
    lo = std::clamp(lo, min, max), hi = std::clamp(hi, min, max);
    return Ranges{{{std::min(lo, hi), std::max(lo, hi)}}};
  };
  s.diesAcross = clampRange(p.diesAcrossLow, p.diesAcrossHigh, 4, 1000);
  s.dieAspect = clampRange(p.aspectLow, p.aspectHigh, 0.2, 5);
  s.background = clampRange(p.backgroundLow, p.backgroundHigh, 0, 0.5);
  if (p.localMaps >= 2) {
    s.localCentreLow = std::clamp(p.localCentreLow, 0.0, 1.0);
    s.localCentreHigh = std::clamp(p.localCentreHigh, s.localCentreLow, 1.0);
    s.localMayReachEdge = true;
    s.localAreaLow = std::clamp(p.localAreaLow, 0.0, 1.0);
    s.localAreaHigh = std::clamp(p.localAreaHigh, s.localAreaLow, 1.0);
  }
  s.validate();
  return s;
}

}  // namespace fab::ml

#include "core/ml/real_map_calibration.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"
#include "core/common/sample_quantile.h"
#include "core/ml/map_shape_features.h"

namespace fab::ml {

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
  p.diesAcrossLow = sampleQuantile(across, 0.05), p.diesAcrossHigh = sampleQuantile(across, 0.95);
  p.aspectLow = sampleQuantile(aspect, 0.05), p.aspectHigh = sampleQuantile(aspect, 0.95);
  p.backgroundLow = sampleQuantile(background, 0.05), p.backgroundHigh = sampleQuantile(background, 0.95);
  p.localMaps = static_cast<int>(localCentre.size());
  if (localCentre.size() >= 2) {
    p.localCentreLow = sampleQuantile(localCentre, 0.05), p.localCentreHigh = sampleQuantile(localCentre, 0.95);
    p.localAreaLow = sampleQuantile(localArea, 0.05), p.localAreaHigh = sampleQuantile(localArea, 0.95);
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
    s.local.centreLow = std::clamp(p.localCentreLow, 0.0, 1.0);
    s.local.centreHigh = std::clamp(p.localCentreHigh, s.local.centreLow, 1.0);
    s.local.mayReachEdge = true;
    s.local.areaLow = std::clamp(p.localAreaLow, 0.0, 1.0);
    s.local.areaHigh = std::clamp(p.localAreaHigh, s.local.areaLow, 1.0);
  }
  s.validate();
  return s;
}

}  // namespace fab::ml

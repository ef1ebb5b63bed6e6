#include "core/ml/map_resampler.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/common/error.h"
#include "core/ml/clustered_fails.h"

namespace fab::ml {
namespace {

struct Rect {
  double x0, y0, x1, y1;
  bool pass;
  bool clustered;  ///< a failing die with enough failing neighbours (kClusteredFailNeighbours)
};

/// Die rectangles in a frame with y up and the notch down.
std::vector<Rect> dieRectangles(const DieMap& map) {
  const auto& layout = map.layout;
  int minX = map.dies.front().x, maxX = minX, minY = map.dies.front().y, maxY = minY;
  for (const auto& d : map.dies) {
    minX = std::min(minX, d.x), maxX = std::max(maxX, d.x);
    minY = std::min(minY, d.y), maxY = std::max(maxY, d.y);
  }
  double w = layout.dieWidth, h = layout.dieHeight;
  if (w == 0.0 && h == 0.0) {
    // A round wafer is as wide as it is tall: nx·w = ny·h.
    w = 1.0;
    h = static_cast<double>(maxX - minX + 1) / static_cast<double>(maxY - minY + 1);
  }
  const auto clustered = clusteredFails(map, DieGrid(map));  // throws for a die listed twice
  std::vector<Rect> rects;
  rects.reserve(map.dies.size());
  for (std::size_t i = 0; i < map.dies.size(); ++i) {
    const auto& d = map.dies[i];
    const double cx = (d.x - minX) * w;
    const double cy = (layout.yUp ? d.y - minY : maxY - d.y) * h;
    double x = cx, y = cy, hw = w / 2, hh = h / 2;
    switch (layout.notch) {
      case Notch::Down:
        break;
      case Notch::Up:
        x = -cx, y = -cy;
        break;  // half turn
      case Notch::Left:
        x = -cy, y = cx, hw = h / 2, hh = w / 2;
        break;  // quarter turn anticlockwise
      case Notch::Right:
        x = cy, y = -cx, hw = h / 2, hh = w / 2;
        break;  // quarter turn clockwise
    }
    rects.push_back({x - hw, y - hh, x + hw, y + hh, d.pass, clustered[i]});
  }
  return rects;
}

void checkInput(const DieMap& map, int size) {
  const std::string name = waferMapName(map);
  if (size < 4) throw Error("the classifier grid must be at least 4×4 cells, got " + std::to_string(size));
  if (map.dies.empty()) throw Error(name + " has no dies");
  const auto& l = map.layout;
  if (!(std::isfinite(l.dieWidth) && std::isfinite(l.dieHeight)) || l.dieWidth < 0 || l.dieHeight < 0 ||
      ((l.dieWidth == 0) != (l.dieHeight == 0)))
    throw Error(name + ": the die pitch must be two positive numbers, or both zero to infer it (got " +
                std::to_string(l.dieWidth) + " × " + std::to_string(l.dieHeight) + ")");
}

}  // namespace

GridMap resampleDieMap(const DieMap& map, int size) {
  checkInput(map, size);
  const auto rects = dieRectangles(map);
  double x0 = rects.front().x0, x1 = rects.front().x1, y0 = rects.front().y0, y1 = rects.front().y1;
  for (const auto& r : rects) {
    x0 = std::min(x0, r.x0), x1 = std::max(x1, r.x1);
    y0 = std::min(y0, r.y0), y1 = std::max(y1, r.y1);
  }
  const double side = std::max(x1 - x0, y1 - y0);
  const double cell = side / size;
  const double left = (x0 + x1) / 2 - side / 2;
  const double top = (y0 + y1) / 2 + side / 2;

  const std::size_t plane = static_cast<std::size_t>(size) * size;
  std::vector<double> pass(plane, 0.0), fail(plane, 0.0), clusteredFail(plane, 0.0);
  for (const auto& r : rects) {
    // The rectangle in grid units: columns from the left edge, rows from the top edge.
    const double gx0 = (r.x0 - left) / cell, gx1 = (r.x1 - left) / cell;
    const double gy0 = (top - r.y1) / cell, gy1 = (top - r.y0) / cell;
    const int c0 = std::max(0, static_cast<int>(std::floor(gx0)));
    const int c1 = std::min(size - 1, static_cast<int>(std::ceil(gx1)) - 1);
    const int r0 = std::max(0, static_cast<int>(std::floor(gy0)));
    const int r1 = std::min(size - 1, static_cast<int>(std::ceil(gy1)) - 1);
    auto& target = r.pass ? pass : fail;
    for (int row = r0; row <= r1; ++row) {
      const double dy = std::min(gy1, row + 1.0) - std::max(gy0, static_cast<double>(row));
      if (dy <= 0) continue;
      for (int col = c0; col <= c1; ++col) {
        const double dx = std::min(gx1, col + 1.0) - std::max(gx0, static_cast<double>(col));
        if (dx <= 0) continue;
        target[static_cast<std::size_t>(row) * size + col] += dx * dy;
        if (r.clustered) clusteredFail[static_cast<std::size_t>(row) * size + col] += dx * dy;
      }
    }
  }

  GridMap out;
  out.size = size;
  out.values.assign(kInputChannels * plane, 0.0f);
  for (std::size_t i = 0; i < plane; ++i) {
    const double p = std::min(1.0, pass[i]), f = std::min(1.0 - p, fail[i]);
    out.values[kChannelOffWafer * plane + i] = static_cast<float>(std::max(0.0, 1.0 - p - f));
    out.values[kChannelPass * plane + i] = static_cast<float>(p);
    out.values[kChannelFail * plane + i] = static_cast<float>(f);
    out.values[kChannelClusteredFail * plane + i] = static_cast<float>(std::min(f, clusteredFail[i]));
  }
  return out;
}

std::vector<float> stackGridMaps(std::span<const GridMap> maps) {
  std::vector<float> out;
  if (maps.empty()) return out;
  const int size = maps.front().size;
  out.reserve(maps.size() * maps.front().values.size());
  for (const auto& m : maps) {
    if (m.size != size) throw Error("cannot batch wafer maps of different grid sizes");
    out.insert(out.end(), m.values.begin(), m.values.end());
  }
  return out;
}

}  // namespace fab::ml

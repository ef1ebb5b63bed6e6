#include "core/ml/clustered_fails.h"

#include "core/ml/map_resampler.h"

namespace fab::ml {

std::vector<bool> clusteredFails(const DieMap& map, const DieGrid& grid) {
  std::vector<bool> out(map.dies.size(), false);
  for (std::size_t i = 0; i < map.dies.size(); ++i) {
    const auto& d = map.dies[i];
    if (d.pass) continue;
    int neighbours = 0;
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        if (dx == 0 && dy == 0) continue;
        const int j = grid.at(std::int64_t{d.x} + dx, std::int64_t{d.y} + dy);
        neighbours += j >= 0 && !map.dies[static_cast<std::size_t>(j)].pass;
      }
    out[i] = neighbours >= kClusteredFailNeighbours;
  }
  return out;
}

}  // namespace fab::ml

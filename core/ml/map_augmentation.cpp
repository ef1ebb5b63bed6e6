#include "core/ml/map_augmentation.h"

#include <algorithm>

#include "core/common/error.h"

namespace fab::ml {

void MapAugmentation::validate() const {
  if (!(maxExtraFailRate >= 0 && maxExtraFailRate <= 0.5))
    throw Error("augmentation: the extra fail rate must be within [0, 0.5]");
  if (!(aspectJitter >= 0 && aspectJitter <= 0.5))
    throw Error("augmentation: the aspect jitter must be within [0, 0.5]");
}

DieMap augmentMap(const DieMap& map, const MapAugmentation& augmentation, Rng& rng) {
  DieMap out = map;
  const double rate = rng.uniform(0, augmentation.maxExtraFailRate);
  for (auto& d : out.dies)
    if (d.pass && rng.bernoulli(rate)) d.pass = false;
  if (!out.dies.empty() && augmentation.aspectJitter > 0) {
    double width = map.layout.dieWidth, height = map.layout.dieHeight;
    if (!(width > 0 && height > 0)) {
      // As resampleDieMap infers it: a round wafer is as wide as tall, so width/height = rows/columns.
      const auto [minX, maxX] = std::minmax_element(map.dies.begin(), map.dies.end(),
                                                    [](const MapDie& a, const MapDie& b) { return a.x < b.x; });
      const auto [minY, maxY] = std::minmax_element(map.dies.begin(), map.dies.end(),
                                                    [](const MapDie& a, const MapDie& b) { return a.y < b.y; });
      width = maxY->y - minY->y + 1.0;
      height = maxX->x - minX->x + 1.0;
    }
    out.layout.dieWidth = width;
    out.layout.dieHeight = height * rng.uniform(1 - augmentation.aspectJitter, 1 + augmentation.aspectJitter);
  }
  return out;
}

}  // namespace fab::ml

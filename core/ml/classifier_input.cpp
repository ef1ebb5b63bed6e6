#include "core/ml/classifier_input.h"

#include <algorithm>

#include "core/common/error.h"

namespace fab::ml {

std::size_t classifierImageSize(int gridSize) {
  return static_cast<std::size_t>(kInputChannels) * gridSize * gridSize;
}

std::size_t classifierInputSize(int gridSize) { return classifierImageSize(gridSize) + kShapeFeatureCount; }

void writeClassifierInput(const DieMap& map, int gridSize, std::span<float> out) {
  if (out.size() != classifierInputSize(gridSize))
    throw Error("a classifier input on a " + std::to_string(gridSize) + " grid takes " +
                std::to_string(classifierInputSize(gridSize)) + " values, not " + std::to_string(out.size()));
  const auto image = resampleDieMap(map, gridSize);
  const auto features = mapShapeFeatures(map);
  std::copy(image.values.begin(), image.values.end(), out.begin());
  std::copy(features.begin(), features.end(), out.begin() + static_cast<std::ptrdiff_t>(image.values.size()));
}

std::vector<float> classifierInputs(std::span<const DieMap> maps, int gridSize) {
  const auto size = classifierInputSize(gridSize);
  std::vector<float> out(maps.size() * size);
  for (std::size_t i = 0; i < maps.size(); ++i)
    writeClassifierInput(maps[i], gridSize, std::span<float>(out).subspan(i * size, size));
  return out;
}

}  // namespace fab::ml

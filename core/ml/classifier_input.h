#pragma once
// What the wafer-map classifier reads of one map, the same in training and in
// use: the resampled image (map_resampler.h) followed by the map's shape
// features (map_shape_features.h), kept in one row of floats per map.
#include <span>
#include <string_view>
#include <vector>

#include "core/ml/die_map.h"
#include "core/ml/map_resampler.h"
#include "core/ml/map_shape_features.h"

namespace fab::ml {

/// Name stored in every saved model; a model made with another preprocessing is refused.
inline constexpr std::string_view kPreprocessingId =
    "area-weighted-box/notch-down/clustered-fail-2/shape-features-66/v3";

/// Values of one map's input on a gridSize × gridSize grid:
/// kInputChannels × gridSize × gridSize image values, then kShapeFeatureCount features.
std::size_t classifierInputSize(int gridSize);
/// Number of image values at the start of a map's input.
std::size_t classifierImageSize(int gridSize);

/// Writes one map's input into `out` (classifierInputSize(gridSize) values).
/// Throws fab::Error as resampleDieMap does for a map it cannot read.
void writeClassifierInput(const DieMap& map, int gridSize, std::span<float> out);

/// The inputs of many maps back to back (n × classifierInputSize(gridSize)), for batching;
/// prepared on all hardware threads when there are many maps.
std::vector<float> classifierInputs(std::span<const DieMap> maps, int gridSize);

}  // namespace fab::ml

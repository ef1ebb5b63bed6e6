#pragma once
// A labelled set of preprocessed wafer maps, the form training and evaluation take.
#include <cstdint>
#include <vector>

#include "core/common/feedback.h"
#include "core/ml/classifier_input.h"
#include "core/ml/wafer_map_generator.h"

namespace fab::ml {

struct MapDataset {
  int gridSize = kDefaultGridSize;
  std::vector<float> inputs;  ///< size() × mapValues(), as classifierInputs
  std::vector<int> labels;    ///< class index per map (WaferPattern)

  std::size_t size() const { return labels.size(); }
  std::size_t mapValues() const { return classifierInputSize(gridSize); }
};

/// What a synthetic set is for. Each purpose draws from its own seed stream,
/// so a test set made with the training seed never repeats a training map.
enum class DatasetPurpose { Training, Test, HeldOut };

/// The generator for a purpose: Training and Test draw from
/// GeneratorSettings::training(), HeldOut from GeneratorSettings::heldOut().
WaferMapGenerator syntheticGenerator(DatasetPurpose purpose, std::uint64_t seed);

/// Maps first … first + count − 1 of the generator, resampled to gridSize,
/// spread over `threads` threads (the result does not depend on the count).
/// Reports progress and honours cancellation through `feedback`.
MapDataset makeSyntheticDataset(const WaferMapGenerator& generator, std::uint64_t first, std::size_t count,
                                int gridSize = kDefaultGridSize, int threads = 1, const Feedback& feedback = {});

}  // namespace fab::ml

#pragma once
// The training maps' embeddings saved next to a model's weights: a bare array
// of float32 values, little-endian, row-major (maps × dimensions), described by
// the card's training_maps entry (file, SHA-256, shape) and checked like the weights.
#include <span>
#include <string>
#include <vector>

#include "models/classifier/model_card.h"

namespace fab::models {

/// Writes the values to `path`; returns the file's SHA-256 (hex).
std::string writeTrainingMapsFile(const std::string& path, std::span<const float> values);

/// Reads the file the card's entry describes, in folder `dir`. Refuses (fab::Error, naming the file and
/// `cardPath`) a missing file, a SHA-256 other than the entry's, or a size other than maps × dimensions × 4 bytes.
std::vector<float> readTrainingMapsFile(const std::string& dir, const TrainingMapsEntry& entry,
                                        const std::string& cardPath);

}  // namespace fab::models

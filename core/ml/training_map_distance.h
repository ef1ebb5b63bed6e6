#pragma once
// How far a wafer map lies from the maps a classifier learnt from: the
// Euclidean distance from its embedding to the nearest training map's, and the
// distance beyond which a map counts as unlike every training map — a
// percentile of the training maps' own leave-one-out nearest-neighbour
// distances (each map against the others), the k-NN novelty rule of
// Hautamäki, Kärkkäinen & Fränti, "Outlier detection using k-nearest neighbour
// graph", ICPR 2004 (k = 1), with the threshold at a high percentile of the
// training scores.
#include <cstddef>
#include <span>
#include <vector>

#include "core/ml/embedding_index.h"

namespace fab::ml {

/// Each indexed row's Euclidean distance to its nearest OTHER row (the k-d tree, its own row left out).
/// Throws fab::Error for fewer than two rows.
std::vector<double> leaveOneOutNearestDistances(const EmbeddingIndex& index);

class TrainingMapDistance {
 public:
  /// The training maps' embeddings (n × dimension, row-major) and the distance
  /// beyond which a map is far from them.
  TrainingMapDistance(std::vector<float> embeddings, std::size_t dimension, double threshold);
  /// The same, the threshold the `percentile` (0…100) of the leave-one-out nearest-neighbour distances.
  static TrainingMapDistance measured(std::vector<float> embeddings, std::size_t dimension, double percentile);

  const EmbeddingIndex& index() const { return index_; }
  double threshold() const { return threshold_; }
  /// Distance from an embedding (dimension() values) to the nearest training map.
  double nearestDistance(std::span<const float> embedding) const;
  /// True when that distance exceeds the threshold.
  bool far(double distance) const { return distance > threshold_; }

 private:
  TrainingMapDistance(EmbeddingIndex index, double threshold);
  EmbeddingIndex index_;
  double threshold_;
};

}  // namespace fab::ml

#include "core/ml/training_map_distance.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/common/error.h"
#include "core/common/sample_quantile.h"

namespace fab::ml {

std::vector<double> leaveOneOutNearestDistances(const EmbeddingIndex& index) {
  if (index.size() < 2)
    throw Error("the nearest other training map needs at least two maps, got " + std::to_string(index.size()));
  std::vector<double> out(index.size());
  for (std::size_t i = 0; i < index.size(); ++i) out[i] = index.nearest(index.row(i), 1, i).front().distance;
  return out;
}

TrainingMapDistance::TrainingMapDistance(std::vector<float> embeddings, std::size_t dimension, double threshold)
    : TrainingMapDistance(EmbeddingIndex(std::move(embeddings), dimension), threshold) {}

TrainingMapDistance::TrainingMapDistance(EmbeddingIndex index, double threshold)
    : index_(std::move(index)), threshold_(threshold) {
  if (index_.size() == 0) throw Error("no training-map embeddings to measure distances to");
  if (!(threshold >= 0) || !std::isfinite(threshold))
    throw Error("the training-map distance threshold must be a finite, non-negative number");
}

TrainingMapDistance TrainingMapDistance::measured(std::vector<float> embeddings, std::size_t dimension,
                                                  double percentile) {
  if (!(percentile >= 0 && percentile <= 100))
    throw Error("the training-map distance percentile must lie in 0…100, got " + std::to_string(percentile));
  EmbeddingIndex index(std::move(embeddings), dimension);
  const double threshold = sampleQuantile(leaveOneOutNearestDistances(index), percentile / 100);
  return TrainingMapDistance(std::move(index), threshold);
}

double TrainingMapDistance::nearestDistance(std::span<const float> embedding) const {
  return index_.nearest(embedding, 1).front().distance;
}

}  // namespace fab::ml

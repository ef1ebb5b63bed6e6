#include "core/ml/training_map_distance.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/common/error.h"

namespace fab::ml {

std::vector<double> leaveOneOutNearestDistances(const EmbeddingIndex& index) {
  if (index.size() < 2)
    throw Error("the nearest other training map needs at least two maps, got " + std::to_string(index.size()));
  std::vector<double> out(index.size());
  for (std::size_t i = 0; i < index.size(); ++i) out[i] = index.nearest(index.row(i), 1, i).front().distance;
  return out;
}

double sampleQuantile(std::vector<double> v, double p) {
  if (v.empty()) throw Error("a quantile of no values");
  if (!(p >= 0 && p <= 1)) throw Error("a quantile's probability must lie in [0, 1], got " + std::to_string(p));
  std::sort(v.begin(), v.end());
  const double h = static_cast<double>(v.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
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

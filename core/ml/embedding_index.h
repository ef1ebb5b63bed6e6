#pragma once
// Nearest neighbours among wafer-map embeddings: fixed-length feature vectors
// (a classifier's penultimate layer) searched by Euclidean distance on a
// nanoflann k-d tree (Friedman, Bentley & Finkel 1977).
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace fab::ml {

struct EmbeddingNeighbour {
  std::size_t index = 0;  ///< row of the embedding in the indexed set
  double distance = 0;    ///< Euclidean distance to the query
};

class EmbeddingIndex {
 public:
  /// Indexes n rows of `dimension` values each (n × dimension, row-major; a copy
  /// is kept). Throws fab::Error when the size is not a multiple of the dimension.
  EmbeddingIndex(std::vector<float> rows, std::size_t dimension);
  EmbeddingIndex(EmbeddingIndex&&) noexcept;
  EmbeddingIndex& operator=(EmbeddingIndex&&) noexcept;
  ~EmbeddingIndex();

  std::size_t size() const;
  std::size_t dimension() const;
  std::span<const float> row(std::size_t i) const;
  /// Every row back to back (size() × dimension()), as indexed.
  std::span<const float> rows() const { return rows_; }

  /// The k rows nearest to `query` (dimension() values), nearest first, equal
  /// distances by row; `exclude` (the query's own row) is left out.
  std::vector<EmbeddingNeighbour> nearest(std::span<const float> query, std::size_t k,
                                          std::optional<std::size_t> exclude = std::nullopt) const;

 private:
  struct Tree;
  std::vector<float> rows_;
  std::size_t dimension_;
  std::unique_ptr<Tree> tree_;
};

/// Euclidean distance between two vectors of equal length, summed in double.
double euclideanDistance(std::span<const float> a, std::span<const float> b);

}  // namespace fab::ml

#include "core/ml/embedding_index.h"

#include <nanoflann.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/common/error.h"

namespace fab::ml {

/// nanoflann's view of the rows: point i, coordinate d.
struct EmbeddingIndex::Tree {
  struct Rows {
    const std::vector<float>* values;
    std::size_t dimension;
    std::size_t kdtree_get_point_count() const { return dimension ? values->size() / dimension : 0; }
    double kdtree_get_pt(std::size_t i, std::size_t d) const { return (*values)[i * dimension + d]; }
    template <class Box>
    bool kdtree_get_bbox(Box&) const {
      return false;
    }
  };
  // Squared Euclidean distance accumulated in double over float coordinates.
  using KdTree =
      nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, Rows, double>, Rows, -1, std::size_t>;
  Rows rows;
  KdTree tree;
  Tree(const std::vector<float>& values, std::size_t dimension)
      : rows{&values, dimension},
        tree(static_cast<int>(dimension), rows, nanoflann::KDTreeSingleIndexAdaptorParams(10)) {}
};

EmbeddingIndex::EmbeddingIndex(std::vector<float> rows, std::size_t dimension)
    : rows_(std::move(rows)), dimension_(dimension) {
  if (dimension_ == 0 || rows_.size() % dimension_ != 0)
    throw Error("embeddings of " + std::to_string(dimension_) + " values each cannot be " +
                std::to_string(rows_.size()) + " values in all");
  if (!rows_.empty()) tree_ = std::make_unique<Tree>(rows_, dimension_);
}

EmbeddingIndex::EmbeddingIndex(EmbeddingIndex&& other) noexcept
    : rows_(std::move(other.rows_)), dimension_(other.dimension_), tree_(std::move(other.tree_)) {
  if (tree_) tree_->rows.values = &rows_;  // the moved vector keeps its buffer; point at its new owner
}
EmbeddingIndex& EmbeddingIndex::operator=(EmbeddingIndex&& other) noexcept {
  rows_ = std::move(other.rows_);
  dimension_ = other.dimension_;
  tree_ = std::move(other.tree_);
  if (tree_) tree_->rows.values = &rows_;
  return *this;
}
EmbeddingIndex::~EmbeddingIndex() = default;

std::size_t EmbeddingIndex::size() const { return rows_.size() / dimension_; }
std::size_t EmbeddingIndex::dimension() const { return dimension_; }
std::span<const float> EmbeddingIndex::row(std::size_t i) const {
  return std::span<const float>(rows_).subspan(i * dimension_, dimension_);
}

std::vector<EmbeddingNeighbour> EmbeddingIndex::nearest(std::span<const float> query, std::size_t k,
                                                        std::optional<std::size_t> exclude) const {
  if (query.size() != dimension_)
    throw Error("a query embedding needs " + std::to_string(dimension_) + " values, got " +
                std::to_string(query.size()));
  if (!tree_ || k == 0) return {};
  const std::vector<double> q(query.begin(), query.end());
  // One more than asked when the query's own row is to be left out.
  const std::size_t want = std::min(size(), k + (exclude ? 1 : 0));
  std::vector<std::size_t> indices(want);
  std::vector<double> squared(want);
  nanoflann::KNNResultSet<double, std::size_t> set(want);
  set.init(indices.data(), squared.data());
  tree_->tree.findNeighbors(set, q.data(), nanoflann::SearchParams());
  std::vector<EmbeddingNeighbour> out;
  for (std::size_t i = 0; i < set.size(); ++i)
    if (!exclude || indices[i] != *exclude) out.push_back({indices[i], std::sqrt(squared[i])});
  std::sort(out.begin(), out.end(), [](const EmbeddingNeighbour& a, const EmbeddingNeighbour& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.index < b.index;
  });
  if (out.size() > k) out.resize(k);
  return out;
}

double euclideanDistance(std::span<const float> a, std::span<const float> b) {
  if (a.size() != b.size())
    throw Error("cannot compare embeddings of " + std::to_string(a.size()) + " and " + std::to_string(b.size()) +
                " values");
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double d = static_cast<double>(a[i]) - b[i];
    sum += d * d;
  }
  return std::sqrt(sum);
}

}  // namespace fab::ml

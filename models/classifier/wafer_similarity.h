#pragma once
// "Find wafers like this one": every workspace wafer map embedded with a
// classifier's penultimate layer (WaferClassifier::embed) and searched by
// Euclidean distance on a k-d tree (core/ml/embedding_index.h). Libtorch-free
// header; the GUI and the CLI share it.
#include <cstddef>
#include <string>
#include <vector>

#include "core/ml/die_map_store.h"
#include "core/ml/embedding_index.h"
#include "models/classifier/wafer_classifier.h"

namespace fab::models {

struct SimilarWafer {
  std::size_t index = 0;  ///< position among WaferSimilarity::wafers()
  std::string lot;
  int wafer = 0;
  double distance = 0;  ///< Euclidean distance between the embeddings (0 for the query itself)
  MapPrediction prediction;
  double yield = 0;  ///< passing dies over dies
};

class WaferSimilarity {
 public:
  /// Embeds every map with `model` and indexes the embeddings. The model must outlive this object. It keeps
  /// each wafer's map, lot, slot and product, not the store's die list (`wafers()[i].dies.dies` is empty).
  WaferSimilarity(const WaferClassifier& model, std::vector<ml::StoredWaferMap> wafers);

  const std::vector<ml::StoredWaferMap>& wafers() const { return wafers_; }
  const ml::EmbeddingIndex& index() const { return index_; }
  /// Position of lot/wafer; throws fab::Error naming what exists (ml::findStoredWafer).
  std::size_t find(const std::string& lot, int wafer) const;

  /// The wafer at `query` itself, classified, at distance 0.
  SimilarWafer describe(std::size_t query) const;
  /// The k wafers nearest to the one at `query`, nearest first, the query left out (the search alone).
  std::vector<ml::EmbeddingNeighbour> nearest(std::size_t query, std::size_t k) const;
  /// Found wafers with their lot, slot, yield and class (one classifier pass over them).
  std::vector<SimilarWafer> describe(const std::vector<ml::EmbeddingNeighbour>& found) const;
  /// describe(nearest(query, k)).
  std::vector<SimilarWafer> similarTo(std::size_t query, std::size_t k) const;

 private:
  const WaferClassifier* model_;
  std::vector<ml::StoredWaferMap> wafers_;
  ml::EmbeddingIndex index_;
};

}  // namespace fab::models

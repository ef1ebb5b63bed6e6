#include "models/classifier/wafer_similarity.h"

#include <algorithm>

namespace fab::models {
namespace {

/// Every wafer's embedding, 1,024 maps at a time: the maps are copied and prepared for the network a chunk
/// at a time, not all at once (10,000 prepared maps alone take 166 MB).
std::vector<float> embedAll(const WaferClassifier& model, const std::vector<ml::StoredWaferMap>& wafers) {
  constexpr std::size_t kChunk = 1024;
  std::vector<float> out;
  out.reserve(wafers.size() * model.embeddingSize());
  std::vector<ml::DieMap> maps;
  for (std::size_t first = 0; first < wafers.size(); first += kChunk) {
    maps.clear();
    for (std::size_t i = first; i < std::min(wafers.size(), first + kChunk); ++i) maps.push_back(wafers[i].map);
    const auto e = model.embed(maps);
    out.insert(out.end(), e.begin(), e.end());
  }
  return out;
}

}  // namespace

WaferSimilarity::WaferSimilarity(const WaferClassifier& model, std::vector<ml::StoredWaferMap> wafers)
    : model_(&model), wafers_(std::move(wafers)), index_(embedAll(model, wafers_), model.embeddingSize()) {
  // The maps, lots and slots are what the search and describe() read; the store's die lists (as many dies
  // again) are let go.
  for (auto& w : wafers_) std::vector<store::Die>().swap(w.dies.dies);
}

std::size_t WaferSimilarity::find(const std::string& lot, int wafer) const {
  return ml::findStoredWafer(wafers_, lot, wafer);
}

SimilarWafer WaferSimilarity::describe(std::size_t query) const { return describe({{query, 0.0}}).front(); }

std::vector<ml::EmbeddingNeighbour> WaferSimilarity::nearest(std::size_t query, std::size_t k) const {
  return index_.nearest(index_.row(query), k, query);
}

std::vector<SimilarWafer> WaferSimilarity::similarTo(std::size_t query, std::size_t k) const {
  return describe(nearest(query, k));
}

std::vector<SimilarWafer> WaferSimilarity::describe(const std::vector<ml::EmbeddingNeighbour>& found) const {
  std::vector<ml::DieMap> maps;
  maps.reserve(found.size());
  for (const auto& n : found) maps.push_back(wafers_[n.index].map);
  const auto predictions = model_->classify(maps);
  std::vector<SimilarWafer> out;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const auto& w = wafers_[found[i].index];
    out.push_back({found[i].index, w.dies.lot, w.dies.wafer, found[i].distance, predictions[i], ml::mapYield(w.map)});
  }
  return out;
}

}  // namespace fab::models

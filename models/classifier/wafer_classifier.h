#pragma once
// A wafer-map pattern classifier: a network, the device it runs on and its
// sidecar. The header is free of libtorch so that callers compile quickly.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/ml/classifier_input.h"
#include "core/ml/die_map.h"
#include "core/ml/wafer_pattern.h"
#include "models/classifier/architecture.h"
#include "models/classifier/model_card.h"

namespace fab::ml {
class TrainingMapDistance;
}

namespace fab::models {

enum class DeviceChoice {
  Auto,  ///< CUDA when torch::cuda::is_available(), else the CPU
  Cpu,
  Cuda,  ///< refused with a clear message when no CUDA device is usable
};
/// "auto", "cpu" or "cuda"; throws fab::Error otherwise.
DeviceChoice deviceChoiceFromName(const std::string& name);
/// True when this libtorch was built with CUDA and a device is visible.
bool cudaAvailable();
/// The libtorch version this build links, e.g. "1.13.1".
std::string libtorchVersion();
/// Sets libtorch's intra-op thread count (0: the number of hardware threads).
void setTorchThreads(int threads);

/// Per-map forward-pass time. With one thread, libtorch runs every operator on
/// the calling thread, so its CPU time is what a dedicated core spends, while
/// the wall time also counts time the thread waited for a shared core.
struct CpuLatency {
  double wallMs;
  double threadCpuMs;
};

struct MapPrediction {
  std::string wafer;
  std::int64_t firstRow = -1;  ///< as in the input DieMap
  std::size_t dies = 0;
  ml::WaferPattern pattern = ml::WaferPattern::None;
  std::array<float, ml::kPatternCount> probabilities{};
  /// "A map the model is unsure of (low top probability or far from the training maps) is marked
  /// uncertain rather than forced into a class": `pattern` is then only the best guess.
  bool uncertain = false;
  bool lowTopProbability = false;    ///< top probability below the card's threshold (uncertaintyThreshold)
  bool farFromTrainingMaps = false;  ///< nearest training map farther than the card's training_maps.threshold
  /// Euclidean distance of the map's embedding to the nearest training map's, when the model keeps them.
  std::optional<double> trainingDistance;

  float topProbability() const { return probabilities[ml::patternIndex(pattern)]; }
  /// "uncertain" when uncertain, else the pattern's name.
  std::string className() const;
  /// Why the map is uncertain, in words: "low top probability", "far from the training maps" (empty when certain).
  std::vector<std::string> uncertainBecause() const;
  /// The same joined by "; ".
  std::string uncertainBecauseText() const;
};

/// The uncertainty rules a model applies, in words, for a legend (e.g. "top probability below 0.62 or nearest
/// training map farther than 3.1"); empty when the card records neither threshold.
std::string uncertaintyRules(const ModelCard& card);

class WaferClassifier {
 public:
  /// A new network with weights initialised from `seed` (libtorch's default
  /// initialisation drawn after torch::manual_seed(seed)).
  static WaferClassifier create(const Architecture& architecture, std::uint64_t seed, const std::string& role,
                                DeviceChoice device = DeviceChoice::Auto, int gridSize = ml::kDefaultGridSize);
  /// Loads DIR/model.json and DIR/model.pt. Refuses (fab::Error) a sidecar this
  /// build cannot honour (checkModelCard), weights whose SHA-256 differs from
  /// the sidecar's, a parameter count that differs from the described network,
  /// and weights that do not fit it.
  static WaferClassifier load(const std::string& dir, DeviceChoice device = DeviceChoice::Auto);
  /// Writes DIR/model.pt and DIR/model.json (the card, with the weights' SHA-256
  /// and the libtorch version), creating DIR.
  void save(const std::string& dir);

  WaferClassifier(WaferClassifier&&) noexcept;
  WaferClassifier& operator=(WaferClassifier&&) noexcept;
  ~WaferClassifier();

  const ModelCard& card() const;
  ModelCard& card();
  std::int64_t parameterCount() const;
  int gridSize() const;
  std::string deviceName() const;  ///< "cpu" or "cuda:0"

  /// Class logits, n × kPatternCount row-major, of n maps preprocessed to
  /// gridSize() (n × ml::classifierInputSize(G), as ml::classifierInputs), in evaluation mode.
  std::vector<float> logits(std::span<const float> inputs, std::size_t batchSize = 256) const;
  /// Softmax of the logits, n × kPatternCount.
  std::vector<float> probabilities(std::span<const float> inputs, std::size_t batchSize = 256) const;
  /// Preprocesses (ml::classifierInputs) and classifies die maps. A map without
  /// a failing die is "none" with probability 1 (no failure, no failure pattern),
  /// never uncertain. Every other map is uncertain when its top probability is
  /// below uncertaintyThreshold(card()) or, when the model keeps its training
  /// maps, its nearest training map is farther than their threshold.
  std::vector<MapPrediction> classify(std::span<const ml::DieMap> maps) const;

  /// Keeps the embeddings of the real labelled maps the model was trained on
  /// (embedded now, with these weights) and the distance beyond which a map is
  /// far from them: the `percentile` of each training map's distance to its
  /// nearest other training map. Fills card().trainingMaps (the SHA-256 at save,
  /// which writes them to training_maps.f32); `source` names the maps in the card.
  void rememberTrainingMaps(std::span<const ml::DieMap> maps, const std::string& source, double percentile = 99);
  /// The kept training maps, or nullptr when the model has none (no distance rule).
  const ml::TrainingMapDistance* trainingMaps() const { return trainingMaps_.get(); }

  /// Length of a map's embedding: the pooled image features and the shape features' hidden layer.
  std::size_t embeddingSize() const;
  /// The penultimate layer: each preprocessed map's globally pooled image
  /// features beside its shape features' hidden layer, the input of the last linear layer (n × embeddingSize(),
  /// row-major), in evaluation mode. Maps with the same features get the same class scores, so near embeddings mean
  /// maps the network sees alike.
  std::vector<float> embeddings(std::span<const float> inputs, std::size_t batchSize = 256) const;
  /// Preprocesses (ml::classifierInputs) and embeds die maps, n × embeddingSize().
  std::vector<float> embed(std::span<const ml::DieMap> maps) const;

  /// Mean time in milliseconds of one forward pass at batch 1 on the CPU with
  /// `threads` intra-op threads, after warm-up, over `iterations` runs.
  CpuLatency cpuLatency(int iterations = 200, int threads = 1) const;

  struct Impl;
  Impl& impl() { return *impl_; }
  const Impl& impl() const { return *impl_; }

 private:
  explicit WaferClassifier(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::shared_ptr<const ml::TrainingMapDistance> trainingMaps_;
};

}  // namespace fab::models

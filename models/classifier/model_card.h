#pragma once
// The JSON sidecar saved next to a classifier's weights (model.json next to
// model.pt): what the weights are, what input they expect, how they were made
// and how well they did. Loading checks it and refuses a model this build
// cannot run faithfully.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/classifier/architecture.h"

namespace fab::models {

using Json = nlohmann::ordered_json;

inline constexpr const char* kModelFormat = "fabkit-wafer-pattern-classifier";
inline constexpr int kModelFormatVersion = 1;
inline constexpr const char* kCardFile = "model.json";
inline constexpr const char* kWeightsFile = "model.pt";
inline constexpr const char* kTrainingMapsFile = "training_maps.f32";

/// The embeddings of the real labelled maps a model was trained on, saved next
/// to its weights (float32, little-endian, row-major, maps × dimensions), and
/// the distance beyond which a map is far from all of them (wafer_classifier.h).
struct TrainingMapsEntry {
  std::string file = kTrainingMapsFile;
  std::string sha256;
  std::size_t maps = 0;
  std::size_t dimensions = 0;
  double threshold = 0;    ///< Euclidean distance to the nearest training map beyond which a map is far
  double percentile = 99;  ///< of the training maps' leave-one-out nearest-neighbour distances
  std::string measuredOn;  ///< what the threshold was measured on, in words
};

struct ModelCard {
  std::string format = kModelFormat;
  int formatVersion = kModelFormatVersion;
  std::string role;  ///< "teacher", "student" (distilled) or "student-baseline" (no teacher)
  Architecture architecture;
  std::vector<std::string> classes;  ///< class names in output order
  int gridSize = 0;
  std::vector<std::string> channels;  ///< input channel names in order
  std::string preprocessing;          ///< ml::kPreprocessingId of the build that trained it
  /// How many symmetries of the square the network is run over, its embeddings averaged
  /// (1: the map as it is; 4: its four turns; 8: turns and mirrors). See WaferClassifier::embed.
  int symmetries = 1;
  std::int64_t parameterCount = 0;
  std::uint64_t seed = 0;
  Json training = Json::object();  ///< options and history of the run that made it
  Json metrics = Json::object();   ///< evaluation figures
  /// The data the model learnt from: source, copyright notice and citations that
  /// must travel with a model trained on it (empty for synthetic maps only).
  Json data = Json::object();
  std::string libtorchVersion;
  std::string fabkitVersion;
  std::string created;  ///< ISO 8601 UTC
  std::string weightsFile = kWeightsFile;
  std::string weightsSha256;
  /// Present for a model trained on real maps: the far-from-the-training-maps rule.
  std::optional<TrainingMapsEntry> trainingMaps;

  /// The card of a new model of this build: classes, channels and preprocessing filled in.
  static ModelCard forBuild(const Architecture& architecture, int gridSize, std::string role);

  Json toJson() const;
  /// Throws fab::Error naming `source` and the field for a missing or mistyped field.
  static ModelCard fromJson(const Json& json, const std::string& source);
};

/// 1, 2 (the map and its half turn), 4 (its turns) or 8 (turns and mirrors).
inline bool validSymmetries(int n) { return n == 1 || n == 2 || n == 4 || n == 8; }

void writeModelCard(const ModelCard& card, const std::string& path);
ModelCard readModelCard(const std::string& path);

/// Throws fab::Error listing every way the card differs from what this build
/// runs: format and version, class list, input channels, preprocessing, grid
/// size range, architecture. `source` names the file in the message.
void checkModelCard(const ModelCard& card, const std::string& source);

/// The model folder a user named: DIR itself when it holds model.json, else
/// DIR/student when DIR is the output of a distillation run. Throws fab::Error
/// when neither holds a model.
std::string modelFolder(const std::string& dir);

/// The top probability below which the model's answer is called uncertain,
/// recorded from its real-map cross-validation (metrics.real_cross_validation.
/// uncertainty.threshold); nullopt when the card records none.
std::optional<double> uncertaintyThreshold(const ModelCard& card);

}  // namespace fab::models

// When a classifier's answer for a map is called uncertain: the words the
// presenters show for MapPrediction's decision, and the model's remembered
// training maps that the far-from-the-training-maps rule measures against.
#include "core/common/error.h"
#include "core/common/number_text.h"
#include "core/ml/training_map_distance.h"
#include "models/classifier/wafer_classifier.h"

namespace fab::models {
namespace {
std::string number(double v) { return significantText(v, 3); }
}  // namespace

std::string MapPrediction::className() const { return uncertain ? "uncertain" : ml::patternName(pattern); }

std::vector<std::string> MapPrediction::uncertainBecause() const {
  std::vector<std::string> out;
  if (lowTopProbability) out.emplace_back("low top probability");
  if (farFromTrainingMaps) out.emplace_back("far from the training maps");
  return out;
}

std::string MapPrediction::uncertainBecauseText() const {
  std::string out;
  for (const auto& reason : uncertainBecause()) out += (out.empty() ? "" : "; ") + reason;
  return out;
}

std::string uncertaintyRules(const ModelCard& card) {
  std::string rules;
  if (const auto t = uncertaintyThreshold(card)) rules = "top probability below " + number(*t);
  if (card.trainingMaps)
    rules += (rules.empty() ? "" : " or ") + std::string("nearest training map farther than ") +
             number(card.trainingMaps->threshold) + " (the " + number(card.trainingMaps->percentile) +
             "th percentile of the " + std::to_string(card.trainingMaps->maps) +
             " training maps' distances to their nearest other)";
  return rules;
}

void WaferClassifier::rememberTrainingMaps(std::span<const ml::DieMap> maps, const std::string& source,
                                           double percentile) {
  if (maps.size() < 2) throw Error("the far-from-the-training-maps rule needs at least two training maps");
  auto distance = std::make_shared<const ml::TrainingMapDistance>(
      ml::TrainingMapDistance::measured(embed(maps), embeddingSize(), percentile));
  TrainingMapsEntry entry;
  entry.maps = maps.size();
  entry.dimensions = embeddingSize();
  entry.threshold = distance->threshold();
  entry.percentile = percentile;
  entry.measuredOn = "the embeddings (penultimate layer of these weights) of the " + std::to_string(maps.size()) +
                     " real labelled training maps (" + source + "; no augmented or synthetic maps): the " +
                     number(percentile) +
                     "th percentile of each map's Euclidean distance to its nearest other training map";
  card().trainingMaps = entry;
  trainingMaps_ = std::move(distance);
}

}  // namespace fab::models

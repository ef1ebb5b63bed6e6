// The far-from-the-training-maps rule: the leave-one-out nearest-neighbour
// threshold (closed form on hand-made embeddings), a model that keeps its
// training maps (saved, reloaded, a tampered file refused) and a map unlike
// every training map called uncertain for that reason.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/common/error.h"
#include "core/ml/training_map_distance.h"
#include "models/classifier/wafer_classifier.h"
#include "tests/models/classifier/load_error.h"
#include "tests/support/temp_dir.h"

namespace fab::models {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
constexpr int kGrid = 16;

TEST(TrainingMapDistance, LeaveOneOutPercentileOfHandMadeEmbeddings) {
  // Five points on a line at 0, 1, 3, 6, 10 (second coordinate 0): each one's nearest other lies 1, 1, 2, 3, 4 away.
  const std::vector<float> rows{0, 0, 1, 0, 3, 0, 6, 0, 10, 0};
  const ml::EmbeddingIndex index(rows, 2);
  EXPECT_THAT(ml::leaveOneOutNearestDistances(index), ElementsAre(1, 1, 2, 3, 4));
  // Hyndman & Fan definition 7: h = (n − 1)·p = 3.96, so 3 + 0.96·(4 − 3).
  const auto far = ml::TrainingMapDistance::measured(rows, 2, 99);
  EXPECT_NEAR(far.threshold(), 3.96, 1e-12);
  EXPECT_DOUBLE_EQ(ml::TrainingMapDistance::measured(rows, 2, 50).threshold(), 2.0);
  EXPECT_DOUBLE_EQ(ml::TrainingMapDistance::measured(rows, 2, 100).threshold(), 4.0);
  // A query at (13, 4) is a 3-4-5 triangle from (10, 0): 5 > 3.96, far; (8, 0) is 2 from 6 and 10.
  EXPECT_DOUBLE_EQ(far.nearestDistance(std::vector<float>{13, 4}), 5.0);
  EXPECT_TRUE(far.far(far.nearestDistance(std::vector<float>{13, 4})));
  EXPECT_DOUBLE_EQ(far.nearestDistance(std::vector<float>{8, 0}), 2.0);
  EXPECT_FALSE(far.far(2.0));
  // A duplicated map's nearest other is its twin, at distance 0.
  const ml::EmbeddingIndex twins(std::vector<float>{1, 1, 1, 1, 4, 5}, 2);
  EXPECT_THAT(ml::leaveOneOutNearestDistances(twins), ElementsAre(0, 0, 5));
  EXPECT_THROW(ml::leaveOneOutNearestDistances(ml::EmbeddingIndex(std::vector<float>{1, 2}, 2)), Error);
  EXPECT_THROW(ml::TrainingMapDistance::measured(rows, 2, 101), Error);
}

/// A round wafer about 2·radius dies across whose dies fail with probability `failPercent` % (own stream per seed).
ml::DieMap roundWafer(const std::string& name, int radius, int failPercent, unsigned seed) {
  std::mt19937 random(seed);
  ml::DieMap map{name, {}, {}, 0};
  for (int y = -radius; y <= radius; ++y)
    for (int x = -radius; x <= radius; ++x)
      if (x * x + y * y <= radius * radius)
        map.dies.push_back({x + radius, y + radius, static_cast<int>(random() % 100) >= failPercent});
  return map;
}

/// Twenty mostly passing wafers (3 % of dies failing at random), the training maps of the tests below.
std::vector<ml::DieMap> mostlyPassing() {
  std::vector<ml::DieMap> maps;
  for (unsigned i = 0; i < 20; ++i) maps.push_back(roundWafer("pass-" + std::to_string(i), 12, 3, 100 + i));
  return maps;
}

WaferClassifier tinyModel() {
  return WaferClassifier::create(Architecture::tinyStudent(), 3, "student", DeviceChoice::Cpu, kGrid);
}

using test::loadError;

TEST(TrainingMapDistance, ModelKeepsItsTrainingMapsAndRefusesATamperedFile) {
  test::TempDir dir;
  const auto training = mostlyPassing();
  auto model = tinyModel();
  model.rememberTrainingMaps(training, "hand-made maps");
  model.save(dir.path("m"));

  // The file is the model's embeddings of the training maps, float32 row-major; the card describes it.
  const auto embeddings = model.embed(training);
  const auto d = model.embeddingSize();
  const auto file = dir.path("m") + "/training_maps.f32";
  ASSERT_EQ(std::filesystem::file_size(file), training.size() * d * sizeof(float));
  std::vector<float> stored(training.size() * d);
  std::ifstream(file, std::ios::binary).read(reinterpret_cast<char*>(stored.data()), stored.size() * sizeof(float));
  EXPECT_EQ(stored, embeddings);
  // The threshold, computed here by brute force: the 99th percentile of each map's distance to its nearest other.
  std::vector<double> nearestOther;
  for (std::size_t i = 0; i < training.size(); ++i) {
    double best = INFINITY;
    for (std::size_t j = 0; j < training.size(); ++j) {
      if (i == j) continue;
      double s = 0;
      for (std::size_t k = 0; k < d; ++k) s += std::pow(double(embeddings[i * d + k]) - embeddings[j * d + k], 2);
      best = std::min(best, std::sqrt(s));
    }
    nearestOther.push_back(best);
  }
  std::sort(nearestOther.begin(), nearestOther.end());
  const double h = 19 * 0.99;  // n − 1 = 19: between the 19th and 20th smallest
  const double expected = nearestOther[18] + (h - 18) * (nearestOther[19] - nearestOther[18]);
  Json card;
  std::ifstream(dir.path("m") + "/model.json") >> card;
  const auto& t = card["training_maps"];
  EXPECT_EQ(t["file"], "training_maps.f32");
  EXPECT_EQ(t["maps"], 20);
  EXPECT_EQ(t["dimensions"], d);
  EXPECT_EQ(t["percentile"], 99);
  EXPECT_NEAR(t["threshold"].get<double>(), expected, 1e-5 * expected);
  EXPECT_EQ(t["sha256"].get<std::string>().size(), 64u);
  EXPECT_THAT(t["measured_on"].get<std::string>(), HasSubstr("20 real labelled training maps (hand-made maps"));

  const auto loaded = WaferClassifier::load(dir.path("m"), DeviceChoice::Cpu);
  ASSERT_NE(loaded.trainingMaps(), nullptr);
  EXPECT_EQ(loaded.trainingMaps()->threshold(), t["threshold"].get<double>());
  const auto again = loaded.classify(training);
  for (const auto& p : again) {
    ASSERT_TRUE(p.trainingDistance);
    EXPECT_EQ(*p.trainingDistance, 0.0) << p.wafer;  // each training map is its own nearest training map
    EXPECT_FALSE(p.farFromTrainingMaps);
  }

  // One changed byte: the SHA-256 no longer matches the card, and the model is refused.
  {
    std::fstream f(file, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(5);
    f.put('\x7f');
  }
  EXPECT_THAT(loadError(dir.path("m")), HasSubstr("training_maps.f32 is not the file"));
  std::filesystem::remove(file);
  EXPECT_THAT(loadError(dir.path("m")), HasSubstr("are missing"));

  // A model saved without training maps has no distance rule.
  auto plain = tinyModel();
  plain.save(dir.path("plain"));
  const auto plainLoaded = WaferClassifier::load(dir.path("plain"), DeviceChoice::Cpu);
  EXPECT_EQ(plainLoaded.trainingMaps(), nullptr);
  const auto p = plainLoaded.classify(std::vector<ml::DieMap>{roundWafer("all-fail", 12, 100, 1)});
  EXPECT_FALSE(p[0].trainingDistance);
  EXPECT_FALSE(p[0].farFromTrainingMaps);
}

TEST(TrainingMapDistance, AMapUnlikeEveryTrainingMapIsUncertainForThatReason) {
  auto model = tinyModel();
  model.rememberTrainingMaps(mostlyPassing(), "hand-made maps");
  const std::vector<ml::DieMap> queries{roundWafer("all-fail", 12, 100, 1), roundWafer("like-training", 12, 3, 7),
                                        roundWafer("spotless", 12, 0, 1)};
  const auto p = model.classify(queries);
  // The card records no top-probability threshold, so distance is the only rule here.
  ASSERT_FALSE(uncertaintyThreshold(model.card()));
  const double threshold = model.trainingMaps()->threshold();
  ASSERT_TRUE(p[0].trainingDistance);
  EXPECT_GT(*p[0].trainingDistance, threshold);
  EXPECT_TRUE(p[0].uncertain);
  EXPECT_TRUE(p[0].farFromTrainingMaps);
  EXPECT_FALSE(p[0].lowTopProbability);
  EXPECT_THAT(p[0].uncertainBecause(), ElementsAre("far from the training maps"));
  EXPECT_EQ(p[0].className(), "uncertain");
  // Each decision is the card's rule applied to the reported distance.
  for (const auto& q : p) EXPECT_EQ(q.farFromTrainingMaps, q.wafer != "spotless" && *q.trainingDistance > threshold);
  // A spotless wafer is "none" by definition, never uncertain.
  EXPECT_FALSE(p[2].uncertain);
  EXPECT_EQ(p[2].className(), "none");
}

}  // namespace
}  // namespace fab::models

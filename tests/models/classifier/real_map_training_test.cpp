// Training and cross-validating on real labelled maps (a small slice of the
// WM-811K training file, tiny networks: checks the bookkeeping, not accuracy).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/common/error.h"
#include "core/ml/training_map_distance.h"
#include "models/classifier/real_map_card.h"
#include "models/classifier/real_map_training.h"

namespace fab::models {
namespace {

constexpr int kGrid = 16;

/// The first 12 maps of each class in the real training file.
const std::vector<ml::RecordedWaferMap>& realSlice() {
  static const auto maps = [] {
    const auto all = ml::readWm811kMaps(FAB_SOURCE_DIR "/../shared/reference/real/wm811k/train.jsonl");
    std::map<int, int> taken;
    std::vector<ml::RecordedWaferMap> out;
    for (const auto& m : all)
      if (taken[ml::patternIndex(*m.label)]++ < 12) out.push_back(m);
    return out;
  }();
  return maps;
}

RealMapPlan tinyPlan() {
  RealMapPlan p;
  p.gridSize = kGrid;
  p.teacher = Architecture::tinyTeacher();
  p.student = Architecture::tinyStudent();
  p.teacherEpochs = 1;
  p.studentEpochs = 1;
  p.training.batchSize = 16;
  p.training.threads = 1;
  p.folds = 3;
  return p;
}

TEST(RealMapTraining, TrainingSetHoldsRealCopiesAndSyntheticMaps) {
  RealMapRecipe r;
  r.augmentedCopies = 2;
  r.syntheticMaps = 18;
  r.calibratedSynthetic = true;
  // Four maps and two "none" maps (calibration measures the background on those).
  std::vector<std::size_t> indices{0, 1, 2, 3};
  for (std::size_t i = 4; indices.size() < 6; ++i)
    if (realSlice()[i].label == ml::WaferPattern::None) indices.push_back(i);
  const auto d = realTrainingSet(realSlice(), indices, r, 5, kGrid);
  ASSERT_EQ(d.size(), 6u * 3 + 18);
  EXPECT_EQ(d.inputs.size(), d.size() * d.mapValues());
  // Real maps first, then the copies with the same labels in the same order, then the balanced synthetic maps.
  for (std::size_t k = 0; k < indices.size(); ++k) {
    const int label = ml::patternIndex(*realSlice()[indices[k]].label);
    EXPECT_EQ(d.labels[k], label);
    EXPECT_EQ(d.labels[6 + k], label);
    EXPECT_EQ(d.labels[12 + k], label);
  }
  for (int k = 0; k < 18; ++k) EXPECT_EQ(d.labels[18 + k], k % 9);
  // Same seed, same set.
  EXPECT_EQ(realTrainingSet(realSlice(), indices, r, 5, kGrid).inputs, d.inputs);
}

TEST(RealMapTraining, CrossValidationScoresEveryMapOnceWithItsLotLeftOut) {
  auto plan = tinyPlan();
  const auto& maps = realSlice();
  const auto cv = crossValidate(plan, maps);
  ASSERT_EQ(cv.maps.size(), maps.size());
  ASSERT_EQ(cv.models.size(), 3u);
  EXPECT_EQ(cv.models[0].role, "teacher");
  EXPECT_EQ(cv.models[1].role, "student");
  EXPECT_EQ(cv.models[2].role, "student-baseline");
  std::map<std::string, std::set<int>> foldsOfLot;
  for (std::size_t k = 0; k < cv.maps.size(); ++k) foldsOfLot[maps[cv.maps[k]].lot].insert(cv.fold[k]);
  for (const auto& [lot, f] : foldsOfLot) EXPECT_EQ(f.size(), 1u) << lot;
  for (const auto& m : cv.models) {
    EXPECT_EQ(m.metrics.count, static_cast<int>(maps.size()));
    // Pooled over folds: the confusion matrix counts every map once.
    int total = 0;
    for (const auto& row : m.metrics.confusion)
      for (int v : row) total += v;
    EXPECT_EQ(total, static_cast<int>(maps.size()));
    for (std::size_t k = 0; k < cv.maps.size(); ++k) {
      double sum = 0;
      for (int c = 0; c < ml::kPatternCount; ++c) sum += m.probabilities[k * ml::kPatternCount + c];
      EXPECT_NEAR(sum, 1.0, 1e-4);
    }
    EXPECT_GE(m.confidence.threshold, 0.0);
    EXPECT_LE(m.confidence.threshold, 1.0 + 1e-6);
  }

  // The card of a model trained the same way carries the data's citations and the fold scores.
  plan.distill = false;
  plan.recipe.augmentedCopies = 1;  // the training set then holds 2 × maps + 9, the kept training maps still `maps`
  plan.recipe.syntheticMaps = 9;
  auto models = trainOnRealMaps(plan, maps);
  ASSERT_EQ(models.size(), 1u);
  // It keeps the embeddings of the real labelled maps only (not their augmented copies nor synthetic maps).
  ASSERT_TRUE(models[0].card().trainingMaps);
  EXPECT_EQ(models[0].card().trainingMaps->maps, maps.size());
  ASSERT_NE(models[0].trainingMaps(), nullptr);
  EXPECT_EQ(models[0].trainingMaps()->index().size(), maps.size());
  recordRealMapCard(models[0], plan, cv, wm811kProvenance("train.jsonl", maps.size(), foldsOfLot.size()), 18, 2, 5);
  const auto& card = models[0].card();
  EXPECT_THAT(card.data["copyright"].get<std::string>(), ::testing::HasSubstr("Jyh-Shing Roger Jang"));
  EXPECT_EQ(card.data["citations"].size(), 2u);
  const auto& real = card.metrics["real_cross_validation"];
  EXPECT_EQ(real["maps"], static_cast<int>(maps.size()));
  EXPECT_EQ(real["folds"], 3);
  EXPECT_DOUBLE_EQ(real["accuracy"].get<double>(), cv.models[2].metrics.accuracy);
  ASSERT_TRUE(uncertaintyThreshold(card));
  EXPECT_DOUBLE_EQ(*uncertaintyThreshold(card), cv.models[2].confidence.threshold);
  EXPECT_EQ(card.metrics["held_out"]["maps"], 18);  // synthetic, labelled as such
  EXPECT_FALSE(uncertaintyThreshold(ModelCard{}));
}

}  // namespace
}  // namespace fab::models

// Nearest neighbours of real WM-811K maps by the shipped student's embedding:
// with every map of train.jsonl left out in turn, its nearest map carries the
// same label far more often than the most frequent label alone would. The
// student was trained on these maps, so the agreement is no out-of-sample
// score: the test checks that the embedding groups maps by their pattern.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>

#include "core/ml/embedding_index.h"
#include "core/ml/wm811k_maps.h"
#include "models/classifier/pretrained_model.h"
#include "models/classifier/wafer_classifier.h"

namespace {

TEST(RealMapNeighbours, TheNearestRealMapUsuallySharesTheLabel) {
  const auto maps = fab::ml::readWm811kMaps(FAB_SOURCE_DIR "/../shared/reference/real/wm811k/train.jsonl");
  const auto model =
      fab::models::WaferClassifier::load(fab::models::pretrainedModelDir(), fab::models::DeviceChoice::Cpu);
  const fab::ml::EmbeddingIndex index(model.embed(fab::ml::dieMapsOf(maps)), model.embeddingSize());
  ASSERT_EQ(index.size(), maps.size());
  std::map<fab::ml::WaferPattern, std::size_t> perLabel;
  std::size_t agree = 0;
  for (std::size_t i = 0; i < maps.size(); ++i) {
    ASSERT_TRUE(maps[i].label) << "line " << maps[i].line;
    ++perLabel[*maps[i].label];
    const auto nearest = index.nearest(index.row(i), 1, i);
    ASSERT_EQ(nearest.size(), 1u);
    agree += maps[nearest.front().index].label == maps[i].label;
  }
  std::size_t largest = 0;
  for (const auto& [label, n] : perLabel) largest = std::max(largest, n);
  const double agreement = static_cast<double>(agree) / maps.size();
  const double majority = static_cast<double>(largest) / maps.size();
  std::cout << "leave-one-out nearest-neighbour label agreement on " << maps.size() << " real maps: " << agreement
            << " (most frequent label alone: " << majority << ")\n";
  EXPECT_GT(agreement, 3 * majority);
}

}  // namespace

// Averaging the classifier over symmetries of the square (ModelCard::symmetries),
// checked against the same model run on turned and mirrored inputs by hand.
#include <gtest/gtest.h>

#include "core/ml/map_dataset.h"
#include "models/classifier/wafer_classifier.h"

namespace fab::models {
namespace {

constexpr int kGrid = 16;

/// Every map's image turned a quarter (out[c][y][x] = in[c][x][G−1−y]) or mirrored (out[c][y][x] =
/// in[c][y][G−1−x]), written out by index; the shape features after the image are copied unchanged
/// (they do not change under these, map_shape_features.h).
std::vector<float> transformed(std::span<const float> inputs, bool mirror) {
  const auto perMap = ml::classifierInputSize(kGrid);
  std::vector<float> out(inputs.begin(), inputs.end());
  for (std::size_t m = 0; m < inputs.size() / perMap; ++m)
    for (int c = 0; c < ml::kInputChannels; ++c)
      for (int y = 0; y < kGrid; ++y)
        for (int x = 0; x < kGrid; ++x) {
          const auto at = [&](int yy, int xx) { return m * perMap + (c * kGrid + yy) * kGrid + xx; };
          out[at(y, x)] = mirror ? inputs[at(y, kGrid - 1 - x)] : inputs[at(x, kGrid - 1 - y)];
        }
  return out;
}

std::vector<float> turned(std::span<const float> inputs, int quarters) {
  std::vector<float> out(inputs.begin(), inputs.end());
  for (int q = 0; q < quarters; ++q) out = transformed(out, false);
  return out;
}

class Symmetries : public ::testing::Test {
 protected:
  Symmetries()
      : model(WaferClassifier::create(Architecture::tinyStudent(), 5, "student", DeviceChoice::Cpu, kGrid)),
        inputs(ml::makeSyntheticDataset(ml::syntheticGenerator(ml::DatasetPurpose::Test, 4), 0, 9, kGrid).inputs) {}
  std::vector<float> embeddings(std::span<const float> x, int k) {
    model.card().symmetries = k;
    return model.embeddings(x);
  }
  WaferClassifier model;
  std::vector<float> inputs;
};

TEST_F(Symmetries, AverageTheEmbeddingsOfTheTurnedMaps) {
  // With 4, the embedding is the mean of the four turned maps' plain embeddings.
  std::vector<float> mean(embeddings(inputs, 1).size(), 0.f);
  for (int q = 0; q < 4; ++q) {
    const auto e = embeddings(turned(inputs, q), 1);
    for (std::size_t i = 0; i < e.size(); ++i) mean[i] += e[i] / 4;
  }
  const auto averaged = embeddings(inputs, 4);
  ASSERT_EQ(averaged.size(), mean.size());
  for (std::size_t i = 0; i < mean.size(); ++i) EXPECT_NEAR(averaged[i], mean[i], 1e-5 * (1 + std::abs(mean[i])));
  // With 2, of the map and its half turn.
  const auto a = embeddings(inputs, 1), b = embeddings(turned(inputs, 2), 1), two = embeddings(inputs, 2);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(two[i], (a[i] + b[i]) / 2, 1e-5 * (1 + std::abs(a[i])));
}

TEST_F(Symmetries, MakeTheAnswerInvariantUnderTheirGroup) {
  const auto quarter = turned(inputs, 1), mirrored = transformed(inputs, true);
  const auto four = embeddings(inputs, 4), fourTurned = embeddings(quarter, 4);
  const auto eight = embeddings(inputs, 8), eightMirrored = embeddings(mirrored, 8),
             eightTurned = embeddings(quarter, 8);
  for (std::size_t i = 0; i < four.size(); ++i) {
    EXPECT_NEAR(fourTurned[i], four[i], 1e-5 * (1 + std::abs(four[i])));
    EXPECT_NEAR(eightMirrored[i], eight[i], 1e-5 * (1 + std::abs(eight[i])));
    EXPECT_NEAR(eightTurned[i], eight[i], 1e-5 * (1 + std::abs(eight[i])));
  }
  // Without averaging the untrained network is not invariant, so the test above is not vacuous.
  const auto one = embeddings(inputs, 1), oneTurned = embeddings(quarter, 1);
  double largest = 0;
  for (std::size_t i = 0; i < one.size(); ++i) largest = std::max(largest, double(std::abs(one[i] - oneTurned[i])));
  EXPECT_GT(largest, 1e-3);
}

}  // namespace
}  // namespace fab::models

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <numeric>

#include "core/common/error.h"
#include "core/ml/map_dataset.h"
#include "models/classifier/distillation.h"
#include "models/classifier/evaluation.h"
#include "models/classifier/wafer_classifier.h"

namespace fab::models {
namespace {

/// Parameters of a network by the layer formulas, independently of libtorch:
/// a k×k convolution without bias has in·out·k²/groups weights, batch norm 2
/// per channel, a linear layer in·out + out; the shape features pass batch
/// norm (2 per feature) and a linear layer to kShapeHiddenWidth, and the last
/// layer reads the last stage's width plus that hidden width.
std::int64_t expectedParameters(const Architecture& a, int classes) {
  std::int64_t n = ml::kInputChannels * a.widths[0] * 9 + 2 * a.widths[0];
  for (std::size_t i = 1; i < a.widths.size(); ++i) {
    const std::int64_t in = a.widths[i - 1], out = a.widths[i];
    if (a.kind == NetworkKind::ResidualTeacher) {
      n += in * out * 9 + 2 * out + out * out * 9 + 2 * out;
      if (in != out || a.strides[i] != 1) n += in * out + 2 * out;
    } else {
      n += in * 9 + 2 * in + in * out + 2 * out;
    }
  }
  const std::int64_t features = ml::kShapeFeatureCount, hidden = 32;
  n += 2 * features + features * hidden + hidden;
  return n + (a.widths.back() + hidden) * classes + classes;
}

TEST(WaferClassifier, ParameterCountsFollowTheLayerFormulas) {
  for (const auto& a :
       {Architecture::teacher(), Architecture::student(), Architecture::tinyTeacher(), Architecture::tinyStudent()}) {
    const auto model = WaferClassifier::create(a, 1, "x", DeviceChoice::Cpu, 16);
    EXPECT_EQ(model.parameterCount(), expectedParameters(a, 9)) << a.kindName();
  }
  // The design targets: a teacher of 0.5–2 M parameters and a student of at most a tenth of it.
  const auto teacher = expectedParameters(Architecture::teacher(), 9);
  const auto student = expectedParameters(Architecture::student(), 9);
  EXPECT_GE(teacher, 500'000);
  EXPECT_LE(teacher, 2'000'000);
  EXPECT_LE(10 * student, teacher);
}

TEST(WaferClassifier, ClassifiesDieMapsWithProbabilities) {
  const auto model = WaferClassifier::create(Architecture::tinyStudent(), 3, "student", DeviceChoice::Cpu, 16);
  const auto generator = ml::syntheticGenerator(ml::DatasetPurpose::Test, 2);
  std::vector<ml::DieMap> maps;
  for (int i = 0; i < 5; ++i) maps.push_back(generator.generate(i).map);
  maps[2].wafer = "LOT7-03";
  maps[2].firstRow = 42;
  const auto predictions = model.classify(maps);
  ASSERT_EQ(predictions.size(), 5u);
  EXPECT_EQ(predictions[2].wafer, "LOT7-03");
  EXPECT_EQ(predictions[2].firstRow, 42);
  EXPECT_EQ(predictions[2].dies, maps[2].dies.size());
  const auto inputs = ml::classifierInputs(maps, 16);
  const auto probabilities = model.probabilities(inputs);
  for (std::size_t i = 0; i < predictions.size(); ++i) {
    const auto& p = predictions[i].probabilities;
    EXPECT_NEAR(std::accumulate(p.begin(), p.end(), 0.0), 1.0, 1e-5);
    EXPECT_EQ(ml::patternIndex(predictions[i].pattern), std::max_element(p.begin(), p.end()) - p.begin());
    for (int c = 0; c < ml::kPatternCount; ++c) EXPECT_EQ(p[c], probabilities[i * ml::kPatternCount + c]);
  }
  // Batching does not change the answer.
  const auto one = model.probabilities(inputs, 1);
  for (std::size_t i = 0; i < one.size(); ++i) EXPECT_NEAR(one[i], probabilities[i], 1e-6);
}

TEST(WaferClassifier, RefusesInputsOfTheWrongSize) {
  const auto model = WaferClassifier::create(Architecture::tinyStudent(), 3, "student", DeviceChoice::Cpu, 16);
  const std::vector<float> wrong(3 * 15 * 15, 0.0f);
  EXPECT_THAT([&] { model.logits(wrong); },
              ::testing::ThrowsMessage<Error>(::testing::HasSubstr("4 × 16 × 16 image and 66 shape features")));
}

TEST(WaferClassifier, EvaluationCountsEveryMap) {
  const auto model = WaferClassifier::create(Architecture::tinyStudent(), 3, "student", DeviceChoice::Cpu, 16);
  const auto data = ml::makeSyntheticDataset(ml::syntheticGenerator(ml::DatasetPurpose::HeldOut, 1), 0, 18, 16);
  const auto report = evaluateClassifier(model, data, 3);
  EXPECT_EQ(report.metrics.count, 18);
  int total = 0;
  for (const auto& row : report.metrics.confusion) total += std::accumulate(row.begin(), row.end(), 0);
  EXPECT_EQ(total, 18);
  for (int c = 0; c < ml::kPatternCount; ++c) EXPECT_EQ(report.metrics.perClass[c].support, 2);
  int diagonal = 0;
  for (int c = 0; c < ml::kPatternCount; ++c) diagonal += report.metrics.confusion[c][c];
  EXPECT_DOUBLE_EQ(report.metrics.accuracy, diagonal / 18.0);
  EXPECT_DOUBLE_EQ(report.metrics.accuracy, accuracy(model, data));
  EXPECT_GT(report.latency.wallMs, 0);
  EXPECT_GT(report.latency.threadCpuMs, 0);
  EXPECT_EQ(report.parameters, model.parameterCount());
}

}  // namespace
}  // namespace fab::models

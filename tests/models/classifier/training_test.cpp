#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>

#include "core/common/error.h"
#include "core/ml/map_dataset.h"
#include "models/classifier/distillation.h"

namespace fab::models {
namespace {

constexpr int kGrid = 16;

const ml::MapDataset& trainingMaps() {
  static const auto data =
      ml::makeSyntheticDataset(ml::syntheticGenerator(ml::DatasetPurpose::Training, 3), 0, 45, kGrid);
  return data;
}

TrainingOptions fastOptions(std::uint64_t seed) {
  TrainingOptions o;
  o.epochs = 2;
  o.batchSize = 16;
  o.seed = seed;
  o.threads = 1;
  return o;
}

std::vector<float> trainAndPredict(const Architecture& a, std::uint64_t seed,
                                   const WaferClassifier* teacher = nullptr) {
  auto model = WaferClassifier::create(a, seed, "student", DeviceChoice::Cpu, kGrid);
  trainClassifier(model, trainingMaps(), fastOptions(seed), teacher);
  return model.logits(trainingMaps().inputs);
}

TEST(Training, SameSeedSameWeightsOtherSeedOtherWeights) {
  const auto a = trainAndPredict(Architecture::tinyStudent(), 7);
  const auto b = trainAndPredict(Architecture::tinyStudent(), 7);
  const auto c = trainAndPredict(Architecture::tinyStudent(), 8);
  EXPECT_EQ(a, b);  // bit for bit on the CPU
  EXPECT_NE(a, c);
}

TEST(Training, DistillationIsDeterministicToo) {
  auto teacher = WaferClassifier::create(Architecture::tinyTeacher(), 1, "teacher", DeviceChoice::Cpu, kGrid);
  trainClassifier(teacher, trainingMaps(), fastOptions(1));
  const auto a = trainAndPredict(Architecture::tinyStudent(), 5, &teacher);
  const auto b = trainAndPredict(Architecture::tinyStudent(), 5, &teacher);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, trainAndPredict(Architecture::tinyStudent(), 5));  // the teacher changes the result
}

TEST(Training, ReportsEveryEpochAndProgress) {
  auto model = WaferClassifier::create(Architecture::tinyStudent(), 2, "student", DeviceChoice::Cpu, kGrid);
  std::vector<EpochReport> epochs;
  std::vector<double> fractions;
  Feedback feedback;
  feedback.onProgress = [&](double f, std::string_view) { fractions.push_back(f); };
  auto options = fastOptions(2);
  options.epochs = 3;
  const auto history = trainClassifier(
      model, trainingMaps(), options, nullptr, &trainingMaps(), [&](const EpochReport& e) { epochs.push_back(e); },
      feedback);
  ASSERT_EQ(epochs.size(), 3u);
  ASSERT_EQ(history.epochs.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(epochs[i].epoch, i + 1);
    EXPECT_EQ(epochs[i].epochs, 3);
    EXPECT_EQ(epochs[i].stage, "student");
    EXPECT_GT(epochs[i].loss, 0);
    EXPECT_TRUE(epochs[i].trainAccuracy >= 0 && epochs[i].trainAccuracy <= 1);
    EXPECT_TRUE(epochs[i].validationAccuracy >= 0 && epochs[i].validationAccuracy <= 1);
  }
  // The last epoch's validation accuracy is the trained model's accuracy on those maps.
  EXPECT_DOUBLE_EQ(epochs.back().validationAccuracy, accuracy(model, trainingMaps()));
  ASSERT_FALSE(fractions.empty());
  EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
  EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
}

TEST(Training, CancelsBetweenBatches) {
  auto model = WaferClassifier::create(Architecture::tinyStudent(), 2, "student", DeviceChoice::Cpu, kGrid);
  std::atomic<bool> cancel{false};
  Feedback feedback;
  feedback.cancelFlag = &cancel;
  int epochsSeen = 0;
  auto options = fastOptions(2);
  options.epochs = 50;
  EXPECT_THROW(trainClassifier(
                   model, trainingMaps(), options, nullptr, nullptr,
                   [&](const EpochReport&) {
                     ++epochsSeen;
                     cancel = true;
                   },
                   feedback),
               Cancelled);
  EXPECT_EQ(epochsSeen, 1);
}

TEST(Training, RefusesMismatchedGrid) {
  auto model = WaferClassifier::create(Architecture::tinyStudent(), 2, "student", DeviceChoice::Cpu, 20);
  EXPECT_THAT([&] { trainClassifier(model, trainingMaps(), fastOptions(1)); },
              ::testing::ThrowsMessage<Error>(::testing::HasSubstr("grid")));
}

TEST(Device, CudaRequestIsRefusedClearlyWithoutAGpu) {
  if (cudaAvailable()) GTEST_SKIP() << "a CUDA device is present";
  EXPECT_THAT([] { WaferClassifier::create(Architecture::tinyStudent(), 1, "student", DeviceChoice::Cuda, kGrid); },
              ::testing::ThrowsMessage<Error>(::testing::HasSubstr("CUDA was requested")));
  const auto autoModel = WaferClassifier::create(Architecture::tinyStudent(), 1, "student", DeviceChoice::Auto, kGrid);
  EXPECT_EQ(autoModel.deviceName(), "cpu");
  EXPECT_THROW(deviceChoiceFromName("gpu"), Error);
}

}  // namespace
}  // namespace fab::models

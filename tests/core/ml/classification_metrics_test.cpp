#include "core/ml/classification_metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"

namespace fab::ml {
namespace {

const std::vector<std::string> kNames{"a", "b", "c"};

// Hand-worked example. Confusion (rows true, columns predicted):
//   a: 3 1 0 / b: 0 1 1 / c: 1 0 3.
// Precision a 3/4, b 1/2, c 3/4; recall a 3/4, b 1/2, c 3/4; F1 equal to both;
// accuracy 7/10; macro-F1 (0.75 + 0.5 + 0.75)/3 = 2/3.
const std::vector<int> kTruth{0, 0, 0, 1, 1, 2, 2, 2, 2, 0};
const std::vector<int> kPredicted{0, 1, 0, 1, 2, 2, 2, 0, 2, 0};

TEST(ClassificationMetrics, HandWorkedExample) {
  const auto m = classificationMetrics(kTruth, kPredicted, kNames);
  EXPECT_EQ(m.count, 10);
  EXPECT_DOUBLE_EQ(m.accuracy, 0.7);
  EXPECT_EQ(m.confusion, (std::vector<std::vector<int>>{{3, 1, 0}, {0, 1, 1}, {1, 0, 3}}));
  const std::vector<double> precision{0.75, 0.5, 0.75}, recall{0.75, 0.5, 0.75};
  const std::vector<int> support{4, 2, 4}, predicted{4, 2, 4};
  for (int c = 0; c < 3; ++c) {
    EXPECT_EQ(m.perClass[c].name, kNames[c]);
    EXPECT_EQ(m.perClass[c].support, support[c]);
    EXPECT_EQ(m.perClass[c].predicted, predicted[c]);
    EXPECT_DOUBLE_EQ(m.perClass[c].precision, precision[c]);
    EXPECT_DOUBLE_EQ(m.perClass[c].recall, recall[c]);
    EXPECT_DOUBLE_EQ(m.perClass[c].f1, 2 * precision[c] * recall[c] / (precision[c] + recall[c]));
  }
  EXPECT_NEAR(m.macroF1, 2.0 / 3.0, 1e-15);
  EXPECT_TRUE(m.warnings.empty());
}

TEST(ClassificationMetrics, MacroF1OverChosenClasses) {
  const std::vector<int> averaged{0, 1};
  EXPECT_DOUBLE_EQ(classificationMetrics(kTruth, kPredicted, kNames, averaged).macroF1, 0.625);
}

TEST(ClassificationMetrics, UnequalPrecisionAndRecall) {
  // a: tp 2 of 3 true, predicted 4 times → P = 1/2, R = 2/3, F1 = 2·(1/3)/(7/6) = 4/7.
  const std::vector<int> truth{0, 0, 0, 1, 1, 1}, predicted{0, 0, 1, 0, 0, 1};
  const auto m = classificationMetrics(truth, predicted, std::vector<std::string>{"a", "b"});
  EXPECT_DOUBLE_EQ(m.perClass[0].precision, 0.5);
  EXPECT_DOUBLE_EQ(m.perClass[0].recall, 2.0 / 3.0);
  EXPECT_NEAR(m.perClass[0].f1, 4.0 / 7.0, 1e-15);
  // b: tp 1, true 3, predicted 2 → P = 1/2, R = 1/3, F1 = 2/5.
  EXPECT_NEAR(m.perClass[1].f1, 0.4, 1e-15);
  EXPECT_NEAR(m.macroF1, (4.0 / 7.0 + 0.4) / 2, 1e-15);
}

TEST(ClassificationMetrics, AbsentAndNeverPredictedClasses) {
  const std::vector<std::string> names{"a", "b", "c", "d"};
  // c is predicted but never true; d neither occurs nor is predicted.
  const std::vector<int> truth{0, 0, 1, 1}, predicted{0, 2, 1, 1};
  const auto m = classificationMetrics(truth, predicted, names);
  EXPECT_DOUBLE_EQ(m.perClass[2].precision, 0.0);
  EXPECT_TRUE(std::isnan(m.perClass[2].recall));
  EXPECT_DOUBLE_EQ(m.perClass[2].f1, 0.0);
  EXPECT_TRUE(std::isnan(m.perClass[3].precision));
  EXPECT_TRUE(std::isnan(m.perClass[3].recall));
  EXPECT_TRUE(std::isnan(m.perClass[3].f1));
  // a: P 1, R 1/2, F1 2/3; b: F1 1; c: 0; d left out.
  EXPECT_NEAR(m.macroF1, (2.0 / 3.0 + 1.0 + 0.0) / 3.0, 1e-15);
  ASSERT_EQ(m.warnings.size(), 1u);
  EXPECT_THAT(m.warnings[0], ::testing::HasSubstr("'d'"));
}

TEST(ClassificationMetrics, SingleItem) {
  const std::vector<int> one{1};
  const auto m = classificationMetrics(one, one, kNames);
  EXPECT_DOUBLE_EQ(m.accuracy, 1.0);
  EXPECT_DOUBLE_EQ(m.macroF1, 1.0);  // only b occurs
  EXPECT_EQ(m.warnings.size(), 2u);
}

TEST(ClassificationMetrics, RefusesBadInput) {
  const std::vector<int> empty, two{0, 1}, one{0}, outside{0, 3};
  EXPECT_THROW(classificationMetrics(empty, empty, kNames), Error);
  EXPECT_THROW(classificationMetrics(two, one, kNames), Error);
  EXPECT_THROW(classificationMetrics(two, outside, kNames), Error);
  EXPECT_THROW(classificationMetrics(two, two, std::vector<std::string>{}), Error);
  const std::vector<int> badAverage{5};
  EXPECT_THROW(classificationMetrics(two, two, kNames, badAverage), Error);
}

}  // namespace
}  // namespace fab::ml

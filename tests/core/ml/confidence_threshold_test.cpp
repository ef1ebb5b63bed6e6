#include "core/ml/confidence_threshold.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"

namespace fab::ml {
namespace {

TEST(ConfidenceThreshold, KeepsMapsWhereAnswersWereMostlyRight) {
  // Sorted by confidence: 0.9 R, 0.8 R, 0.7 W, 0.6 R, 0.5 W, 0.4 W, 0.3 W.
  // Running right − wrong: 1, 2, 1, 2, 1, 0, −1: the best (2) is first reached keeping 2 maps... and again at 4;
  // the first maximum wins, so t = 0.8, keeping 2 of 7 maps, both right.
  const std::vector<double> confidence{0.5, 0.9, 0.3, 0.7, 0.8, 0.4, 0.6};
  const std::vector<int> truth{1, 1, 1, 1, 1, 1, 1};
  const std::vector<int> predicted{0, 1, 0, 0, 1, 0, 1};
  const auto t = chooseConfidenceThreshold(confidence, predicted, truth);
  EXPECT_DOUBLE_EQ(t.threshold, 0.8);
  EXPECT_DOUBLE_EQ(t.coverage, 2.0 / 7);
  EXPECT_DOUBLE_EQ(t.accuracyAbove, 1.0);
  EXPECT_DOUBLE_EQ(t.accuracyBelow, 1.0 / 5);
}

TEST(ConfidenceThreshold, IsZeroWhenEveryMapIsWorthNaming) {
  const std::vector<double> confidence{0.9, 0.5, 0.3};
  const std::vector<int> truth{2, 2, 2};
  const auto t = chooseConfidenceThreshold(confidence, truth, truth);
  EXPECT_DOUBLE_EQ(t.threshold, 0.0);
  EXPECT_DOUBLE_EQ(t.coverage, 1.0);
  EXPECT_TRUE(std::isnan(t.accuracyBelow));
}

TEST(ConfidenceThreshold, KeepsEqualConfidencesTogether) {
  // Two maps at 0.6, one right and one wrong, after a right 0.9: keeping both gives 1 + 0 = 1, same as 0.9 alone;
  // the threshold never splits the tie.
  const std::vector<double> confidence{0.9, 0.6, 0.6};
  const std::vector<int> truth{0, 0, 0};
  const std::vector<int> predicted{0, 0, 1};
  const auto t = chooseConfidenceThreshold(confidence, predicted, truth);
  EXPECT_DOUBLE_EQ(t.threshold, 0.9);
  EXPECT_THROW(chooseConfidenceThreshold({}, {}, {}), Error);
}

}  // namespace
}  // namespace fab::ml

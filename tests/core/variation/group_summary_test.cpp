#include "core/variation/group_summary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace fab::variation {
namespace {

TEST(GroupSummary, QuartilesByLinearInterpolation) {
  // numpy.percentile([6.4, 6.8, 7.2, 8.3, 8.4, 9.1, 9.4, 9.7], [25, 50, 75]) = 7.1, 8.35, 9.175
  // (positions 1.75, 3.5, 5.25 between order statistics, Hyndman & Fan definition 7).
  const std::vector<double> v = {9.7, 6.4, 8.3, 6.8, 9.4, 7.2, 9.1, 8.4};
  const auto s = summariseGroup("T1", v);
  EXPECT_EQ(s.n, 8u);
  EXPECT_NEAR(s.q1, 7.1, 1e-12);
  EXPECT_NEAR(s.median, 8.35, 1e-12);
  EXPECT_NEAR(s.q3, 9.175, 1e-12);
  EXPECT_EQ(s.min, 6.4);
  EXPECT_EQ(s.max, 9.7);
  EXPECT_NEAR(s.mean, 65.3 / 8, 1e-12);
}

TEST(GroupSummary, OneValueAndNone) {
  const std::vector<double> one = {3};
  const auto s = summariseGroup("a", one);
  EXPECT_EQ(s.median, 3);
  EXPECT_TRUE(std::isnan(s.sd));
  EXPECT_TRUE(std::isnan(summariseGroup("b", {}).median));
}

// Tukey's fences worked by hand: 1..9 and 30. Definition-7 quartiles of the
// ten values are q1 = 3.25, q3 = 7.75 (positions 3.25 and 7.75), IQR 4.5, so
// the fences are −3.5 and 14.5: 30 is an outlier, the whiskers end at 1 and 9.
TEST(GroupSummary, TukeyWhiskersAndOutliers) {
  const std::vector<double> v = {30, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  const auto s = summariseGroup("T1", v);
  EXPECT_DOUBLE_EQ(s.q1, 3.25);
  EXPECT_DOUBLE_EQ(s.q3, 7.75);
  EXPECT_DOUBLE_EQ(s.whiskerLow, 1);
  EXPECT_DOUBLE_EQ(s.whiskerHigh, 9);
  ASSERT_EQ(s.outliers.size(), 1u);
  EXPECT_DOUBLE_EQ(s.outliers[0], 30);
}

}  // namespace
}  // namespace fab::variation

#include "core/kalman/time_spacing.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "core/common/error.h"

namespace fab::kalman {
namespace {

TEST(TimeSpacing, ScalesByTheMedianSpacing) {
  const std::vector<double> days{0, 1, 2, 4, 4.5};
  const auto e = elapsedFromTimes(days);
  EXPECT_TRUE(e.irregular);
  EXPECT_DOUBLE_EQ(e.unit, 1.0);  // median of {1, 1, 2, 0.5}
  const Eigen::VectorXd expected = (Eigen::VectorXd(5) << 1, 1, 2, 0.5, 1).finished();
  EXPECT_EQ(e.elapsed, expected);
  // The same times in seconds give the same elapsed steps.
  std::vector<double> seconds;
  for (double d : days) seconds.push_back(86400 * d + 1.7e9);
  const auto s = elapsedFromTimes(seconds);
  EXPECT_DOUBLE_EQ(s.unit, 86400.0);
  EXPECT_LT((s.elapsed - expected).cwiseAbs().maxCoeff(), 1e-12);
}

TEST(TimeSpacing, EqualSpacingIsRegular) {
  const std::vector<double> t{10, 20, 30, 40};
  const auto e = elapsedFromTimes(t);
  EXPECT_FALSE(e.irregular);
  EXPECT_DOUBLE_EQ(e.unit, 10.0);
  EXPECT_EQ(e.elapsed, Eigen::VectorXd::Ones(4));
}

TEST(TimeSpacing, RepeatedTimesGiveZeroElapsed) {
  const std::vector<double> t{0, 1, 1, 2, 3};
  const auto e = elapsedFromTimes(t);
  EXPECT_DOUBLE_EQ(e.elapsed[1], 0.0);
  EXPECT_TRUE(e.irregular);
}

TEST(TimeSpacing, EdgeCasesAndErrors) {
  EXPECT_EQ(elapsedFromTimes(std::vector<double>{}).elapsed.size(), 0);
  EXPECT_EQ(elapsedFromTimes(std::vector<double>{5}).elapsed.size(), 1);
  EXPECT_THROW(elapsedFromTimes(std::vector<double>{0, 2, 1}), Error);
  EXPECT_THROW(elapsedFromTimes(std::vector<double>{0, std::numeric_limits<double>::quiet_NaN()}), Error);
  EXPECT_THROW(elapsedFromTimes(std::vector<double>{3, 3, 3}), Error);
}

}  // namespace
}  // namespace fab::kalman

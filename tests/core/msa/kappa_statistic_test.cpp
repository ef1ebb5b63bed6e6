#include "core/msa/kappa_statistic.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace fab::msa {
namespace {

TEST(LandisKoch, BenchmarksAtTheirBoundaries) {
  // Landis & Koch (1977), p. 165.
  EXPECT_EQ(landisKoch(-0.01), "poor");
  EXPECT_EQ(landisKoch(0.0), "slight");
  EXPECT_EQ(landisKoch(0.20), "slight");
  EXPECT_EQ(landisKoch(0.21), "fair");
  EXPECT_EQ(landisKoch(0.40), "fair");
  EXPECT_EQ(landisKoch(0.41), "moderate");
  EXPECT_EQ(landisKoch(0.60), "moderate");
  EXPECT_EQ(landisKoch(0.61), "substantial");
  EXPECT_EQ(landisKoch(0.80), "substantial");
  EXPECT_EQ(landisKoch(0.81), "almost perfect");
  EXPECT_EQ(landisKoch(1.0), "almost perfect");
  EXPECT_EQ(landisKoch(std::numeric_limits<double>::quiet_NaN()), "undefined");
}

TEST(KappaStatistic, IntervalIsClippedToTheKappaRange) {
  const auto s = makeKappaStatistic(0.95, 0.05, 0.1, 0.95);
  EXPECT_DOUBLE_EQ(*s.ciHigh, 1.0);
  EXPECT_NEAR(*s.ciLow, 0.95 - 1.959963984540054 * 0.1, 1e-12);
  EXPECT_NEAR(s.z, 19.0, 1e-12);
  EXPECT_TRUE(s.defined());
  const auto none = makeKappaStatistic(0.3, 0.1, std::nullopt, 0.95);
  EXPECT_FALSE(none.ciLow);
  EXPECT_FALSE(none.seLargeSample);
}

TEST(KappaStatistic, UndefinedCarriesItsReason) {
  const auto s = undefinedKappa("only one category");
  EXPECT_FALSE(s.defined());
  EXPECT_TRUE(std::isnan(s.kappa));
  EXPECT_EQ(s.agreement, "undefined");
}

}  // namespace
}  // namespace fab::msa

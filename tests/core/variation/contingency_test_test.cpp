#include "core/variation/contingency_test.h"

#include <gtest/gtest.h>

namespace fab::variation {
namespace {

TEST(ChiSquareIndependence, MatchesScipy) {
  // scipy.stats.chi2_contingency([[30,10],[20,25],[15,5]], correction=False):
  // statistic=10.180288461538462, pvalue=0.006157131775271702, dof=2, smallest expected 7.619…
  const auto t = chiSquareIndependence({{30, 10}, {20, 25}, {15, 5}});
  EXPECT_NEAR(t.statistic, 10.180288461538462, 1e-12);
  EXPECT_NEAR(t.pValue, 0.006157131775271702, 1e-14);
  EXPECT_EQ(t.df, 2);
  EXPECT_NEAR(t.minExpected, 20.0 * 40 / 105, 1e-12);
  EXPECT_EQ(t.smallExpected, 0);
}

TEST(ChiSquareIndependence, EmptyRowsAndOneCategory) {
  const auto t = chiSquareIndependence({{30, 10}, {0, 0}, {15, 5}});
  EXPECT_EQ(t.df, 1);
  EXPECT_NEAR(t.statistic, 0, 1e-12);  // 30:10 and 15:5 have the same pass share
  EXPECT_FALSE(chiSquareIndependence({{3, 0}, {5, 0}}).message.empty());
}

}  // namespace
}  // namespace fab::variation

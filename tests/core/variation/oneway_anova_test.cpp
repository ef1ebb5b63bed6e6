#include "core/variation/oneway_anova.h"

#include <gtest/gtest.h>

#include "core/lean/before_after.h"
#include "tests/core/variation/three_groups.h"

namespace fab::variation {
namespace {

TEST(OneWayAnova, ClassicMatchesScipy) {
  const auto a = oneWayAnova(test::threeGroups());
  ASSERT_TRUE(a.classic);
  // scipy.stats.f_oneway: statistic=6.366917165743768, pvalue=0.008107777701781563
  EXPECT_NEAR(a.classic->f, 6.366917165743768, 1e-12);
  EXPECT_NEAR(a.classic->pValue, 0.008107777701781563, 1e-14);
  EXPECT_EQ(a.classic->df1, 2);
  EXPECT_EQ(a.classic->df2, 18);
}

TEST(OneWayAnova, WelchMatchesTheClosedForm) {
  const auto a = oneWayAnova(test::threeGroups());
  ASSERT_TRUE(a.welch);
  // Welch (1951) evaluated with numpy from the header's formula; p from scipy.stats.f.sf:
  // F* = 7.372409344261951, df2 = 9.908078475695584, p = 0.010934583534270665.
  EXPECT_NEAR(a.welch->f, 7.372409344261951, 1e-12);
  EXPECT_NEAR(a.welch->df2, 9.908078475695584, 1e-12);
  EXPECT_NEAR(a.welch->pValue, 0.010934583534270665, 1e-13);
}

TEST(OneWayAnova, TwoGroupsAreTheTTests) {
  // k = 2: Welch's F* is the square of Welch's t and its df2 the Welch–Satterthwaite df
  // (core/lean/before_after.h, an independent implementation).
  auto s = test::threeGroups();
  s.label.pop_back();
  s.values.pop_back();
  const auto a = oneWayAnova(s);
  const auto w = lean::welchTest(s.values[0], s.values[1]);
  EXPECT_NEAR(a.welch->f, w.t * w.t, 1e-10);
  EXPECT_NEAR(a.welch->df2, w.df, 1e-10);
  EXPECT_NEAR(a.welch->pValue, w.pValue, 1e-10);
}

TEST(OneWayAnova, GroupWithoutSpreadLeavesWelch) {
  GroupSamples s;
  s.label = {"a", "b", "c"};
  s.values = {{1, 2, 3}, {4, 4}, {7}};
  const auto a = oneWayAnova(s);
  EXPECT_TRUE(a.classic);
  EXPECT_FALSE(a.welch);
  EXPECT_EQ(a.welchGroups, 1u);
  EXPECT_FALSE(a.message.empty());
}

}  // namespace
}  // namespace fab::variation

#include "core/variation/commonality.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/variation/multiple_testing.h"
#include "tests/core/variation/three_groups.h"

namespace fab::variation {
namespace {

TEST(Commonality, RanksStepsByAdjustedKruskalWallis) {
  StepGrouping shifted{"ETCH", test::threeGroups(), {}, {}};
  StepGrouping flat{"LITHO", {}, {}, {}};
  flat.samples.label = {"S1", "S2"};
  flat.samples.values = {{1, 3, 5, 7}, {2, 4, 6, 8}};
  StepGrouping single{"OX", {}, {}, {}};
  single.samples.label = {"F1"};
  single.samples.values = {{1, 2, 3}};
  const auto r = commonality({flat, single, shifted});
  ASSERT_EQ(r.steps.size(), 3u);
  EXPECT_EQ(r.steps[0].step, "ETCH");
  EXPECT_EQ(r.steps[1].step, "LITHO");
  EXPECT_EQ(r.steps[2].step, "OX");
  EXPECT_FALSE(r.steps[2].tested);
  // BH over the two steps tested, by hand from the two raw KW p-values.
  const std::vector<double> raw = {r.steps[0].pValue, r.steps[1].pValue};
  const auto q = benjaminiHochberg(raw);
  EXPECT_NEAR(r.steps[0].pAdjusted, std::min(2 * raw[0], raw[1]), 1e-15);
  EXPECT_NEAR(r.steps[0].pAdjusted, q[0], 1e-15);
  EXPECT_NEAR(r.steps[1].pAdjusted, raw[1], 1e-15);
  EXPECT_NEAR(r.steps[0].pValue, 0.007266133800809759, 1e-14);  // scipy.stats.kruskal
  // Detail for the tested steps, groups ordered by median; Dunn's pairs for the top step.
  ASSERT_EQ(r.steps[0].groupStats.size(), 3u);
  EXPECT_EQ(r.steps[0].groupStats.back().label, "T1");
  EXPECT_EQ(r.topPairs.size(), 3u);
}

TEST(Commonality, PassFailCountsRankByChiSquare) {
  StepGrouping counts{"SORT", {}, {"A", "B", "C"}, {{30, 10}, {20, 25}, {15, 5}}};
  const auto r = commonality({counts});
  ASSERT_TRUE(r.steps[0].tested);
  EXPECT_NEAR(r.steps[0].pValue, 0.006157131775271702, 1e-14);  // scipy.stats.chi2_contingency
  EXPECT_FALSE(r.steps[0].kruskalWallis);
}

}  // namespace
}  // namespace fab::variation

namespace fab::variation {
namespace {

TEST(GroupValues, KeepsEachValuesUnitAndLeavesOutNan) {
  const auto g = groupValues({"A", "B", "A", "B"}, {1.0, std::nan(""), 3.0, 4.0}, {"L1/1", "L1/2", "L2/1", "L2/2"});
  ASSERT_EQ(g.groupCount(), 2u);
  EXPECT_EQ(g.values[0], (std::vector<double>{1, 3}));
  EXPECT_EQ(g.unit[0], (std::vector<std::string>{"L1/1", "L2/1"}));
  EXPECT_EQ(g.unit[1], (std::vector<std::string>{"L2/2"}));
  EXPECT_EQ(g.total(), 3u);
}

}  // namespace
}  // namespace fab::variation

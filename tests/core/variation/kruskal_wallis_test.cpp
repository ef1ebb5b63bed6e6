#include "core/variation/kruskal_wallis.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "core/variation/dunn_pairs.h"
#include "core/variation/ranks.h"
#include "tests/core/variation/three_groups.h"

namespace fab::variation {
namespace {

TEST(Ranks, MidranksAndTieTerm) {
  const std::vector<double> v = {3, 1, 3, 2, 3};
  const auto r = midranks(v);
  EXPECT_EQ(r.rank, (std::vector<double>{4, 1, 4, 2, 4}));
  EXPECT_EQ(r.tieTerm, 27 - 3);  // one tie of three
}

TEST(KruskalWallis, TiedSampleMatchesScipy) {
  const auto kw = kruskalWallis(test::threeGroups());
  // scipy.stats.kruskal(g1, g2, g3): statistic=9.849061861415572, pvalue=0.007266133800809759
  EXPECT_NEAR(kw.h, 9.849061861415572, 1e-12);
  EXPECT_NEAR(kw.pValue, 0.007266133800809759, 1e-14);
  EXPECT_EQ(kw.df, 2);
  // Ties: two pairs ⇒ Σ(t³ − t) = 12, N = 21: correction 1 − 12/(21³ − 21) (Hollander & Wolfe eq. 6.6).
  EXPECT_NEAR(kw.tieCorrection, 1 - 12.0 / (21.0 * 21 * 21 - 21), 1e-15);
  EXPECT_NEAR(kw.hUncorrected, kw.h * kw.tieCorrection, 1e-12);
  // Mean ranks from scipy.stats.rankdata: 16.375, 8.285714…, 7.0
  EXPECT_NEAR(kw.meanRank[0], 16.375, 1e-12);
  EXPECT_NEAR(kw.meanRank[1], 58.0 / 7, 1e-12);
  EXPECT_NEAR(kw.meanRank[2], 7.0, 1e-12);
}

TEST(KruskalWallis, HandWorkedWithoutTies) {
  // Groups {1, 2} {3, 4} {5, 6}: rank sums 3, 7, 11, N = 6:
  // H = 12/(6·7) × (9 + 49 + 121)/2 − 3·7 = 25.571428… − 21 = 4.571428…
  GroupSamples s;
  s.label = {"a", "b", "c"};
  s.values = {{1, 2}, {3, 4}, {5, 6}};
  const auto kw = kruskalWallis(s);
  EXPECT_NEAR(kw.h, 12.0 / 42 * 179 / 2 - 21, 1e-12);
  EXPECT_EQ(kw.tieCorrection, 1);
  EXPECT_NEAR(kw.pValue, std::exp(-kw.h / 2), 1e-12);  // χ² with 2 df: p = e^(−x/2)
}

TEST(KruskalWallis, AllTiedAndTooFewGroups) {
  GroupSamples s;
  s.label = {"a", "b"};
  s.values = {{5, 5}, {5, 5, 5}};
  const auto kw = kruskalWallis(s);
  EXPECT_EQ(kw.h, 0);
  EXPECT_EQ(kw.pValue, 1);
  s.values = {{1, 2}, {}};
  EXPECT_THROW(kruskalWallis(s), Error);
}

TEST(DunnPairs, TiedSampleMatchesTheClosedForm) {
  const auto pairs = dunnPairs(test::threeGroups());
  ASSERT_EQ(pairs.size(), 3u);
  // z and two-sided p from Dunn's formula with the tie term (numpy/scipy, see three_groups.h):
  //   T1–T2 z = 2.5206374643778484 p = 0.011714247302719378
  //   T1–T3 z = 2.7994950581034312 p = 0.005118260000334868
  //   T2–T3 z = 0.37269130993476796 p = 0.7093782049169842
  // Holm: 3 × 0.0051183, 2 × 0.0117142, 1 × 0.7093782 (already increasing).
  EXPECT_EQ(pairs[0].firstLabel, "T1");
  EXPECT_EQ(pairs[0].secondLabel, "T3");
  EXPECT_NEAR(pairs[0].z, 2.7994950581034312, 1e-12);
  EXPECT_NEAR(pairs[0].pValue, 0.005118260000334868, 1e-14);
  EXPECT_NEAR(pairs[0].pAdjusted, 3 * 0.005118260000334868, 1e-14);
  EXPECT_EQ(pairs[1].secondLabel, "T2");
  EXPECT_NEAR(pairs[1].z, 2.5206374643778484, 1e-12);
  EXPECT_NEAR(pairs[1].pAdjusted, 2 * 0.011714247302719378, 1e-14);
  EXPECT_NEAR(pairs[2].z, 0.37269130993476796, 1e-12);
  EXPECT_NEAR(pairs[2].pAdjusted, 0.7093782049169842, 1e-13);
}

TEST(DunnPairs, TwoGroupsGiveTheKruskalWallisStatistic) {
  // With two groups Dunn's z² is the tie-corrected H (both are the standardised rank-sum difference).
  auto s = test::threeGroups();
  s.label.pop_back();
  s.values.pop_back();
  s.values[1].push_back(8.4);  // one more tie
  const auto pairs = dunnPairs(s);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_NEAR(pairs[0].z * pairs[0].z, kruskalWallis(s).h, 1e-12);
  EXPECT_NEAR(pairs[0].pValue, kruskalWallis(s).pValue, 1e-12);
}

}  // namespace
}  // namespace fab::variation

#include "core/kalman/anomaly_flags.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/common/error.h"
#include "core/kalman/local_level_fast.h"
#include "tests/core/kalman/nile_data.h"

namespace fab::kalman {
namespace {

TEST(BonferroniThreshold, NormalQuantiles) {
  // z_{1−α/(2N)} (values from Python's statistics.NormalDist().inv_cdf).
  EXPECT_NEAR(bonferroniThreshold(0.05, 1), 1.9599639845400536, 1e-12);
  EXPECT_NEAR(bonferroniThreshold(0.05, 100), 3.4807564043462422, 1e-10);
  EXPECT_NEAR(bonferroniThreshold(0.05, 10000), 4.564787730279509, 1e-9);
  EXPECT_TRUE(std::isinf(bonferroniThreshold(0.05, 0)));
}

TEST(AnomalyFlags, FindsAnOutlierAndAShiftWithoutFlooding) {
  // 10 000 points of a local level; one additive outlier and one level shift, both of 12σε.
  std::mt19937_64 rng(2024);
  std::normal_distribution<double> g;
  const int n = 10000;
  std::vector<double> y(n);
  double mu = 0;
  for (int t = 0; t < n; ++t) {
    if (t == 7000) mu += 12.0;
    y[t] = mu + g(rng);
    mu += 0.1 * g(rng);
  }
  y[3000] += 12.0;
  const LocalLevelVariances var{1.0, 0.01};
  const auto s = localLevelSmoother(localLevelFilter(y, var), var);
  const auto report = flagAnomalies(s);
  EXPECT_EQ(report.outlierTests, n);
  EXPECT_EQ(report.shiftTests, n - 1);  // the last step has no following level
  EXPECT_NEAR(report.outlierThreshold, 4.564787730279509, 1e-9);

  bool outlier = false, shift = false;
  int others = 0;
  for (const auto& a : report.anomalies) {
    if (a.kind == AnomalyKind::Outlier && a.step == 3000)
      outlier = true;
    else if (a.kind == AnomalyKind::LevelShift && a.step == 7000)
      shift = true;
    else
      ++others;
  }
  EXPECT_TRUE(outlier);
  EXPECT_TRUE(shift);
  // The familywise rate is ≤ 5 % per kind, and the run of residuals the break distorts is one event;
  // a fixed |r| > 1.96 rule would flag about 5 % of the 10 000 observation residuals.
  EXPECT_LE(others, 1);
  EXPECT_GT(report.shiftPoints, 1);  // the break pushed several adjacent residuals over the bound
  int naive = 0;
  for (int t = 0; t < n; ++t) naive += std::abs(s.observationAuxiliary(0, t)) > 1.96 ? 1 : 0;
  EXPECT_GT(naive, 300);
}

// D&K §2.12.2 (fig. 2.7): the Nile's auxiliary residuals point to an outlier in 1913 and a
// level break between 1898 and 1899 (the Aswan dam).
TEST(AnomalyFlags, NileResidualsPointTo1913And1899) {
  const auto nile = test::nileSeries();
  const LocalLevelVariances var{test::kNileVarEps, test::kNileVarEta};
  const auto s = localLevelSmoother(localLevelFilter(nile.volume, var), var);
  Eigen::Index worstObs = 0, worstLevel = 0;
  s.observationAuxiliary.row(0).cwiseAbs().maxCoeff(&worstObs);
  s.stateAuxiliary.row(0).head(99).cwiseAbs().maxCoeff(&worstLevel);
  EXPECT_EQ(nile.year[worstObs], 1913);
  EXPECT_EQ(nile.year[worstLevel + 1], 1899);     // η_t moves the level into t + 1
  EXPECT_LT(s.stateAuxiliary(0, worstLevel), 0);  // a drop
  // With α = 0.5 the Bonferroni bound is low enough to flag both.
  const auto report = flagAnomalies(s, {0.5, 0, 5});
  bool shift1899 = false;
  for (const auto& a : report.anomalies)
    if (a.kind == AnomalyKind::LevelShift && nile.year[a.step] == 1899) shift1899 = true;
  EXPECT_TRUE(shift1899);
}

TEST(AnomalyFlags, RefusesBadOptions) {
  SmootherResult s;
  EXPECT_THROW(flagAnomalies(s, {0.0, 0, 5}), Error);
  EXPECT_THROW(flagAnomalies(s, {1.0, 0, 5}), Error);
  EXPECT_THROW(flagAnomalies(s, {0.05, -1, 5}), Error);
  EXPECT_THROW(flagAnomalies(s, {0.05, 0, -1}), Error);
}

}  // namespace
}  // namespace fab::kalman

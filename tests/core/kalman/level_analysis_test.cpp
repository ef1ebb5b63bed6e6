// The level analysis from request to result: its diagnostics and flags against the in-memory filter,
// smoother, NIS test and flags on the same series, closed forms and the published Nile figures.
#include "core/kalman/level_analysis.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "core/common/error.h"
#include "tests/core/kalman/nile_data.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

LevelAnalysisRequest given(double varEps, double varEta) {
  LevelAnalysisRequest r;
  r.fit = false;
  r.model.observationVariance = varEps;
  r.model.levelVariance = varEta;
  return r;
}

TEST(LevelAnalysis, LocalLevelDiagnosticsMatchTheInMemoryOnes) {
  std::mt19937 rng(11);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::vector<double> y;
  double level = 10;
  for (int t = 0; t < 3000; ++t) {
    y.push_back(t % 50 == 7 ? kNaN : level + noise(rng));
    level += 0.1 * noise(rng) + (t == 1999 ? 6.0 : 0.0);  // the level moves into step 2000
  }
  y[700] += 15;  // and an outlier
  const LocalLevelVariances var{1.0, 0.01};
  const auto a = analyseLevel(y, Eigen::VectorXd(), given(var.observation, var.level));
  const FilterResult f = localLevelFilter(y, var);
  const SmootherResult s = localLevelSmoother(f, var);
  const NisTest nis = nisTest(f);
  EXPECT_DOUBLE_EQ(a.logLikelihood, f.logLikelihood);
  EXPECT_EQ(a.observations, f.observations);
  EXPECT_DOUBLE_EQ(a.nis.statistic, nis.statistic);
  EXPECT_EQ(a.nis.degreesOfFreedom, nis.degreesOfFreedom);
  EXPECT_DOUBLE_EQ(a.nis.pValue, nis.pValue);
  const AnomalyReport flags = flagAnomalies(s);
  EXPECT_EQ(a.flags.outlierTests, flags.outlierTests);
  EXPECT_EQ(a.flags.shiftTests, flags.shiftTests);
  EXPECT_DOUBLE_EQ(a.flags.outlierThreshold, flags.outlierThreshold);
  ASSERT_EQ(a.flags.anomalies.size(), flags.anomalies.size());
  for (std::size_t i = 0; i < flags.anomalies.size(); ++i) {
    EXPECT_EQ(a.flags.anomalies[i].kind, flags.anomalies[i].kind);
    EXPECT_EQ(a.flags.anomalies[i].step, flags.anomalies[i].step);
    EXPECT_DOUBLE_EQ(a.flags.anomalies[i].residual, flags.anomalies[i].residual);
  }
  // The planted outlier and shift are flagged
  auto flagged = [&](AnomalyKind kind, Eigen::Index step) {
    for (const auto& x : a.flags.anomalies)
      if (x.kind == kind && x.firstStep <= step && step <= x.lastStep) return true;
    return false;
  };
  // (a lone large outlier also moves the smoothed level next to it, and an outlier run touching a
  // shift run is attributed to the shift: either kind marks it)
  EXPECT_TRUE(flagged(AnomalyKind::Outlier, 700) || flagged(AnomalyKind::LevelShift, 700));
  EXPECT_TRUE(flagged(AnomalyKind::LevelShift, 2000));
  // D&K §2.11: the steady-state filtered gain of the local level is λ = (√(q² + 4q) − q)/2.
  const double q = 0.01, lambda = (std::sqrt(q * q + 4 * q) - q) / 2;
  ASSERT_TRUE(a.steadyStateGain && a.ewmaLambda);
  EXPECT_NEAR(*a.steadyStateGain, lambda, 1e-10);
  EXPECT_NEAR(*a.ewmaLambda, lambda, 1e-12);
}

// reference/README.md: the Nile before and after 1899 has means 1097.75 (n = 28) and 849.97 (n = 72);
// a constant level with a step at 1899 smooths to exactly those means.
TEST(LevelAnalysis, NileStepInterventionGivesTheTwoMeans) {
  const auto nile = test::nileSeries();
  auto request = given(test::kNileVarEps, 0.0);
  request.model.interventionStep = stepAtOrAfter(nile.year, 1899);
  EXPECT_EQ(*request.model.interventionStep, 28);
  const auto a = analyseLevel(nile.volume, Eigen::VectorXd(), request);
  ASSERT_TRUE(a.intervention);
  EXPECT_NEAR(a.intervention->effect, 849.97 - 1097.75, 5e-3);
  // Var(δ̂) = σ²ε (1/28 + 1/72) for two independent means.
  EXPECT_NEAR(a.intervention->standardError, std::sqrt(test::kNileVarEps * (1.0 / 28 + 1.0 / 72)), 1e-6);
  EXPECT_FALSE(a.steadyStateGain);
  std::vector<double> smoothed;
  a.forEachStep([&](const LevelStep& s) { smoothed.push_back(s.smoothed); });
  ASSERT_EQ(smoothed.size(), 100u);
  EXPECT_NEAR(smoothed[0], 1097.75, 1e-6);
  EXPECT_NEAR(smoothed[27], 1097.75, 1e-6);
  EXPECT_NEAR(smoothed[28], 849.97, 5e-3);
}

// D&K §2.10: the maximum-likelihood variances of the Nile local level are 15099 and 1469.1.
TEST(LevelAnalysis, FitsTheNileVariances) {
  const auto nile = test::nileSeries();
  const auto a = analyseLevel(nile.volume, Eigen::VectorXd(), LevelAnalysisRequest{});
  ASSERT_TRUE(a.fitted);
  EXPECT_NEAR(a.model.observationVariance, 15099.0, 30.0);
  EXPECT_NEAR(a.model.levelVariance, 1469.1, 7.0);
  EXPECT_DOUBLE_EQ(a.logLikelihood, a.fitted->logLikelihood);
}

TEST(LevelAnalysis, RefusesAnEmptySeriesAndALateIntervention) {
  EXPECT_THROW(analyseLevel({}, Eigen::VectorXd(), given(1, 1)), Error);
  const std::vector<double> times{1, 2, 3};
  EXPECT_EQ(stepAtOrAfter(times, 2.5), 2);
  EXPECT_THROW(stepAtOrAfter(times, 3.5), Error);
}

}  // namespace
}  // namespace fab::kalman

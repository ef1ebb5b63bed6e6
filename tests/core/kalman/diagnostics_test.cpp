#include "core/kalman/diagnostics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "core/common/error.h"
#include "core/kalman/kalman_filter.h"
#include "core/kalman/local_level_fast.h"
#include "core/kalman/structural_models.h"
#include "tests/core/kalman/nile_data.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

StateSpaceModel localLevel(double varEps, double varEta, Eigen::Index n = 1) {
  StructuralModel sm;
  sm.observationVariance = varEps;
  sm.levelVariance = varEta;
  return toStateSpace(sm, n);
}

TEST(EwmaWeight, ClosedForm) {
  EXPECT_NEAR(ewmaWeight(1.0), (std::sqrt(5.0) - 1) / 2, 1e-15);  // the golden-ratio conjugate 0.618034
  EXPECT_NEAR(ewmaWeight(10.0), 0.9160797830996161, 1e-15);
  EXPECT_EQ(ewmaWeight(0.0), 0.0);
  EXPECT_EQ(ewmaWeight(std::numeric_limits<double>::infinity()), 1.0);
  EXPECT_NEAR(ewmaWeight(1e12), 1.0, 1e-11);    // no cancellation for large q
  EXPECT_NEAR(ewmaWeight(1e-12), 1e-6, 1e-12);  // λ ≈ √q for small q
  EXPECT_THROW(ewmaWeight(-1.0), Error);
  EXPECT_THROW(ewmaWeight(kNaN), Error);
}

// D&K §2.11: the steady-state gain of the local level equals the EWMA weight λ = (√(q² + 4q) − q)/2,
// with P̄ = σ²ε (q + √(q² + 4q))/2.
TEST(SteadyState, LocalLevelGainIsTheEwmaWeight) {
  for (double q : {0.01, 0.0973, 1.0, 25.0}) {
    const double varEps = 2.5;
    const auto ss = steadyState(localLevel(varEps, q * varEps));
    ASSERT_TRUE(ss.converged) << q;
    const double lambda = (std::sqrt(q * q + 4 * q) - q) / 2;
    EXPECT_NEAR(ss.gain(0, 0), lambda, 1e-12) << q;
    EXPECT_NEAR(ss.predictedVariance(0, 0), varEps * (q + std::sqrt(q * q + 4 * q)) / 2, 1e-11) << q;
    EXPECT_NEAR(ss.innovationVariance(0, 0), ss.predictedVariance(0, 0) + varEps, 1e-11) << q;
  }
}

TEST(SteadyState, FilterConvergesToTheEwmaRecursion) {
  // Once the gain has settled, the filtered Nile level is an EWMA of the data with weight λ.
  const auto nile = test::nileSeries();
  const double lambda = ewmaWeight(test::kNileVarEta / test::kNileVarEps);
  const auto f = localLevelFilter(nile.volume, {test::kNileVarEps, test::kNileVarEta});
  double ewma = f.filteredState(0, 59);
  for (int t = 60; t < 100; ++t) {
    ewma = lambda * nile.volume[t] + (1 - lambda) * ewma;
    EXPECT_NEAR(f.filteredState(0, t), ewma, 1e-8) << t;
    EXPECT_NEAR(f.filteredVariance(0, t) / test::kNileVarEps, lambda, 1e-12) << t;  // K_t = P_{t|t}/σ²ε
  }
}

TEST(SteadyState, ZeroLevelVarianceHasZeroGain) {
  const auto ss = steadyState(localLevel(1.0, 0.0));
  EXPECT_TRUE(ss.converged);
  EXPECT_EQ(ss.gain(0, 0), 0.0);
}

TEST(SteadyState, RefusesTimeVaryingModels) {
  StructuralModel sm;
  sm.levelVariance = 1.0;
  sm.interventionStep = 2;
  EXPECT_THROW(steadyState(toStateSpace(sm, 5)), Error);
}

TEST(StandardisedInnovations, UndefinedForDiffuseAndMissing) {
  const std::vector<double> y{1.0, kNaN, 3.0, 2.0};
  const auto f = kalmanFilter(localLevel(1.0, 0.5, 4), y);
  const auto e = standardisedInnovations(f);
  EXPECT_TRUE(std::isnan(e(0, 0)));  // diffuse
  EXPECT_TRUE(std::isnan(e(0, 1)));  // missing
  // Step 3: a = 1, P = 1 + 2·0.5 = 2 (two moves), F = 3, v = 2.
  EXPECT_NEAR(e(0, 2), 2.0 / std::sqrt(3.0), 1e-14);
}

TEST(NisTest, ChiSquareBoundsForOneHundredDegrees) {
  // 101 points, first diffuse: N = 100 innovations; v = ±√F gives NIS = 1 each.
  FilterResult f;
  f.stateDim = f.observationDim = 1;
  f.steps = 101;
  f.innovation = Eigen::MatrixXd::Constant(1, 101, 2.0);
  f.innovationVariance = Eigen::MatrixXd::Constant(1, 101, 4.0);
  f.diffuseSteps = 1;
  f.diffuseInnovationVariance = Eigen::MatrixXd::Ones(1, 1);
  const auto nis = nisTest(f, 0.05);
  EXPECT_EQ(nis.degreesOfFreedom, 100);
  EXPECT_NEAR(nis.statistic, 100.0, 1e-12);
  EXPECT_NEAR(nis.mean, 1.0, 1e-14);
  // χ²₁₀₀ quantiles 74.222 (2.5 %) and 129.561 (97.5 %) from the standard tables.
  EXPECT_NEAR(nis.lower, 0.74222, 5e-6);
  EXPECT_NEAR(nis.upper, 1.29561, 5e-6);
  EXPECT_TRUE(nis.consistent);
  // P(χ²₁₀₀ ≥ 100) = Q(50, 50) = 0.4811917 (regularised upper incomplete gamma, by its series).
  EXPECT_NEAR(nis.pValue, 2 * 0.4811917, 1e-6);
  EXPECT_THROW(nisTest(f, 0.0), Error);
}

TEST(NisTest, DetectsAMisstatedNoise) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> g;
  const int n = 20000;
  std::vector<double> y(n);
  double mu = 0;
  for (int t = 0; t < n; ++t) {
    y[t] = mu + 2.0 * g(rng);  // σ²ε = 4
    mu += 0.5 * g(rng);        // σ²η = 0.25
  }
  const auto right = nisTest(localLevelFilter(y, {4.0, 0.25}));
  EXPECT_NEAR(right.mean, 1.0, 0.05);  // the mean of 20 000 χ²₁/N has sd 0.01
  const auto understated = nisTest(localLevelFilter(y, {1.0, 0.25}));
  EXPECT_FALSE(understated.consistent);
  EXPECT_GT(understated.mean, understated.upper);
  EXPECT_LT(understated.pValue, 1e-6);
  const auto overstated = nisTest(localLevelFilter(y, {16.0, 0.25}));
  EXPECT_LT(overstated.mean, overstated.lower);
}

TEST(NisTest, NoInnovationGivesNaN) {
  const std::vector<double> y{5.0};
  const auto nis = nisTest(localLevelFilter(y, {1.0, 1.0}));
  EXPECT_EQ(nis.degreesOfFreedom, 0);
  EXPECT_TRUE(std::isnan(nis.pValue));
}

}  // namespace
}  // namespace fab::kalman

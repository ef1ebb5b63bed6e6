// The step-by-step local level against the in-memory filter and smoother (local_level_fast.h) on the same
// series: every per-step value, the likelihood and the warnings must agree.
#include "core/kalman/local_level_steps.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "core/common/error.h"
#include "core/kalman/diagnostics.h"
#include "tests/core/kalman/nile_data.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void expectSame(double streamed, double inMemory, const char* what, Eigen::Index t) {
  if (std::isnan(inMemory)) {
    EXPECT_TRUE(std::isnan(streamed)) << what << " at step " << t << ": " << streamed;
  } else {
    EXPECT_DOUBLE_EQ(streamed, inMemory) << what << " at step " << t;
  }
}

/// Runs both and compares, with the per-step quantities computed from the in-memory results as the
/// kalman command presented them (filtered level NaN while diffuse, residuals standardised).
void compareWithInMemory(const std::vector<double>& y, const LocalLevelVariances& var,
                         const std::vector<double>& elapsed) {
  const FilterResult f = localLevelFilter(y, var, elapsed);
  const SmootherResult s = localLevelSmoother(f, var, elapsed);
  const Eigen::MatrixXd e = standardisedInnovations(f);
  const LocalLevelSteps steps(y, var, elapsed);
  EXPECT_EQ(steps.steps(), f.steps);
  EXPECT_DOUBLE_EQ(steps.logLikelihood(), f.logLikelihood);
  EXPECT_EQ(steps.observations(), f.observations);
  EXPECT_EQ(steps.diffuseSteps(), f.diffuseSteps);
  EXPECT_EQ(steps.warnings(), f.warnings);
  Eigen::Index visited = 0;
  steps.forEachStep([&](const LevelStep& x) {
    const Eigen::Index t = x.step;
    ASSERT_EQ(t, visited++);
    const bool diffuse = t < f.diffuseSteps && f.diffuseFilteredVariance(0, t) > 1e-9;
    expectSame(x.value, y[static_cast<std::size_t>(t)], "value", t);
    expectSame(x.filtered, diffuse ? kNaN : f.filteredState(0, t), "filtered", t);
    expectSame(x.filteredSd, diffuse ? kNaN : std::sqrt(f.filteredVariance(0, t)), "filtered sd", t);
    expectSame(x.smoothed, s.state(0, t), "smoothed", t);
    expectSame(x.smoothedSd, std::sqrt(std::max(0.0, s.variance(0, t))), "smoothed sd", t);
    expectSame(x.innovationStd, e(0, t), "standardised innovation", t);
    expectSame(x.outlierResidual, s.observationAuxiliary(0, t), "outlier residual", t);
    expectSame(x.shiftResidual, t > 0 ? s.stateAuxiliary(0, t - 1) : kNaN, "shift residual", t);
  });
  EXPECT_EQ(visited, f.steps);
}

TEST(LocalLevelSteps, NileEqualsTheInMemoryFilterAndSmoother) {
  const auto nile = test::nileSeries();
  compareWithInMemory(nile.volume, {test::kNileVarEps, test::kNileVarEta}, {});
}

// D&K §2.2 (reference/README.md): the filtered level for 1872 is 1140.928 with P = 7899.74.
TEST(LocalLevelSteps, NileFilteredLevelIsThePublishedOne) {
  const auto nile = test::nileSeries();
  const LocalLevelSteps steps(nile.volume, {test::kNileVarEps, test::kNileVarEta});
  steps.forEachStep([](const LevelStep& x) {
    if (x.step != 1) return;
    EXPECT_NEAR(x.filtered, 1140.928, 5e-4);
    EXPECT_NEAR(x.filteredSd * x.filteredSd, 7899.74, 5e-3);
    EXPECT_NEAR(x.innovationStd, 40.0 / std::sqrt(31667.1), 1e-6);  // v₂/√F₂
  });
}

TEST(LocalLevelSteps, GapsLeadingMissingAndIrregularTimes) {
  std::mt19937 rng(5);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::vector<double> y, dt;
  double level = 0;
  for (int t = 0; t < 2000; ++t) {
    y.push_back(t < 4 || t % 17 == 3 ? kNaN : level + noise(rng));
    dt.push_back(1.0 + (t % 7 == 0 ? 2.5 : 0.0));
    level += 0.2 * noise(rng) + (t == 1200 ? 5.0 : 0.0);
  }
  y[900] += 12;  // an outlier
  compareWithInMemory(y, {1.0, 0.04}, {});
  compareWithInMemory(y, {1.0, 0.04}, dt);
  compareWithInMemory(y, {0.0, 0.04}, {});  // σ²ε = 0: the filter follows y exactly
  compareWithInMemory(y, {1.0, 0.0}, {});   // a constant level
}

TEST(LocalLevelSteps, AllMissingAndSingleValue) {
  compareWithInMemory({kNaN, kNaN, kNaN}, {1.0, 0.5}, {});
  compareWithInMemory({3.0}, {1.0, 0.5}, {});
  compareWithInMemory({kNaN, 3.0}, {1.0, 0.5}, {});
  compareWithInMemory({}, {1.0, 0.5}, {});
}

TEST(LocalLevelSteps, RefusesBadInput) {
  EXPECT_THROW(LocalLevelSteps({1.0, 2.0}, {-1.0, 1.0}), Error);
  EXPECT_THROW(LocalLevelSteps({1.0, std::numeric_limits<double>::infinity()}, {1.0, 1.0}), Error);
  EXPECT_THROW(LocalLevelSteps({1.0, 2.0}, {1.0, 1.0}, {1.0}), Error);
  EXPECT_THROW(LocalLevelSteps({1.0, 2.0}, {1.0, 1.0}, {1.0, -1.0}), Error);
}

}  // namespace
}  // namespace fab::kalman

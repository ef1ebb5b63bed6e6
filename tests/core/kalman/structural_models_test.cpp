#include "core/kalman/structural_models.h"

#include <gtest/gtest.h>

#include <numeric>

#include "core/common/error.h"
#include "core/kalman/kalman_filter.h"
#include "core/kalman/kalman_smoother.h"
#include "tests/core/kalman/nile_data.h"

namespace fab::kalman {
namespace {

TEST(StructuralModels, StateSpaceShapes) {
  StructuralModel sm;
  sm.trend = Trend::LocalLinearTrend;
  sm.observationVariance = 2.0;
  sm.levelVariance = 0.5;
  sm.slopeVariance = 0.1;
  sm.interventionStep = 3;
  Eigen::VectorXd dt = Eigen::VectorXd::Ones(6);
  dt[2] = 2.5;
  const auto m = toStateSpace(sm, 6, dt);
  EXPECT_EQ(m.stateDim(), 3);
  EXPECT_EQ(m.disturbanceDim(), 2);
  EXPECT_EQ(m.diffuseCount(), 3);
  EXPECT_EQ(m.Z.at(2)(0, 2), 0.0);
  EXPECT_EQ(m.Z.at(3)(0, 2), 1.0);
  EXPECT_EQ(m.T.at(2)(0, 1), 2.5);  // the slope advances the level by slope × elapsed time
  EXPECT_EQ(m.T.at(2)(2, 2), 1.0);
  EXPECT_EQ(m.Q.at(0)(1, 1), 0.1);
  EXPECT_EQ(m.H.at(0)(0, 0), 2.0);
  EXPECT_NO_THROW(m.validate(6));
}

TEST(StructuralModels, RefusesBadSettings) {
  StructuralModel sm;
  sm.levelVariance = -1;
  EXPECT_THROW(toStateSpace(sm, 5), Error);
  sm.levelVariance = 0;
  sm.observationVariance = 0;
  EXPECT_THROW(toStateSpace(sm, 5), Error);  // all zero
  sm.observationVariance = 1;
  sm.interventionStep = 0;  // confounded with the initial level
  EXPECT_THROW(toStateSpace(sm, 5), Error);
  sm.interventionStep = 5;
  EXPECT_THROW(toStateSpace(sm, 5), Error);
  sm.interventionStep.reset();
  EXPECT_THROW(toStateSpace(sm, 5, Eigen::VectorXd::Ones(3)), Error);
}

// reference/README.md: the Nile before 1899 has mean 1097.75 (n = 28), after it 849.97 (n = 72).
// A constant level with a step at 1899 (σ²η = 0) smooths to the two segment means, and the step
// estimate has variance σ²ε (1/28 + 1/72).
TEST(StructuralModels, NileStepAt1899SmoothsToTheSegmentMeans) {
  const auto nile = test::nileSeries();
  StructuralModel sm;
  sm.observationVariance = test::kNileVarEps;
  sm.levelVariance = 0;
  sm.interventionStep = 28;  // 1899
  ASSERT_EQ(nile.year[28], 1899);
  const auto model = toStateSpace(sm, 100);
  const auto s = kalmanSmoother(model, kalmanFilter(model, nile.volume));
  const double before = std::accumulate(nile.volume.begin(), nile.volume.begin() + 28, 0.0) / 28;
  const double after = std::accumulate(nile.volume.begin() + 28, nile.volume.end(), 0.0) / 72;
  EXPECT_NEAR(before, 1097.75, 5e-3);
  EXPECT_NEAR(after, 849.97, 5e-3);
  for (Eigen::Index t = 0; t < 100; ++t) {
    const double signal = model.Z.at(t).row(0).dot(s.state.col(t));
    EXPECT_NEAR(signal, t < 28 ? before : after, 1e-8) << t;
  }
  EXPECT_NEAR(s.state(1, 99), after - before, 1e-8);
  EXPECT_NEAR(s.varianceAt(99)(1, 1), test::kNileVarEps * (1.0 / 28 + 1.0 / 72), 1e-6);
}

}  // namespace
}  // namespace fab::kalman

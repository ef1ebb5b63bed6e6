// The scalar local-level path against the general Eigen path on the same model.
#include "core/kalman/local_level_fast.h"

#include <gtest/gtest.h>

#include <limits>

#include "core/common/error.h"
#include "core/kalman/kalman_filter.h"
#include "core/kalman/kalman_smoother.h"
#include "core/kalman/structural_models.h"
#include "tests/core/kalman/nile_data.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Whole-matrix comparison, NaN equal to NaN, relative tolerance.
void expectSame(const Eigen::MatrixXd& fast, const Eigen::MatrixXd& general, double tol, const char* what) {
  ASSERT_EQ(fast.rows(), general.rows()) << what;
  ASSERT_EQ(fast.cols(), general.cols()) << what;
  for (Eigen::Index j = 0; j < fast.cols(); ++j)
    for (Eigen::Index i = 0; i < fast.rows(); ++i) {
      const double a = fast(i, j), b = general(i, j);
      if (std::isnan(a) || std::isnan(b)) {
        EXPECT_TRUE(std::isnan(a) && std::isnan(b)) << what << " at " << j << ": " << a << " vs " << b;
      } else {
        EXPECT_NEAR(a, b, tol * (1 + std::abs(b))) << what << " at " << j;
      }
    }
}

void compareBothPaths(const std::vector<double>& y, const LocalLevelVariances& var,
                      const std::vector<double>& elapsed) {
  const auto n = static_cast<Eigen::Index>(y.size());
  StructuralModel sm;
  sm.observationVariance = var.observation;
  sm.levelVariance = var.level;
  const Eigen::VectorXd dt =
      elapsed.empty() ? Eigen::VectorXd() : Eigen::VectorXd(Eigen::Map<const Eigen::VectorXd>(elapsed.data(), n));
  const auto model = toStateSpace(sm, n, dt);
  const auto fg = kalmanFilter(model, y);
  const auto sg = kalmanSmoother(model, fg);
  const auto ff = localLevelFilter(y, var, elapsed);
  const auto sf = localLevelSmoother(ff, var, elapsed);
  const double tol = 1e-11;
  EXPECT_NEAR(ff.logLikelihood, fg.logLikelihood, tol * std::abs(fg.logLikelihood));
  EXPECT_NEAR(localLevelLogLikelihood(y, var, elapsed), fg.logLikelihood, tol * std::abs(fg.logLikelihood));
  EXPECT_EQ(ff.observations, fg.observations);
  EXPECT_EQ(ff.diffuseSteps, fg.diffuseSteps);
  EXPECT_EQ(ff.diffuseObservations, fg.diffuseObservations);
  expectSame(ff.predictedState, fg.predictedState, tol, "a");
  expectSame(ff.predictedVariance, fg.predictedVariance, tol, "P");
  expectSame(ff.filteredState, fg.filteredState, tol, "a|t");
  expectSame(ff.filteredVariance, fg.filteredVariance, tol, "P|t");
  expectSame(ff.innovation, fg.innovation, tol, "v");
  expectSame(ff.innovationVariance, fg.innovationVariance, tol, "F");
  expectSame(ff.gain, fg.gain, tol, "M");
  expectSame(ff.diffusePredictedVariance, fg.diffusePredictedVariance, tol, "P_inf");
  expectSame(ff.diffuseFilteredVariance, fg.diffuseFilteredVariance, tol, "P_inf|t");
  expectSame(ff.diffuseInnovationVariance, fg.diffuseInnovationVariance, tol, "F_inf");
  expectSame(sf.state, sg.state, tol, "alpha hat");
  expectSame(sf.variance, sg.variance, 1e-9, "V");
  expectSame(sf.observationDisturbance, sg.observationDisturbance, tol, "eps hat");
  expectSame(sf.observationDisturbanceVariance, sg.observationDisturbanceVariance, 1e-9, "Var eps hat");
  expectSame(sf.observationAuxiliary, sg.observationAuxiliary, 1e-8, "eps aux");
  expectSame(sf.stateDisturbance, sg.stateDisturbance, tol, "eta hat");
  expectSame(sf.stateDisturbanceVariance, sg.stateDisturbanceVariance, 1e-9, "Var eta hat");
  expectSame(sf.stateAuxiliary, sg.stateAuxiliary, 1e-8, "eta aux");
}

TEST(LocalLevelFast, EqualsGeneralPathOnNile) {
  compareBothPaths(test::nileSeries().volume, {test::kNileVarEps, test::kNileVarEta}, {});
}

TEST(LocalLevelFast, EqualsGeneralPathWithMissingStretches) {
  auto y = test::nileSeries().volume;
  y[0] = y[1] = y[2] = kNaN;  // leading gap: the diffuse period lasts until 1874
  for (int t = 20; t < 40; ++t) y[t] = kNaN;
  for (int t = 60; t < 80; ++t) y[t] = kNaN;
  y[99] = kNaN;
  compareBothPaths(y, {test::kNileVarEps, test::kNileVarEta}, {});
}

TEST(LocalLevelFast, EqualsGeneralPathWithIrregularTime) {
  auto y = test::nileSeries().volume;
  std::vector<double> elapsed(y.size());
  for (std::size_t t = 0; t < y.size(); ++t) elapsed[t] = 0.25 + static_cast<double>(t % 7) * 0.5;
  elapsed[10] = 0.0;  // two observations at the same time
  y[50] = kNaN;
  compareBothPaths(y, {test::kNileVarEps, test::kNileVarEta}, elapsed);
}

TEST(LocalLevelFast, EqualsGeneralPathAtTheEdges) {
  compareBothPaths({5.0}, {2.0, 1.0}, {});                 // n = 1
  compareBothPaths({kNaN, kNaN, kNaN}, {2.0, 1.0}, {});    // nothing observed
  compareBothPaths({1.0, 2.0, 4.0, 3.0}, {0.0, 1.0}, {});  // no observation noise: random walk observed exactly
  compareBothPaths({1.0, 2.0, 4.0, 3.0}, {1.0, 0.0}, {});  // constant level: the sample mean
}

TEST(LocalLevelFast, ConstantLevelSmoothsToTheMean) {
  // σ²η = 0: the level is one unknown constant, its smoothed value the mean with variance σ²ε/n.
  const std::vector<double> y{1.0, 2.0, 4.0, 3.0, kNaN, 5.0};
  const auto f = localLevelFilter(y, {2.0, 0.0});
  const auto s = localLevelSmoother(f, {2.0, 0.0});
  for (Eigen::Index t = 0; t < 6; ++t) {
    EXPECT_NEAR(s.state(0, t), 3.0, 1e-12);
    EXPECT_NEAR(s.variance(0, t), 2.0 / 5.0, 1e-12);
  }
}

TEST(LocalLevelFast, RefusesBadInput) {
  const std::vector<double> y{1.0, 2.0};
  EXPECT_THROW(localLevelFilter(y, {-1.0, 1.0}), Error);
  EXPECT_THROW(localLevelFilter(y, {0.0, 0.0}), Error);
  EXPECT_THROW(localLevelFilter(y, {1.0, 1.0}, std::vector<double>{1.0}), Error);
  EXPECT_THROW(localLevelFilter(y, {1.0, 1.0}, std::vector<double>{1.0, -2.0}), Error);
  const std::vector<double> inf{1.0, std::numeric_limits<double>::infinity()};
  EXPECT_THROW(localLevelFilter(inf, {1.0, 1.0}), Error);
  EXPECT_THROW(localLevelLogLikelihood(inf, {1.0, 1.0}), Error);
}

}  // namespace
}  // namespace fab::kalman

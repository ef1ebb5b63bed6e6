#include "core/kalman/kalman_filter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <random>

#include "core/common/error.h"
#include "core/kalman/structural_models.h"
#include "tests/core/kalman/nile_data.h"

namespace fab::kalman {
namespace {

using ::testing::HasSubstr;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

StateSpaceModel nileModel(Eigen::Index n) {
  StructuralModel sm;
  sm.observationVariance = test::kNileVarEps;
  sm.levelVariance = test::kNileVarEta;
  return toStateSpace(sm, n);
}

// D&K §2.2 and fig. 2.1 (values in reference/README.md): local level on the Nile data,
// exact diffuse initialisation.
TEST(KalmanFilter, ReproducesPublishedNileValues) {
  const auto nile = test::nileSeries();
  ASSERT_EQ(nile.volume.size(), 100u);
  const auto f = kalmanFilter(nileModel(100), nile.volume);
  EXPECT_EQ(f.diffuseSteps, 1);
  EXPECT_EQ(f.diffuseObservations, 1);
  EXPECT_NEAR(f.predictedState(0, 1), 1120.0, 1e-9);       // a₂
  EXPECT_NEAR(f.predictedVariance(0, 1), 16568.1, 0.05);   // P₂ = σ²ε + σ²η
  EXPECT_NEAR(f.innovationVariance(0, 1), 31667.1, 0.05);  // F₂
  EXPECT_NEAR(f.innovation(0, 1), 40.0, 1e-9);             // v₂ = 1160 − 1120
  EXPECT_NEAR(f.filteredState(0, 1), 1140.928, 5e-4);      // filtered level for 1872
  EXPECT_NEAR(f.filteredVariance(0, 1), 7899.74, 5e-3);
  // The first observation is diffuse: F_∞ = 1 and P_{1|1} = σ²ε.
  EXPECT_DOUBLE_EQ(f.diffuseInnovationVariance(0, 0), 1.0);
  EXPECT_NEAR(f.filteredVariance(0, 0), test::kNileVarEps, 1e-9);
}

TEST(KalmanFilter, LogLikelihoodFollowsTheDiffuseConvention) {
  // One observation of a local level: everything is diffuse, log L_d = −½ log 2π (D&K eq. 7.2 with F_∞ = 1).
  const std::vector<double> y{3.0};
  StructuralModel sm;
  sm.observationVariance = 2.0;
  sm.levelVariance = 1.0;
  const auto f = kalmanFilter(toStateSpace(sm, 1), y);
  EXPECT_NEAR(f.logLikelihood, -0.5 * std::log(2 * std::numbers::pi), 1e-14);
  EXPECT_TRUE(f.warnings.empty());
  // Two observations: the second has v = y₂ − y₁, F = 2σ²ε + σ²η.
  const std::vector<double> y2{3.0, 5.0};
  const auto f2 = kalmanFilter(toStateSpace(sm, 2), y2);
  const double F = 2 * 2.0 + 1.0;
  EXPECT_NEAR(f2.logLikelihood, -std::log(2 * std::numbers::pi) - 0.5 * (std::log(F) + 4.0 / F), 1e-13);
}

TEST(KalmanFilter, MissingValuesSkipTheUpdate) {
  const auto nile = test::nileSeries();
  auto y = nile.volume;
  for (int t = 20; t < 40; ++t) y[t] = kNaN;  // a stretch of 20 missing years
  const auto f = kalmanFilter(nileModel(100), y);
  EXPECT_EQ(f.observations, 80);
  for (int t = 20; t < 40; ++t) {
    EXPECT_TRUE(std::isnan(f.innovation(0, t)));
    // No update: filtered = predicted, and the level variance grows by σ²η per step (D&K §2.7).
    EXPECT_DOUBLE_EQ(f.filteredState(0, t), f.predictedState(0, t));
    EXPECT_NEAR(f.predictedVariance(0, t + 1), f.predictedVariance(0, t) + test::kNileVarEta, 1e-8);
    EXPECT_DOUBLE_EQ(f.predictedState(0, t + 1), f.filteredState(0, 19));
  }
}

TEST(KalmanFilter, LeadingMissingValuesKeepTheStateDiffuse) {
  std::vector<double> y{kNaN, kNaN, 4.0, 6.0, 5.0};
  StructuralModel sm;
  sm.observationVariance = 1.0;
  sm.levelVariance = 0.5;
  const auto f = kalmanFilter(toStateSpace(sm, 5), y);
  EXPECT_EQ(f.diffuseSteps, 3);
  EXPECT_EQ(f.diffuseObservations, 1);
  EXPECT_DOUBLE_EQ(f.filteredState(0, 2), 4.0);
  EXPECT_NEAR(f.filteredVariance(0, 2), 1.0, 1e-14);
}

TEST(KalmanFilter, AllMissingGivesThePriorAndAWarning) {
  std::vector<double> y(4, kNaN);
  const auto f = kalmanFilter(nileModel(4), y);
  EXPECT_EQ(f.observations, 0);
  EXPECT_EQ(f.logLikelihood, 0.0);
  ASSERT_EQ(f.warnings.size(), 1u);
  EXPECT_THAT(f.warnings[0], HasSubstr("no observed value"));
}

TEST(KalmanFilter, EmptySeriesIsDefined) {
  std::vector<double> y;
  StateSpaceModel model = nileModel(1);
  const auto f = kalmanFilter(model, y);
  EXPECT_EQ(f.steps, 0);
  EXPECT_EQ(f.logLikelihood, 0.0);
}

TEST(KalmanFilter, RefusesBadModels) {
  StateSpaceModel model = nileModel(3);
  std::vector<double> y{1, 2, 3};
  auto bad = model;
  bad.H = Eigen::MatrixXd::Constant(1, 1, -1.0);
  EXPECT_THROW(kalmanFilter(bad, y), Error);
  bad = model;
  bad.T = Eigen::MatrixXd::Identity(2, 2);
  EXPECT_THROW(kalmanFilter(bad, y), Error);
  bad = model;
  bad.noiseScale = Eigen::VectorXd::Constant(3, -1.0);
  EXPECT_THROW(kalmanFilter(bad, y), Error);
  // Correlated observation noise is refused with a message saying so.
  StateSpaceModel two = model;
  two.Z = Eigen::MatrixXd::Ones(2, 1);
  Eigen::MatrixXd H(2, 2);
  H << 1, 0.5, 0.5, 1;
  two.H = H;
  Eigen::MatrixXd Y = Eigen::MatrixXd::Ones(2, 3);
  try {
    kalmanFilter(two, Y);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("H must be diagonal"));
  }
  EXPECT_THROW(kalmanFilter(model, Eigen::MatrixXd::Ones(2, 3)), Error);
  const std::vector<double> inf{1.0, std::numeric_limits<double>::infinity(), 2.0};
  EXPECT_THROW(kalmanFilter(model, inf), Error);
}

TEST(KalmanFilter, ShortSeriesWarnsThatTheDiffuseStateIsNotIdentified) {
  StructuralModel sm;
  sm.trend = Trend::LocalLinearTrend;
  sm.observationVariance = 1.0;
  sm.levelVariance = 1.0;
  sm.slopeVariance = 0.1;
  const std::vector<double> y{1.0};
  const auto f = kalmanFilter(toStateSpace(sm, 1), y);
  ASSERT_EQ(f.warnings.size(), 1u);
  EXPECT_THAT(f.warnings[0], HasSubstr("diffuse initial state"));
}

TEST(KalmanFilter, MultivariateObservationsEqualStackedUnivariateOnes) {
  // Two sensors on one level with independent noise: filtering the pair at once equals
  // filtering the interleaved univariate series where the level does not move in between.
  std::mt19937_64 rng(7);
  std::normal_distribution<double> g;
  const Eigen::Index n = 30;
  Eigen::MatrixXd Y(2, n);
  double mu = 0;
  for (Eigen::Index t = 0; t < n; ++t) {
    mu += 0.5 * g(rng);
    Y(0, t) = mu + g(rng);
    Y(1, t) = mu + 2 * g(rng);
  }
  Y(1, 4) = kNaN;
  StateSpaceModel joint;
  joint.Z = Eigen::MatrixXd::Ones(2, 1);
  joint.H = Eigen::MatrixXd(Eigen::Vector2d(1.0, 4.0).asDiagonal());
  joint.T = Eigen::MatrixXd::Ones(1, 1);
  joint.R = Eigen::MatrixXd::Ones(1, 1);
  joint.Q = Eigen::MatrixXd::Constant(1, 1, 0.25);
  joint.a1 = Eigen::VectorXd::Zero(1);
  joint.P1 = Eigen::MatrixXd::Zero(1, 1);
  joint.P1Diffuse = Eigen::MatrixXd::Ones(1, 1);
  const auto fj = kalmanFilter(joint, Y);

  StateSpaceModel single = joint;
  single.Z = Eigen::MatrixXd::Ones(1, 1);
  std::vector<Eigen::MatrixXd> H;
  std::vector<double> y;
  Eigen::VectorXd scale(2 * n);
  for (Eigen::Index t = 0; t < n; ++t) {
    H.push_back(Eigen::MatrixXd::Constant(1, 1, 1.0));
    H.push_back(Eigen::MatrixXd::Constant(1, 1, 4.0));
    y.push_back(Y(0, t));
    y.push_back(Y(1, t));
    scale[2 * t] = 0.0;
    scale[2 * t + 1] = 1.0;
  }
  single.H = SystemMatrix(H);
  single.noiseScale = scale;
  const auto fs = kalmanFilter(single, y);
  EXPECT_NEAR(fj.logLikelihood, fs.logLikelihood, 1e-10);
  for (Eigen::Index t = 0; t < n; ++t) {
    EXPECT_NEAR(fj.filteredState(0, t), fs.filteredState(0, 2 * t + 1), 1e-10);
    EXPECT_NEAR(fj.filteredVariance(0, t), fs.filteredVariance(0, 2 * t + 1), 1e-10);
  }
}

}  // namespace
}  // namespace fab::kalman

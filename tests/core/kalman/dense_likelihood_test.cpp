// The recursive filter and smoother against brute-force dense Gaussian algebra
// (tests/core/kalman/dense_gaussian.h) on small problems: the log-likelihood,
// the smoothed states and variances, the smoothed disturbances and the
// auxiliary residuals, with and without diffuse states, gaps and irregular time.
#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "core/kalman/kalman_filter.h"
#include "core/kalman/kalman_smoother.h"
#include "core/kalman/structural_models.h"
#include "tests/core/kalman/dense_gaussian.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Eigen::MatrixXd simulate(const StateSpaceModel& model, Eigen::Index n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g;
  const Eigen::Index m = model.stateDim(), p = model.observationDim(), r = model.disturbanceDim();
  Eigen::VectorXd alpha = model.a1;
  for (Eigen::Index j = 0; j < m; ++j) alpha[j] += 3.0 * g(rng);
  Eigen::MatrixXd y(p, n);
  for (Eigen::Index t = 0; t < n; ++t) {
    for (Eigen::Index i = 0; i < p; ++i)
      y(i, t) = model.Z.at(t).row(i).dot(alpha) + std::sqrt(model.H.at(t)(i, i)) * g(rng);
    Eigen::VectorXd eta(r);
    for (Eigen::Index j = 0; j < r; ++j) eta[j] = g(rng);
    const Eigen::MatrixXd Lq = model.Q.at(t).llt().matrixL();
    alpha = model.T.at(t) * alpha + std::sqrt(model.scale(t)) * model.R.at(t) * Lq * eta;
  }
  return y;
}

/// Compares every output of filter + smoother with the dense answer.
void expectMatchesDense(const StateSpaceModel& model, const Eigen::MatrixXd& y, double tol) {
  const auto f = kalmanFilter(model, y);
  const auto s = kalmanSmoother(model, f);
  const test::DenseGaussian dense(model, y);
  EXPECT_NEAR(f.logLikelihood, dense.logLikelihood(), tol * std::abs(dense.logLikelihood()));
  const Eigen::Index n = y.cols(), p = model.observationDim(), r = model.disturbanceDim();
  for (Eigen::Index t = 0; t < n; ++t) {
    const Eigen::VectorXd mean = dense.mean(dense.state(t));
    const Eigen::MatrixXd var = dense.variance(dense.state(t));
    const double scale = 1.0 + var.cwiseAbs().maxCoeff();
    EXPECT_LT((s.state.col(t) - mean).cwiseAbs().maxCoeff(), tol * (1 + mean.cwiseAbs().maxCoeff())) << "t=" << t;
    EXPECT_LT((Eigen::MatrixXd(s.varianceAt(t)) - var).cwiseAbs().maxCoeff(), tol * scale) << "t=" << t;
    // Observation disturbances: ε̂ = E(ε|y), Var(ε̂) = H − Var(ε|y) (D&K §4.5.3).
    const Eigen::VectorXd epsMean = dense.mean(dense.observationNoise(t));
    const Eigen::MatrixXd epsVar = dense.variance(dense.observationNoise(t));
    for (Eigen::Index i = 0; i < p; ++i) {
      const double h = model.H.at(t)(i, i);
      EXPECT_NEAR(s.observationDisturbance(i, t), epsMean[i], tol * (1 + std::abs(epsMean[i]))) << "t=" << t;
      const double estVar = h - epsVar(i, i);
      EXPECT_NEAR(s.observationDisturbanceVariance(i, t), estVar, tol * (1 + h)) << "t=" << t;
      if (!std::isnan(y(i, t)) && estVar > 1e-6 * h) {
        EXPECT_NEAR(s.observationAuxiliary(i, t), epsMean[i] / std::sqrt(estVar), 1e3 * tol) << "t=" << t;
      }
    }
    if (t + 1 < n) {
      const Eigen::VectorXd etaMean = dense.mean(dense.stateNoise(t));
      const Eigen::MatrixXd etaVar = dense.variance(dense.stateNoise(t));
      for (Eigen::Index j = 0; j < r; ++j) {
        const double q = model.scale(t) * model.Q.at(t)(j, j);
        EXPECT_NEAR(s.stateDisturbance(j, t), etaMean[j], tol * (1 + std::abs(etaMean[j]))) << "t=" << t;
        EXPECT_NEAR(s.stateDisturbanceVariance(j, t), q - etaVar(j, j), tol * (1 + q)) << "t=" << t;
      }
    }
  }
}

TEST(DenseCheck, LocalLevelDiffuse) {
  StructuralModel sm;
  sm.observationVariance = 2.0;
  sm.levelVariance = 0.7;
  const auto model = toStateSpace(sm, 12);
  expectMatchesDense(model, simulate(model, 12, 1), 1e-8);
}

TEST(DenseCheck, LocalLevelWithGapsAndLeadingMissing) {
  StructuralModel sm;
  sm.observationVariance = 1.0;
  sm.levelVariance = 0.3;
  const auto model = toStateSpace(sm, 15);
  Eigen::MatrixXd y = simulate(model, 15, 2);
  y(0, 0) = y(0, 1) = kNaN;
  y(0, 6) = y(0, 7) = y(0, 8) = kNaN;
  y(0, 14) = kNaN;
  expectMatchesDense(model, y, 1e-8);
}

TEST(DenseCheck, LocalLinearTrendDiffuse) {
  StructuralModel sm;
  sm.trend = Trend::LocalLinearTrend;
  sm.observationVariance = 1.5;
  sm.levelVariance = 0.4;
  sm.slopeVariance = 0.05;
  const auto model = toStateSpace(sm, 14);
  Eigen::MatrixXd y = simulate(model, 14, 3);
  y(0, 1) = kNaN;  // a gap inside the diffuse period
  expectMatchesDense(model, y, 1e-7);
}

TEST(DenseCheck, StepInterventionAndIrregularTime) {
  StructuralModel sm;
  sm.observationVariance = 1.0;
  sm.levelVariance = 0.2;
  sm.interventionStep = 6;
  Eigen::VectorXd elapsed(14);
  elapsed << 1, 0.5, 2, 1, 1, 3, 0.25, 1, 1, 0, 1.5, 1, 1, 1;
  const auto model = toStateSpace(sm, 14, elapsed);
  Eigen::MatrixXd y = simulate(model, 14, 4);
  for (Eigen::Index t = 6; t < 14; ++t) y(0, t) += 5.0;
  expectMatchesDense(model, y, 1e-8);
}

TEST(DenseCheck, TrendWithIrregularTimeAndIntervention) {
  StructuralModel sm;
  sm.trend = Trend::LocalLinearTrend;
  sm.observationVariance = 0.8;
  sm.levelVariance = 0.3;
  sm.slopeVariance = 0.02;
  sm.interventionStep = 8;
  Eigen::VectorXd elapsed(16);
  elapsed << 1, 2, 1, 0.5, 1, 1, 3, 1, 1, 1, 0.5, 0.5, 1, 2, 1, 1;
  const auto model = toStateSpace(sm, 16, elapsed);
  expectMatchesDense(model, simulate(model, 16, 5), 1e-7);
}

TEST(DenseCheck, StationaryModelWithoutDiffuseStates) {
  // AR(2) plus noise, observed twice per step with different noise; proper (stationary) initial variance.
  StateSpaceModel model;
  Eigen::MatrixXd T(2, 2), Z(2, 2);
  T << 0.6, 0.2, 1.0, 0.0;
  Z << 1.0, 0.0, 0.5, 1.0;
  model.T = T;
  model.Z = Z;
  model.H = Eigen::MatrixXd(Eigen::Vector2d(0.5, 1.2).asDiagonal());
  model.R = Eigen::MatrixXd(Eigen::Vector2d(1.0, 0.0));
  model.Q = Eigen::MatrixXd::Constant(1, 1, 1.0);
  model.a1 = Eigen::Vector2d(0.3, -0.2);
  // Stationary variance: solve P = T P T' + R Q R' by vectorisation (D&K §5.6.2).
  const Eigen::MatrixXd RQR = model.R.at(0) * model.R.at(0).transpose();
  const Eigen::Matrix2d T2 = T;
  Eigen::Matrix4d kron;  // T ⊗ T
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) kron.block<2, 2>(2 * i, 2 * j) = T2(i, j) * T2;
  const Eigen::Vector4d vecP =
      (Eigen::Matrix4d::Identity() - kron).lu().solve(Eigen::Map<const Eigen::Vector4d>(RQR.data()));
  model.P1 = Eigen::Map<const Eigen::MatrixXd>(vecP.data(), 2, 2);
  model.P1Diffuse = Eigen::MatrixXd::Zero(2, 2);
  Eigen::MatrixXd y = simulate(model, 10, 6);
  y(1, 3) = kNaN;
  y(0, 5) = kNaN;
  expectMatchesDense(model, y, 1e-9);
}

TEST(DenseCheck, PartlyDiffuseMultivariate) {
  // A random walk level (diffuse) plus a stationary AR(1) component, two observation series.
  StateSpaceModel model;
  Eigen::MatrixXd T(2, 2), Z(2, 2), R = Eigen::MatrixXd::Identity(2, 2), Q(2, 2);
  T << 1.0, 0.0, 0.0, 0.7;
  Z << 1.0, 1.0, 1.0, -0.5;
  Q << 0.3, 0.1, 0.1, 1.0;
  model.T = T;
  model.Z = Z;
  model.R = R;
  model.Q = Q;
  model.H = Eigen::MatrixXd(Eigen::Vector2d(0.4, 0.9).asDiagonal());
  model.a1 = Eigen::Vector2d(0.0, 0.0);
  model.P1 = Eigen::MatrixXd::Zero(2, 2);
  model.P1(1, 1) = 1.0 / (1 - 0.49);
  model.P1Diffuse = Eigen::MatrixXd::Zero(2, 2);
  model.P1Diffuse(0, 0) = 1.0;
  Eigen::MatrixXd y = simulate(model, 11, 8);
  y(0, 0) = kNaN;
  y(1, 4) = kNaN;
  expectMatchesDense(model, y, 1e-8);
}

}  // namespace
}  // namespace fab::kalman

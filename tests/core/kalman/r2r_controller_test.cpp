#include "core/kalman/r2r_controller.h"

#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/kalman/disturbance_models.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

R2rOptions ewma(double lambda, double b, double beta, double target = 0) {
  R2rOptions o;
  o.lambda = lambda;
  o.controllerGain = b;
  o.processGain = beta;
  o.target = target;
  return o;
}

// With a constant disturbance d = α the EWMA error obeys e_{t+1} = (1 − λξ) e_t exactly
// (Ingolfsson & Sachs 1993), e_1 = α − T since the first recipe is 0.
TEST(R2r, EwmaErrorDecaysGeometrically) {
  const double b = 1.0, beta = 2.5;  // ξ = 2.5
  for (double lx : {0.5, 1.0, 1.9, 2.1}) {
    const double lambda = lx / (beta / b);
    const std::vector<double> d(30, 7.0);
    const auto r = simulateController(d, ewma(lambda, b, beta, 5.0));
    for (int t = 0; t < 30; ++t)
      EXPECT_NEAR(r.output[t] - 5.0, 2.0 * std::pow(1 - lx, t), 1e-9 * std::max(1.0, std::pow(std::abs(1 - lx), t)))
          << lx << " " << t;
    EXPECT_NEAR(r.stability.spectralRadius, std::abs(1 - lx), 1e-15);
    EXPECT_EQ(r.stability.stable, lx < 2) << lx;
    EXPECT_EQ(r.warnings.empty(), lx < 2) << lx;
  }
}

TEST(R2r, EwmaOffsetUnderDriftIsDeltaOverLambdaXi) {
  const double delta = 0.3, lambda = 0.4, b = 1.0, beta = 0.8;
  std::vector<double> d(400);
  for (int t = 0; t < 400; ++t) d[t] = 10.0 + delta * t;
  const auto r = simulateController(d, ewma(lambda, b, beta, 10.0));
  EXPECT_NEAR(r.output.back() - 10.0, delta / (lambda * beta / b), 1e-9);
  EXPECT_NEAR(r.disturbanceDrift, delta, 1e-12);
  EXPECT_NEAR(r.driftOffset, delta / (lambda * beta / b), 1e-9);
}

TEST(R2r, DoubleEwmaRemovesTheDriftOffset) {
  const double delta = 0.3;
  std::vector<double> d(600);
  for (int t = 0; t < 600; ++t) d[t] = 10.0 + delta * t;
  R2rOptions o = ewma(0.4, 1.0, 0.8, 10.0);
  o.lambda2 = 0.2;
  const auto r = simulateController(d, o);
  EXPECT_TRUE(r.stability.stable);
  EXPECT_NEAR(r.output.back() - 10.0, 0.0, 1e-8);
  EXPECT_EQ(r.driftOffset, 0.0);
  // In the steady state the prediction a + D moves by δ/ξ per run, which keeps the error at zero.
  EXPECT_NEAR(r.intercept[599] + r.drift[599] - (r.intercept[598] + r.drift[598]), delta / 0.8, 1e-8);
}

TEST(R2r, DoubleEwmaStabilityIsTheSpectralRadiusOfTheLoop) {
  for (double xi : {0.3, 1.0, 1.8, 3.0, 4.5}) {
    const double l1 = 0.6, l2 = 0.4;
    Eigen::Matrix2d A;
    A << 1 - l1 * xi, l1 * (1 - xi), -l2 * xi, 1 - l2 * xi;
    const double rho = A.eigenvalues().cwiseAbs().maxCoeff();
    const auto s = r2rStability(l1, l2, xi);
    EXPECT_NEAR(s.spectralRadius, rho, 1e-12) << xi;
    EXPECT_EQ(s.stable, rho < 1) << xi;
    // The simulated loop with a constant disturbance shrinks or grows with that radius.
    const std::vector<double> d(200, 1.0);
    R2rOptions o = ewma(l1, 1.0, xi, 0.0);
    o.lambda2 = l2;
    const auto r = simulateController(d, o);
    if (rho < 0.95) {
      EXPECT_LT(std::abs(r.output.back()), 1e-3) << xi;
    }
    if (rho > 1.05) {
      EXPECT_GT(std::abs(r.output.back()), 1e3) << xi;
    }
  }
}

TEST(R2r, OutputErrorFollowsTheClosedLoopRecursionForAnyDisturbance) {
  // e_{t+1} = (1 − λξ) e_t + d_{t+1} − d_t, for an arbitrary disturbance.
  DisturbanceModel dm;
  dm.kind = DisturbanceKind::Ima;
  dm.runs = 300;
  dm.theta = 0.4;
  dm.seed = 3;
  const auto d = generateDisturbance(dm);
  const double lambda = 0.35, b = 1.5, beta = 1.2, T = 0.5;
  const auto r = simulateController(d, ewma(lambda, b, beta, T));
  for (int t = 0; t + 1 < 300; ++t)
    EXPECT_NEAR(r.output[t + 1] - T, (1 - lambda * beta / b) * (r.output[t] - T) + d[t + 1] - d[t], 1e-9);
}

TEST(R2r, MseUnderImaMatchesTheArmaVariance) {
  // e is ARMA(1,1): φ = 1 − λξ, MA θ: Var = σ²(1 + θ² − 2φθ)/(1 − φ²); with λξ = 1 − θ it is σ² (MMSE).
  DisturbanceModel dm;
  dm.kind = DisturbanceKind::Ima;
  dm.runs = 200000;
  dm.theta = 0.6;
  dm.noiseSd = 2.0;
  dm.seed = 17;
  const auto d = generateDisturbance(dm);
  for (double lambda : {0.4, 0.2, 0.8}) {
    const double phi = 1 - lambda;
    const double expected = 4.0 * (1 + 0.36 - 2 * phi * 0.6) / (1 - phi * phi);
    const auto r = simulateController(d, ewma(lambda, 1.0, 1.0));
    EXPECT_NEAR(r.mse, expected, 0.03 * expected) << lambda;
  }
}

TEST(R2r, MseUnderNoiseAndDriftMatchesTheClosedForm) {
  // White noise σ² plus drift δ: MSE → δ²/(λξ)² + 2σ²/(2 − λξ).
  DisturbanceModel dm;
  dm.kind = DisturbanceKind::Drift;
  dm.runs = 200000;
  dm.driftPerRun = 0.05;
  dm.noiseSd = 1.0;
  dm.seed = 9;
  const auto d = generateDisturbance(dm);
  const double lambda = 0.5, xi = 0.9;
  const auto r = simulateController(d, ewma(lambda, 1.0, xi));
  const double lx = lambda * xi;
  const double expected = 0.05 * 0.05 / (lx * lx) + 2.0 / (2 - lx);
  EXPECT_NEAR(r.mse, expected, 0.03 * expected);
  EXPECT_NEAR(r.driftOffset, 0.05 / lx, 1e-3);
  EXPECT_NEAR(r.meanError, 0.05 / lx, 0.02);
  EXPECT_GT(r.openLoopMse, 1e6);  // the uncontrolled drift runs away
}

TEST(R2r, MissingRunsKeepTheEstimate) {
  const std::vector<double> d{3.0, kNaN, kNaN, 3.0};
  const auto r = simulateController(d, ewma(0.5, 1.0, 1.0, 0.0));
  EXPECT_EQ(r.measuredRuns, 2u);
  EXPECT_TRUE(std::isnan(r.output[1]));
  EXPECT_DOUBLE_EQ(r.intercept[1], r.intercept[0]);
  EXPECT_DOUBLE_EQ(r.recipe[3], r.recipe[1]);
  EXPECT_DOUBLE_EQ(r.output[3], 1.5);  // a = 1.5 after the first run, u = −1.5
}

TEST(R2r, RefusesBadOptions) {
  const std::vector<double> d{1.0};
  EXPECT_THROW(simulateController(d, ewma(0.0, 1.0, 1.0)), Error);
  EXPECT_THROW(simulateController(d, ewma(1.5, 1.0, 1.0)), Error);
  EXPECT_THROW(simulateController(d, ewma(0.5, 0.0, 1.0)), Error);
  R2rOptions o = ewma(0.5, 1.0, 1.0);
  o.lambda2 = 0.0;
  EXPECT_THROW(simulateController(d, o), Error);
  EXPECT_THROW(simulateController(std::vector<double>{}, ewma(0.5, 1.0, 1.0)), Error);
  EXPECT_THROW(
      simulateController(std::vector<double>{1.0, std::numeric_limits<double>::infinity()}, ewma(0.5, 1.0, 1.0)),
      Error);
}

TEST(DisturbanceModels, StepDriftAndImaShapes) {
  DisturbanceModel step;
  step.kind = DisturbanceKind::Step;
  step.runs = 6;
  step.offset = 2.0;
  step.stepSize = 1.5;
  step.stepRun = 3;
  step.noiseSd = 0.0;
  EXPECT_EQ(generateDisturbance(step), (std::vector<double>{2, 2, 2, 3.5, 3.5, 3.5}));
  DisturbanceModel drift;
  drift.kind = DisturbanceKind::Drift;
  drift.runs = 4;
  drift.offset = 1.0;
  drift.driftPerRun = 0.5;
  drift.noiseSd = 0.0;
  EXPECT_EQ(generateDisturbance(drift), (std::vector<double>{1, 1.5, 2, 2.5}));
  // IMA(1,1): the differences are an MA(1) with variance σ²(1 + θ²) and lag-one autocovariance −θσ².
  DisturbanceModel ima;
  ima.kind = DisturbanceKind::Ima;
  ima.runs = 200000;
  ima.theta = 0.5;
  ima.noiseSd = 1.0;
  const auto d = generateDisturbance(ima);
  double c0 = 0, c1 = 0;
  for (int t = 2; t < ima.runs; ++t) {
    const double w = d[t] - d[t - 1], w1 = d[t - 1] - d[t - 2];
    c0 += w * w;
    c1 += w * w1;
  }
  c0 /= ima.runs - 2;
  c1 /= ima.runs - 2;
  EXPECT_NEAR(c0, 1.25, 0.02);
  EXPECT_NEAR(c1, -0.5, 0.02);
  EXPECT_EQ(generateDisturbance(ima), d);  // seeded
  ima.theta = 1.0;
  EXPECT_THROW(generateDisturbance(ima), Error);
  EXPECT_THROW(parseDisturbanceKind("ramp"), Error);
}

}  // namespace
}  // namespace fab::kalman

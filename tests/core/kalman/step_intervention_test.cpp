#include "core/kalman/step_intervention.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <numbers>
#include <random>

#include "core/common/error.h"
#include "core/common/feedback.h"
#include "tests/core/kalman/nile_data.h"

namespace fab::kalman {
namespace {

/// A level with a step, written as a regression with correlated errors:
///   y = X β + u,  X = [1, 1[t ≥ τ]],  β = (level, δ),  Cov(u) = Ω.
/// Generalised least squares gives β̂ = (X'Ω⁻¹X)⁻¹X'Ω⁻¹y with Var(β̂) = (X'Ω⁻¹X)⁻¹; the
/// restricted (diffuse) log-likelihood is
///   −(N/2) log 2π − ½ log|Ω| − ½ log|X'Ω⁻¹X| − ½ (y − Xβ̂)'Ω⁻¹(y − Xβ̂)   (D&K §7.2.2).
struct Gls {
  double effect, standardError, logLikelihood;
};
Gls gls(const std::vector<double>& y, Eigen::Index tau, const Eigen::MatrixXd& omega) {
  const auto n = static_cast<Eigen::Index>(y.size());
  Eigen::MatrixXd X(n, 2);
  for (Eigen::Index t = 0; t < n; ++t) X(t, 0) = 1, X(t, 1) = t >= tau ? 1 : 0;
  const Eigen::Map<const Eigen::VectorXd> yv(y.data(), n);
  const Eigen::LLT<Eigen::MatrixXd> llt(omega);
  const Eigen::MatrixXd XtOiX = X.transpose() * llt.solve(X);
  const Eigen::Vector2d beta = XtOiX.ldlt().solve(X.transpose() * llt.solve(yv));
  const Eigen::Matrix2d cov = XtOiX.inverse();
  const Eigen::VectorXd r = yv - X * beta;
  const Eigen::MatrixXd L = llt.matrixL();
  const double logDet = 2 * L.diagonal().array().log().sum();
  const double ll = -0.5 * static_cast<double>(n) * std::log(2 * std::numbers::pi) - 0.5 * logDet -
                    0.5 * std::log(XtOiX.determinant()) - 0.5 * r.dot(llt.solve(r));
  return {beta[1], std::sqrt(cov(1, 1)), ll};
}
/// Local level: μ_t − μ_1 is a random walk from 0, Ω_ts = σ²ε·[t = s] + σ²η·min(t, s).
Gls glsLocalLevel(const std::vector<double>& y, Eigen::Index tau, double varEps, double varEta) {
  const auto n = static_cast<Eigen::Index>(y.size());
  Eigen::MatrixXd omega(n, n);
  for (Eigen::Index t = 0; t < n; ++t)
    for (Eigen::Index s = 0; s < n; ++s) omega(t, s) = varEta * static_cast<double>(std::min(t, s)) + (t == s) * varEps;
  return gls(y, tau, omega);
}
/// Stationary AR(1) level: Ω_ts = σ²ε·[t = s] + σ²η φ^|t−s| / (1 − φ²).
Gls glsAr1(const std::vector<double>& y, Eigen::Index tau, double varEps, double varEta, double phi) {
  const auto n = static_cast<Eigen::Index>(y.size());
  Eigen::MatrixXd omega(n, n);
  for (Eigen::Index t = 0; t < n; ++t)
    for (Eigen::Index s = 0; s < n; ++s)
      omega(t, s) = varEta * std::pow(phi, std::abs(t - s)) / (1 - phi * phi) + (t == s) * varEps;
  return gls(y, tau, omega);
}

const InterventionFit& fitOf(const StepIntervention& s, LevelModel m) {
  for (const auto& f : s.fits)
    if (f.model == m) return f;
  throw std::runtime_error("model not fitted");
}

// Nile flow with a level shift at 1899 (the Aswan dam; D&K 2012 discuss this
// intervention). No published figure for this fit is in reference/, so the
// Kalman estimate is checked against GLS built directly from the fitted
// variances, and the fitted variances against the dense likelihood.
TEST(StepIntervention, NileLocalLevelAt1899EqualsTheGlsEstimate) {
  const auto nile = test::nileSeries();
  ASSERT_EQ(nile.year[28], 1899);
  StepInterventionOptions o;
  o.models = {LevelModel::LocalLevel};
  const auto s = estimateStepIntervention(nile.volume, 28, o).best;
  ASSERT_TRUE(s.converged);
  const double varEps = s.observationVariance, varEta = s.levelVariance;
  const Gls g = glsLocalLevel(nile.volume, 28, varEps, varEta);
  EXPECT_NEAR(s.effect, g.effect, 1e-8 * std::fabs(g.effect));
  EXPECT_NEAR(s.standardError, g.standardError, 1e-8 * g.standardError);
  EXPECT_NEAR(s.logLikelihood, g.logLikelihood, 1e-8 * std::fabs(g.logLikelihood));
  // The fitted σ²ε maximises the dense likelihood: moving it by ±5 %, or σ²η off zero, lowers it.
  EXPECT_LT(glsLocalLevel(nile.volume, 28, varEps, 0.01 * varEps).logLikelihood, g.logLikelihood);
  for (double f : {0.95, 1.05})
    EXPECT_LT(glsLocalLevel(nile.volume, 28, varEps * f, varEta).logLikelihood, g.logLikelihood);
  // With the step in the model the level no longer wanders: σ²η runs to zero, the level is
  // constant on each side, δ̂ is the difference of the segment means (reference README:
  // 849.97 − 1097.75) and the diffuse likelihood's σ̂²ε is the residual sum of squares over
  // n − 2 (the REML estimate, two diffuse states).
  EXPECT_EQ(varEta, 0);
  EXPECT_NEAR(s.effect, 849.9722222 - 1097.75, 1e-6);
  double rss = 0;
  for (std::size_t t = 0; t < 100; ++t) {
    const double m = t < 28 ? 1097.75 : 849.9722222222;
    rss += (nile.volume[t] - m) * (nile.volume[t] - m);
  }
  EXPECT_NEAR(varEps, rss / 98, 1e-4 * varEps);
  EXPECT_NEAR(s.standardError, std::sqrt(varEps * (1.0 / 28 + 1.0 / 72)), 1e-9 * s.standardError);
  EXPECT_LT(s.upper, 0);
  // z, p and the interval follow from the estimate and its standard error.
  EXPECT_DOUBLE_EQ(s.z, s.effect / s.standardError);
  EXPECT_NEAR(s.upper - s.effect, 1.959963984540054 * s.standardError, 1e-9 * s.standardError);
  EXPECT_NEAR(s.pValue, std::erfc(std::fabs(s.z) / std::sqrt(2.0)), 1e-12);
}

TEST(StepIntervention, WanderingLevelMatchesGlsAndIsChosenByAic) {
  // A random-walk level with a step of 3 at t = 40: the local level fits it best, and its
  // estimate is GLS with an interior σ²η (Ω not diagonal).
  std::mt19937_64 rng(11);
  std::normal_distribution<double> g;
  std::vector<double> y(90);
  double mu = 0;
  for (int t = 0; t < 90; ++t) {
    y[t] = mu + (t >= 40 ? 3.0 : 0.0) + g(rng);
    mu += 0.4 * g(rng);
  }
  const auto s = estimateStepIntervention(y, 40);
  ASSERT_EQ(s.fits.size(), 2u);
  const auto& ll = fitOf(s, LevelModel::LocalLevel);
  ASSERT_GT(ll.levelVariance, 0);
  const Gls ref = glsLocalLevel(y, 40, ll.observationVariance, ll.levelVariance);
  EXPECT_NEAR(ll.effect, ref.effect, 1e-8);
  EXPECT_NEAR(ll.standardError, ref.standardError, 1e-8);
  EXPECT_NEAR(ll.logLikelihood, ref.logLikelihood, 1e-8 * std::fabs(ref.logLikelihood));
  EXPECT_NEAR(ll.effect, 3.0, 3 * ll.standardError);
  // AIC = (−2 log L + 2(q + w))/n with q = 2 diffuse states and w = 2 or 3 parameters.
  const auto& ar = fitOf(s, LevelModel::Ar1Level);
  EXPECT_NEAR(ar.aic, (-2 * ar.logLikelihood + 10) / 90, 1e-12);
  EXPECT_EQ(s.best.model, ll.aic < ar.aic ? LevelModel::LocalLevel : LevelModel::Ar1Level);
}

TEST(StepIntervention, MeanRevertingLevelFitsTheAr1LevelWhichMatchesGls) {
  // A level that returns to its centre (AR(1), φ = 0.8, innovations sd 0.6) with noise sd 0.5
  // and a step of 2 from value 100 on: the AR(1) level fits better than a random walk, and
  // its estimate is GLS with the AR(1) covariance at the fitted parameters.
  std::mt19937_64 rng(5);
  std::normal_distribution<double> g;
  std::vector<double> y(200);
  double u = 0.6 * g(rng) / std::sqrt(1 - 0.64);
  for (int t = 0; t < 200; ++t) {
    y[t] = 10 + u + 0.5 * g(rng) + (t >= 100 ? 2.0 : 0.0);
    u = 0.8 * u + 0.6 * g(rng);
  }
  const auto s = estimateStepIntervention(y, 100);
  const auto& ar = fitOf(s, LevelModel::Ar1Level);
  EXPECT_EQ(s.best.model, LevelModel::Ar1Level);
  ASSERT_GT(ar.levelVariance, 0);
  const Gls ref = glsAr1(y, 100, ar.observationVariance, ar.levelVariance, ar.phi);
  EXPECT_NEAR(ar.effect, ref.effect, 1e-7);
  EXPECT_NEAR(ar.standardError, ref.standardError, 1e-7);
  EXPECT_NEAR(ar.logLikelihood, ref.logLikelihood, 1e-7 * std::fabs(ref.logLikelihood));
  // The ML point: moving φ or a variance a little lowers the dense likelihood.
  for (double f : {0.97, 1.03}) {
    EXPECT_LT(glsAr1(y, 100, ar.observationVariance * f, ar.levelVariance, ar.phi).logLikelihood, ref.logLikelihood);
    EXPECT_LT(glsAr1(y, 100, ar.observationVariance, ar.levelVariance * f, ar.phi).logLikelihood, ref.logLikelihood);
    EXPECT_LT(glsAr1(y, 100, ar.observationVariance, ar.levelVariance, std::min(0.9989, ar.phi * f)).logLikelihood,
              ref.logLikelihood);
  }
  EXPECT_NEAR(ar.effect, 2.0, 3 * ar.standardError);
}

TEST(StepIntervention, RefusesAStepAtTheEnds) {
  const auto nile = test::nileSeries();
  EXPECT_THROW(estimateStepIntervention(nile.volume, 0), Error);
  EXPECT_THROW(estimateStepIntervention(nile.volume, 100), Error);
  StepInterventionOptions o;
  o.confidence = 1;
  EXPECT_THROW(estimateStepIntervention(nile.volume, 28, o), Error);
  o.confidence = 0.95;
  o.models.clear();
  EXPECT_THROW(estimateStepIntervention(nile.volume, 28, o), Error);
}

// A cancel reaches the caller: it is not one model's failure to note and step over.
TEST(StepIntervention, ACancelIsNotSwallowedAsAFailedModel) {
  const auto nile = test::nileSeries();
  std::atomic<bool> cancel{true};
  Feedback feedback;
  feedback.cancelFlag = &cancel;
  EXPECT_THROW(estimateStepIntervention(nile.volume, 28, {}, &feedback), Cancelled);
}

}  // namespace
}  // namespace fab::kalman

#include "core/kalman/variance_fit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "core/common/error.h"
#include "core/kalman/kalman_filter.h"
#include "core/kalman/kalman_smoother.h"
#include "tests/core/kalman/nile_data.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// D&K §2.10: the maximum-likelihood variances of the local level for the Nile are
// σ̂²ε = 15099 and σ̂²η = 1469.1.
TEST(VarianceFit, RecoversThePublishedNileEstimates) {
  const auto nile = test::nileSeries();
  const auto fit = fitVariances(StructuralModel{}, nile.volume);
  ASSERT_TRUE(fit.converged) << fit.message;
  ASSERT_EQ(fit.estimates.size(), 2u);
  EXPECT_NEAR(fit.estimates[0].value, test::kNileVarEps, 0.002 * test::kNileVarEps);
  EXPECT_NEAR(fit.estimates[1].value, test::kNileVarEta, 0.005 * test::kNileVarEta);
  EXPECT_EQ(fit.model.observationVariance, fit.estimates[0].value);
  // The optimum is at least as good as the published point.
  StructuralModel published;
  published.observationVariance = test::kNileVarEps;
  published.levelVariance = test::kNileVarEta;
  EXPECT_GE(fit.logLikelihood, structuralLogLikelihood(published, nile.volume) - 1e-7);
  // D&K §7.4: AIC = (−2 log L + 2(q + w))/n with q = 1 diffuse state and w = 2 variances.
  EXPECT_NEAR(fit.aic, (-2 * fit.logLikelihood + 6) / 100, 1e-12);
}

TEST(VarianceFit, StandardErrorsMatchTheInformationInVarianceUnits) {
  // Independent check of the delta method: the Hessian of −log L taken directly in (σ²ε, σ²η)
  // at the optimum, inverted, gives the same standard errors.
  const auto nile = test::nileSeries();
  const auto fit = fitVariances(StructuralModel{}, nile.volume);
  const Eigen::Vector2d theta(fit.estimates[0].value, fit.estimates[1].value);
  auto negLogLik = [&](double a, double b) {
    StructuralModel m;
    m.observationVariance = a;
    m.levelVariance = b;
    return -structuralLogLikelihood(m, nile.volume);
  };
  const double h0 = 1e-3 * theta[0], h1 = 1e-3 * theta[1];
  Eigen::Matrix2d H;
  H(0, 0) =
      (negLogLik(theta[0] + h0, theta[1]) - 2 * negLogLik(theta[0], theta[1]) + negLogLik(theta[0] - h0, theta[1])) /
      (h0 * h0);
  H(1, 1) =
      (negLogLik(theta[0], theta[1] + h1) - 2 * negLogLik(theta[0], theta[1]) + negLogLik(theta[0], theta[1] - h1)) /
      (h1 * h1);
  H(0, 1) = H(1, 0) = (negLogLik(theta[0] + h0, theta[1] + h1) - negLogLik(theta[0] + h0, theta[1] - h1) -
                       negLogLik(theta[0] - h0, theta[1] + h1) + negLogLik(theta[0] - h0, theta[1] - h1)) /
                      (4 * h0 * h1);
  const Eigen::Matrix2d cov = H.llt().solve(Eigen::Matrix2d::Identity());
  EXPECT_NEAR(fit.estimates[0].standardError, std::sqrt(cov(0, 0)), 0.02 * std::sqrt(cov(0, 0)));
  EXPECT_NEAR(fit.estimates[1].standardError, std::sqrt(cov(1, 1)), 0.02 * std::sqrt(cov(1, 1)));
  // The interval is exp(ψ̂ ± 1.96 SE(ψ̂)), around the estimate.
  for (const auto& e : fit.estimates) {
    EXPECT_NEAR(e.lower, e.value * std::exp(-1.959963984540054 * e.logStandardError), 1e-8 * e.value);
    EXPECT_NEAR(e.upper, e.value * std::exp(1.959963984540054 * e.logStandardError), 1e-8 * e.value);
  }
}

TEST(VarianceFit, ZeroLevelVarianceIsReportedOnTheBoundary) {
  // An alternating series: first differences with lag-one correlation −1, which a random level cannot give.
  std::vector<double> y(60);
  for (int t = 0; t < 60; ++t) y[t] = (t % 2 == 0) ? 1.0 : -1.0;
  const auto fit = fitVariances(StructuralModel{}, y);
  EXPECT_TRUE(fit.estimates[1].atBoundary);
  EXPECT_EQ(fit.estimates[1].value, 0.0);
  EXPECT_TRUE(std::isnan(fit.estimates[1].standardError));
  // With σ²η = 0 the level is one diffuse constant; the diffuse likelihood
  // −((n−1)/2) log σ² − ½ log n − Σ(y − ȳ)²/(2σ²) peaks at σ² = Σ(y − ȳ)²/(n − 1) = 60/59.
  EXPECT_NEAR(fit.estimates[0].value, 60.0 / 59.0, 1e-4);
  EXPECT_FALSE(fit.warnings.empty());
}

TEST(VarianceFit, FitsTrendAndInterventionModels) {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> g;
  const int n = 300;
  std::vector<double> y(n);
  double mu = 0, nu = 0.2;
  for (int t = 0; t < n; ++t) {
    y[t] = mu + (t >= 150 ? 8.0 : 0.0) + g(rng);
    mu += nu + 0.3 * g(rng);
    nu += 0.02 * g(rng);
  }
  y[40] = kNaN;
  StructuralModel start;
  start.trend = Trend::LocalLinearTrend;
  start.interventionStep = 150;
  const auto fit = fitVariances(start, y);
  EXPECT_TRUE(fit.converged) << fit.message;
  ASSERT_EQ(fit.estimates.size(), 3u);
  // The gradient of the likelihood vanishes at the estimate (checked in variance units).
  const double ll = fit.logLikelihood;
  for (int i = 0; i < 3; ++i) {
    if (fit.estimates[i].atBoundary) continue;
    auto v = fit.model.variances();
    const double h = 1e-4 * v[i];
    auto at = [&](double x) {
      StructuralModel m = fit.model;
      auto w = v;
      w[i] = x;
      m.setVariances(w);
      return structuralLogLikelihood(m, y);
    };
    EXPECT_NEAR((at(v[i] + h) - at(v[i] - h)) / (2 * h) * v[i], 0.0, 1e-3) << i;
    EXPECT_LE(at(v[i] * 1.05), ll + 1e-9);
    EXPECT_LE(at(v[i] * 0.95), ll + 1e-9);
  }
  // The smoothed intervention effect sees the shift of 8.
  const auto model = toStateSpace(fit.model, n);
  const auto s = kalmanSmoother(model, kalmanFilter(model, y));
  const Eigen::Index k = fit.model.interventionStateIndex();
  EXPECT_NEAR(s.state(k, n - 1), 8.0, 4 * std::sqrt(s.varianceAt(n - 1)(k, k)));
}

TEST(VarianceFit, RefusesSeriesThatCannotBeFitted) {
  EXPECT_THROW(fitVariances(StructuralModel{}, std::vector<double>{1.0, 2.0}), Error);
  EXPECT_THROW(fitVariances(StructuralModel{}, std::vector<double>{kNaN, 1.0, kNaN, 2.0}), Error);
  EXPECT_THROW(fitVariances(StructuralModel{}, std::vector<double>(10, 3.0)), Error);  // constant
}

}  // namespace
}  // namespace fab::kalman

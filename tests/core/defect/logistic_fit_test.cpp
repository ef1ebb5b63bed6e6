#include "core/defect/logistic_fit.h"

#include <gtest/gtest.h>

#include <Eigen/LU>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <random>

#include "core/common/error.h"

namespace fab::defect {
namespace {

double logit(double p) { return std::log(p / (1 - p)); }

// Two sizes only: the MLE reproduces the observed proportions, so
// β0 + β1·a = logit(p_a), β0 + β1·b = logit(p_b), and the covariance is the
// inverse of Σ n p(1−p) [1 x; x x²] over the two groups (closed form).
TEST(LogisticFit, TwoGroupClosedForm) {
  const double a = 0.2, b = 1.0;
  const int na = 50, ka = 10, nb = 40, kb = 30;  // p_a = 0.2, p_b = 0.75
  std::vector<double> size;
  std::vector<int> killed;
  for (int i = 0; i < na; ++i) {
    size.push_back(a);
    killed.push_back(i < ka);
  }
  for (int i = 0; i < nb; ++i) {
    size.push_back(b);
    killed.push_back(i < kb);
  }
  const auto fit = fitLogistic(size, killed);
  ASSERT_TRUE(fit.usable());
  const double slope = (logit(0.75) - logit(0.2)) / (b - a);
  const double intercept = logit(0.2) - slope * a;
  EXPECT_NEAR(fit.slope, slope, 1e-9);
  EXPECT_NEAR(fit.intercept, intercept, 1e-9);
  EXPECT_NEAR(fit.probability(a), 0.2, 1e-9);
  EXPECT_NEAR(fit.probability(b), 0.75, 1e-9);
  const double wa = na * 0.2 * 0.8, wb = nb * 0.75 * 0.25;
  Eigen::Matrix2d info;
  info << wa + wb, wa * a + wb * b, wa * a + wb * b, wa * a * a + wb * b * b;
  const Eigen::Matrix2d cov = info.inverse();
  EXPECT_NEAR(fit.covariance(0, 0), cov(0, 0), 1e-9);
  EXPECT_NEAR(fit.covariance(1, 1), cov(1, 1), 1e-9);
  EXPECT_NEAR(fit.covariance(0, 1), cov(0, 1), 1e-9);
  const double ll = ka * std::log(0.2) + (na - ka) * std::log(0.8) + kb * std::log(0.75) + (nb - kb) * std::log(0.25);
  EXPECT_NEAR(fit.logLikelihood, ll, 1e-9);

  // Killer size at 50 %: −β0/β1, interval by the delta method.
  const auto k = killerSize(fit, 0.5, 0.95);
  ASSERT_TRUE(k.defined);
  const double x50 = -intercept / slope;
  EXPECT_NEAR(k.sizeUm, x50, 1e-9);
  const Eigen::Vector2d g(-1 / slope, intercept / (slope * slope));
  const double sd = std::sqrt(g.dot(cov * g));
  const double z = boost::math::quantile(boost::math::normal(), 0.975);
  EXPECT_NEAR(k.lowUm, x50 - z * sd, 1e-7);
  EXPECT_NEAR(k.highUm, x50 + z * sd, 1e-7);
}

TEST(LogisticFit, LogSizeRecoversASimulatedCurve) {
  // P(kill) = 1 / (1 + exp(−4 (ln x − ln 0.3))): the killer size at 50 % is 0.3 µm.
  std::mt19937_64 rng(12);
  std::uniform_real_distribution<double> lx(std::log(0.03), std::log(3.0)), u(0, 1);
  std::vector<double> size;
  std::vector<int> killed;
  for (int i = 0; i < 4000; ++i) {
    const double x = std::exp(lx(rng));
    size.push_back(x);
    killed.push_back(u(rng) < 1 / (1 + std::exp(-4 * (std::log(x) - std::log(0.3)))));
  }
  LogisticOptions o;
  o.logSize = true;
  const auto fit = fitLogistic(size, killed, o);
  ASSERT_TRUE(fit.usable());
  EXPECT_NEAR(fit.slope, 4, 0.4);
  const auto k = killerSize(fit, 0.5);
  EXPECT_NEAR(k.sizeUm, 0.3, 0.02);
  EXPECT_LT(k.lowUm, 0.3);
  EXPECT_GT(k.highUm, 0.3);
  const auto k90 = killerSize(fit, 0.9);
  EXPECT_NEAR(k90.sizeUm, 0.3 * std::exp(std::log(9.0) / 4), 0.08);
}

TEST(LogisticFit, SeparationAndDegenerateData) {
  const auto sep = fitLogistic(std::vector<double>{0.1, 0.2, 0.3, 0.5, 0.8}, std::vector<int>{0, 0, 0, 1, 1});
  EXPECT_TRUE(sep.separated);
  EXPECT_DOUBLE_EQ(sep.separationLow, 0.3);
  EXPECT_DOUBLE_EQ(sep.separationHigh, 0.5);
  const auto k = killerSize(sep);
  EXPECT_FALSE(k.defined);
  EXPECT_TRUE(std::isnan(k.sizeUm));
  EXPECT_FALSE(k.message.empty());
  EXPECT_FALSE(fitLogistic(std::vector<double>{1, 2, 3}, std::vector<int>{1, 1, 1}).usable());
  EXPECT_FALSE(fitLogistic(std::vector<double>{1, 1, 1}, std::vector<int>{0, 1, 0}).usable());
  EXPECT_FALSE(fitLogistic(std::vector<double>{1}, std::vector<int>{1}).usable());
  EXPECT_THROW(fitLogistic(std::vector<double>{1, std::nan("")}, std::vector<int>{0, 1}), Error);
  EXPECT_THROW(fitLogistic(std::vector<double>{1, 2}, std::vector<int>{0, 2}), Error);
  LogisticOptions o;
  o.logSize = true;
  EXPECT_THROW(fitLogistic(std::vector<double>{0, 2}, std::vector<int>{0, 1}, o), Error);
  EXPECT_THROW(killerSize(sep, 1.0), Error);
}

}  // namespace
}  // namespace fab::defect

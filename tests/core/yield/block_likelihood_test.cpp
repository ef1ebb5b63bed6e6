// Binomial likelihood, deviance residuals and Pearson X² against Boost's
// binomial distribution and hand computation.
#include "core/yield/block_likelihood.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <vector>

namespace fab::yield {
namespace {

BlockYield counts(int m, long long n, long long k) {
  BlockYield b;
  b.m = m;
  b.blocks = n;
  b.good = k;
  return b;
}

TEST(BlockLikelihoodTest, LogLikelihoodIsTheBinomialLogPmf) {
  for (auto [n, k, p] : {std::tuple{20LL, 13LL, 0.6}, std::tuple{50LL, 0LL, 0.1}, std::tuple{7LL, 7LL, 0.9}}) {
    const boost::math::binomial_distribution<double> bin(static_cast<double>(n), p);
    EXPECT_NEAR(binomialLogLikelihood(counts(1, n, k), p), std::log(boost::math::pdf(bin, static_cast<double>(k))),
                1e-12);
  }
}

TEST(BlockLikelihoodTest, SquaredDevianceResidualIsTwiceTheLogLikelihoodGap) {
  // Deviance = 2 (ℓ(saturated) − ℓ(p)), the saturated model putting p at k/n.
  for (auto [n, k, p] : {std::tuple{100LL, 62LL, 0.7}, std::tuple{100LL, 62LL, 0.5}, std::tuple{30LL, 0LL, 0.2},
                         std::tuple{30LL, 30LL, 0.8}}) {
    const auto b = counts(1, n, k);
    const double saturated = binomialLogLikelihood(b, static_cast<double>(k) / static_cast<double>(n));
    const double r = devianceResidual(b, p);
    EXPECT_NEAR(r * r, 2.0 * (saturated - binomialLogLikelihood(b, p)), 1e-10);
    EXPECT_EQ(r > 0.0, static_cast<double>(k) > n * p);
  }
  EXPECT_NEAR(devianceResidual(counts(1, 10, 5), 0.5), 0.0, 1e-15);
}

TEST(BlockLikelihoodTest, PearsonGoodnessByHand) {
  const std::vector<BlockYield> b{counts(1, 100, 80), counts(2, 50, 33), counts(4, 25, 13), BlockYield{}};
  const std::vector<double> p{0.78, 0.64, 0.49, std::nan("")};
  const double x2 = std::pow(80 - 78.0, 2) / (100 * 0.78 * 0.22) + std::pow(33 - 32.0, 2) / (50 * 0.64 * 0.36) +
                    std::pow(13 - 12.25, 2) / (25 * 0.49 * 0.51);
  const auto g = pearsonGoodness(b, p, 2);  // the empty entry is not counted
  ASSERT_TRUE(g);
  EXPECT_NEAR(g->chiSquare, x2, 1e-12);
  EXPECT_EQ(g->degreesOfFreedom, 1);
  EXPECT_NEAR(g->pValue, boost::math::cdf(boost::math::complement(boost::math::chi_squared(1), x2)), 1e-14);
}

TEST(BlockLikelihoodTest, PearsonUndefinedWithoutDegreesOfFreedom) {
  const std::vector<BlockYield> b{counts(1, 100, 80), counts(2, 50, 33)};
  const std::vector<double> p{0.78, 0.64};
  EXPECT_FALSE(pearsonGoodness(b, p, 2));
  const std::vector<double> certain{1.0, 0.64};
  EXPECT_FALSE(pearsonGoodness(b, certain, 1));
}

}  // namespace
}  // namespace fab::yield

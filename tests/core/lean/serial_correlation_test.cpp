#include "core/lean/serial_correlation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace fab::lean {
namespace {

TEST(Autocorrelation, MatchesHandComputation) {
  // 1..5: deviations −2 −1 0 1 2, Σd² = 10; lag 1: Σ d_t d_{t+1} = 2 + 0 + 0 + 2 = 4; lag 2: 0 − 1 + 0 = −1.
  const std::vector<double> x = {1, 2, std::numeric_limits<double>::quiet_NaN(), 3, 4, 5};
  EXPECT_NEAR(autocorrelation(x, 1), 0.4, 1e-15);
  EXPECT_NEAR(autocorrelation(x, 2), -0.1, 1e-15);
  // An alternating series of n values: r1 = −(n − 1)/n.
  std::vector<double> alt(20);
  for (int i = 0; i < 20; ++i) alt[i] = i % 2 ? 1 : -1;
  EXPECT_NEAR(autocorrelation(alt, 1), -19.0 / 20.0, 1e-15);
  EXPECT_EQ(autocorrelation(std::vector<double>(5, 2.0), 1), 0);  // constant
}

TEST(LjungBox, MatchesHandComputationAndNeedsEightValues) {
  // n = 5 → h = 1: Q = 5·7·0.4²/4 = 1.4, p = P(χ²₁ > 1.4) = erfc(√0.7).
  const auto s = ljungBox(std::vector<double>{1, 2, 3, 4, 5});
  EXPECT_EQ(s.lags, 1u);
  EXPECT_NEAR(s.q, 1.4, 1e-12);
  EXPECT_NEAR(s.pValue, std::erfc(std::sqrt(0.7)), 1e-12);
  EXPECT_FALSE(s.autocorrelated);  // too few values to judge
}

TEST(LjungBox, HoldsItsSizeOnWhiteNoiseAndFindsAnAr1) {
  // Under independence the test rejects about alpha of the time; an AR(1) with φ = 0.6 and
  // n = 60 (r1 ≈ 0.6 against a standard error 1/√60 ≈ 0.13) is found about nine times in ten
  // (with h = 10 lags the lag-1 signal is shared with nine uninformative lags).
  std::mt19937_64 rng(3);
  std::normal_distribution<double> g;
  int white = 0, ar = 0;
  const int reps = 400;
  for (int r = 0; r < reps; ++r) {
    std::vector<double> e(60), a(60);
    double prev = 0;
    for (int t = 0; t < 60; ++t) {
      e[t] = g(rng);
      prev = 0.6 * prev + g(rng);
      a[t] = prev;
    }
    white += ljungBox(e).autocorrelated;
    ar += ljungBox(a).autocorrelated;
  }
  // Binomial(400, 0.05): sd 0.011, so [0.015, 0.085] is beyond ±3 sd.
  EXPECT_GT(white, 0.015 * reps);
  EXPECT_LT(white, 0.085 * reps);
  EXPECT_GT(ar, 0.85 * reps);
}

}  // namespace
}  // namespace fab::lean

// Anderson–Darling: the statistic against its other textbook form
// A² = −n − (1/n)·Σ [(2i − 1)·ln Fᵢ + (2n + 1 − 2i)·ln(1 − Fᵢ)] (Stephens 1974),
// and the D'Agostino–Stephens p-value pieces.
#include "core/spc/normality.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "core/common/error.h"

namespace fab::spc {
namespace {

double otherForm(std::vector<double> x) {
  std::sort(x.begin(), x.end());
  const double n = x.size();
  double mean = 0, ss = 0;
  for (double v : x) mean += v / n;
  for (double v : x) ss += (v - mean) * (v - mean);
  const double sd = std::sqrt(ss / (n - 1));
  double sum = 0;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    const double f = 0.5 * std::erfc(-(x[i - 1] - mean) / sd / std::sqrt(2.0));
    sum += (2.0 * i - 1) * std::log(f) + (2.0 * n + 1 - 2.0 * i) * std::log(1 - f);
  }
  return -n - sum / n;
}

TEST(AndersonDarling, StatisticMatchesTheOtherForm) {
  const std::vector<double> nist = {49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1};
  const auto t = andersonDarling(nist);
  EXPECT_NEAR(t.a2, otherForm(nist), 1e-12);
  EXPECT_NEAR(t.a2Adjusted, t.a2 * (1 + 0.075 + 0.0225), 1e-12);
  EXPECT_NEAR(t.pValue, andersonDarlingPValue(t.a2Adjusted), 1e-15);
}

TEST(AndersonDarling, PValuePiecesFromTable49) {
  EXPECT_NEAR(andersonDarlingPValue(1.0), std::exp(1.2937 - 5.709 + 0.0186), 1e-15);
  EXPECT_NEAR(andersonDarlingPValue(0.5), std::exp(0.9177 - 4.279 * 0.5 - 1.38 * 0.25), 1e-15);
  EXPECT_NEAR(andersonDarlingPValue(0.25), 1 - std::exp(-8.318 + 42.796 * 0.25 - 59.938 * 0.0625), 1e-15);
  EXPECT_NEAR(andersonDarlingPValue(0.1), 1 - std::exp(-13.436 + 10.114 - 2.2373), 1e-15);
  // The familiar 5 % critical value of A*² is 0.752.
  EXPECT_NEAR(andersonDarlingPValue(0.752), 0.05, 0.002);
}

TEST(AndersonDarling, SeparatesNormalFromSkewedSamples) {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> normal(10, 2);
  std::exponential_distribution<double> exponential(1.0);
  std::vector<double> a, b;
  for (int i = 0; i < 500; ++i) a.push_back(normal(rng)), b.push_back(exponential(rng));
  EXPECT_GT(andersonDarling(a).pValue, 0.01);
  EXPECT_LT(andersonDarling(b).pValue, 1e-6);
  EXPECT_NEAR(andersonDarling(b).a2, otherForm(b), 1e-9);
}

TEST(AndersonDarling, RefusesTooFewOrConstantValues) {
  EXPECT_THROW(andersonDarling(std::vector<double>{1, 2, 3, 4, 5, 6, 7}), Error);
  EXPECT_THROW(andersonDarling(std::vector<double>(10, 3.0)), Error);
}

}  // namespace
}  // namespace fab::spc

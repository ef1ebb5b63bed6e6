#include "core/lean/before_after.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "tests/support/temp_dir.h"

namespace fab::lean {
namespace {

TEST(WelchTest, NileSplitAt1899) {
  // Nile flow (Cobb 1978) split at the Aswan dam year 1899: reference README,
  // mean 1097.75 (n = 28) vs 849.97 (n = 72), Welch t = 8.415.
  const auto nile = io::CsvTable::read(test::referenceFile("nile.csv"));
  const auto years = nile.numbers("year"), flow = nile.numbers("volume");
  std::vector<double> before, after;
  for (std::size_t i = 0; i < years.size(); ++i) (years[i] < 1899 ? before : after).push_back(flow[i]);
  const auto w = welchTest(before, after);
  EXPECT_EQ(w.before.n, 28u);
  EXPECT_EQ(w.after.n, 72u);
  EXPECT_NEAR(w.before.mean, 1097.75, 1e-9);
  EXPECT_NEAR(w.after.mean, 849.9722222, 1e-6);
  EXPECT_NEAR(w.t, -8.4145164, 1e-6);  // after − before
  EXPECT_NEAR(w.df, 45.9905721, 1e-6);
  EXPECT_LT(w.pValue, 1e-9);
  // The interval is the difference ± t(0.975, df)·se, se = difference / t.
  const double q = boost::math::quantile(boost::math::complement(boost::math::students_t(w.df), 0.025));
  EXPECT_NEAR(w.ciHigh - w.difference, q * w.difference / w.t, 1e-9);
  EXPECT_LT(w.ciHigh, 0);
}

TEST(WelchTest, IgnoresNaNAndRefusesTooFewValues) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> a = {1, 2, nan, 3}, b = {2, 3, 4, nan};
  const auto w = welchTest(a, b);
  EXPECT_EQ(w.before.n, 3u);
  EXPECT_NEAR(w.difference, 1.0, 1e-12);
  EXPECT_NEAR(w.t, 1.0 / std::sqrt(2.0 / 3.0), 1e-12);
  EXPECT_THROW(welchTest(std::vector<double>{1}, b), Error);
  EXPECT_THROW(welchTest(std::vector<double>{1, 1}, std::vector<double>{2, 2}), Error);
}

TEST(BrownForsythe, MatchesHandComputation) {
  // Absolute deviations from the medians 3 and 2.5, one-way ANOVA by hand: F = 1.82431267.
  const std::vector<double> before = {1, 2, 3, 4, 10}, after = {2, 2, 3, 3, 2, 4};
  const auto t = brownForsythe(before, after);
  EXPECT_NEAR(t.f, 1.8243126736, 1e-9);
  EXPECT_EQ(t.df2, 9);
  // With one numerator degree of freedom, F = t² and p is the two-sided t(df2) tail.
  const double p = 2 * boost::math::cdf(boost::math::complement(boost::math::students_t(9), std::sqrt(t.f)));
  EXPECT_NEAR(t.pValue, p, 1e-12);
  EXPECT_LT(t.ratio, 1);
}

TEST(BrownForsythe, EqualSpreadsGiveNoEvidence) {
  const std::vector<double> a = {1, 2, 3}, b = {11, 12, 13};
  const auto t = brownForsythe(a, b);
  EXPECT_EQ(t.f, 0);
  EXPECT_EQ(t.pValue, 1);
}

TEST(BrownForsythe, ConstantDeviationsThatDifferGiveCertainty) {
  const std::vector<double> wide = {9, 11, 9, 11}, narrow = {9.5, 10.5, 9.5, 10.5};
  const auto t = brownForsythe(wide, narrow);
  EXPECT_TRUE(std::isinf(t.f));
  EXPECT_EQ(t.pValue, 0);
  EXPECT_DOUBLE_EQ(t.ratio, 0.5);
}

}  // namespace
}  // namespace fab::lean

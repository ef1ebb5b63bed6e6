#include "core/msa/kendall_w.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>

#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "tests/support/temp_dir.h"

namespace fab::msa {
namespace {

using ::testing::HasSubstr;

/// Independent route: Friedman's statistic with ties (Conover, Practical
/// Nonparametric Statistics, 3rd ed., §5.8), ranks counted pairwise in O(n²):
/// Q = (n−1) Σ (R_i − m(n+1)/2)² / (Σ r_ij² − m n (n+1)²/4), and W = Q / (m (n−1)).
double friedmanW(const Eigen::MatrixXd& x) {
  const Eigen::Index n = x.rows(), m = x.cols();
  std::vector<double> R(n, 0.0);
  double sumSquares = 0;
  for (Eigen::Index j = 0; j < m; ++j)
    for (Eigen::Index i = 0; i < n; ++i) {
      double below = 0, equal = 0;
      for (Eigen::Index k = 0; k < n; ++k) {
        below += x(k, j) < x(i, j);
        equal += x(k, j) == x(i, j);
      }
      const double rank = below + (equal + 1) / 2;
      R[i] += rank;
      sumSquares += rank * rank;
    }
  double s = 0;
  for (double r : R) s += std::pow(r - m * (n + 1) / 2.0, 2);
  const double q = (n - 1) * s / (sumSquares - m * n * std::pow(n + 1, 2) / 4.0);
  return q / (m * (n - 1));
}

Eigen::MatrixXd anxiety() {
  // 20 subjects rated 1–6 by 3 raters (reference/data/anxiety.csv, from R's irr package).
  const auto t = io::CsvTable::read(test::referenceFile("anxiety.csv"));
  Eigen::MatrixXd m(static_cast<Eigen::Index>(t.rowCount()), 3);
  for (int j = 0; j < 3; ++j) {
    const auto v = t.numbers(t.header()[j]);
    for (std::size_t i = 0; i < v.size(); ++i) m(static_cast<Eigen::Index>(i), j) = v[i];
  }
  return m;
}

TEST(KendallW, TieCorrectedWMatchesFriedmanOnAnxietyRatings) {
  const auto x = anxiety();
  const auto r = kendallW(x);
  EXPECT_EQ(r.subjects, 20);
  EXPECT_EQ(r.raters, 3);
  EXPECT_GT(r.ties, 0);
  EXPECT_NEAR(r.w, friedmanW(x), 1e-12);
  EXPECT_EQ(r.df, 19);
  EXPECT_NEAR(r.chiSquare, 3 * 19 * r.w, 1e-12);
  EXPECT_NEAR(r.pValue, boost::math::cdf(boost::math::complement(boost::math::chi_squared(19), r.chiSquare)), 1e-15);
  const auto uncorrected = kendallW(x, false);
  EXPECT_LT(uncorrected.w, r.w);  // the correction shrinks the denominator
}

TEST(KendallW, WithoutTiesWEqualsTheMeanSpearmanIdentity) {
  // Kendall (1948), §6.4: mean pairwise Spearman ρ̄ = (m W − 1)/(m − 1) for untied rankings.
  const Eigen::MatrixXd x = (Eigen::MatrixXd(6, 4) << 1, 2, 1, 3,  //
                             2, 1, 3, 1,                           //
                             3, 4, 2, 2,                           //
                             4, 3, 5, 6,                           //
                             5, 6, 4, 4,                           //
                             6, 5, 6, 5)
                                .finished();
  const auto r = kendallW(x);
  EXPECT_DOUBLE_EQ(r.ties, 0);
  double rho = 0;
  int pairs = 0;
  for (int a = 0; a < 4; ++a)
    for (int b = a + 1; b < 4; ++b, ++pairs) {
      double d2 = 0;
      for (int i = 0; i < 6; ++i) d2 += std::pow(x(i, a) - x(i, b), 2);
      rho += 1 - 6 * d2 / (6.0 * 35);
    }
  rho /= pairs;
  EXPECT_NEAR(r.w, (rho * 3 + 1) / 4, 1e-12);
}

TEST(KendallW, PerfectConcordanceAndMidranks) {
  const Eigen::MatrixXd same = (Eigen::MatrixXd(4, 3) << 1, 1, 1, 2, 2, 2, 2, 2, 2, 5, 5, 5).finished();
  EXPECT_NEAR(kendallW(same).w, 1.0, 1e-12);
  double ties = 0;
  EXPECT_EQ(midranks({3, 1, 3, 2, 3}, &ties), (std::vector<double>{4, 1, 4, 2, 4}));
  EXPECT_DOUBLE_EQ(ties, 24);  // one group of 3: 27 − 3
}

TEST(KendallW, BadInputIsRefusedWithAMessage) {
  EXPECT_THROW(kendallW(Eigen::MatrixXd::Ones(1, 3)), Error);
  EXPECT_THROW(kendallW(Eigen::MatrixXd::Ones(3, 1)), Error);
  Eigen::MatrixXd gap = Eigen::MatrixXd::Ones(3, 2);
  gap(1, 1) = std::nan("");
  EXPECT_THAT([&] { kendallW(gap); },
              ::testing::ThrowsMessage<Error>(HasSubstr("subject 2 has no rating from rater 2")));
  EXPECT_THAT([&] { kendallW(Eigen::MatrixXd::Ones(3, 2)); },
              ::testing::ThrowsMessage<Error>(HasSubstr("same rating")));
}

}  // namespace
}  // namespace fab::msa

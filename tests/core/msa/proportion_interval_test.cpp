#include "core/msa/proportion_interval.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/binomial.hpp>
#include <cmath>

#include "core/common/error.h"

namespace fab::msa {
namespace {

TEST(ClopperPearson, MatchesMinitabEssayExample) {
  // Minitab "Example of Attribute Agreement Analysis" (ESSAY.MTW), Each Appraiser vs
  // Standard, 15 essays: 8 → (26.59, 78.73), 13 → (59.54, 98.34), 14 → (68.05, 99.83).
  struct Case {
    int x;
    double low, high;
  };
  for (const auto& c : {Case{8, 26.59, 78.73}, Case{13, 59.54, 98.34}, Case{14, 68.05, 99.83}}) {
    const auto r = clopperPearson(c.x, 15, 0.95);
    EXPECT_NEAR(100 * r.low, c.low, 5e-3) << c.x;
    EXPECT_NEAR(100 * r.high, c.high, 5e-3) << c.x;
  }
  // 15 of 15: Minitab prints (81.90, 100.00), its one-sided bound at the boundary.
  const auto all = clopperPearson(15, 15, 0.95, BoundaryConvention::OneSidedAtBoundary);
  EXPECT_NEAR(100 * all.low, 81.90, 5e-3);
  EXPECT_DOUBLE_EQ(all.high, 1.0);
}

TEST(ClopperPearson, BoundsSolveTheBinomialTailEquations) {
  // Clopper & Pearson (1934): P(X ≥ x | p_low) = α/2 and P(X ≤ x | p_high) = α/2.
  for (int n : {1, 7, 30, 200})
    for (int x = 1; x < n; x += std::max(1, n / 5)) {
      const auto r = clopperPearson(x, n, 0.90);
      using boost::math::binomial;
      EXPECT_NEAR(boost::math::cdf(boost::math::complement(binomial(n, r.low), x - 1)), 0.05, 1e-9) << n << " " << x;
      EXPECT_NEAR(boost::math::cdf(binomial(n, r.high), x), 0.05, 1e-9) << n << " " << x;
      EXPECT_DOUBLE_EQ(r.estimate, static_cast<double>(x) / n);
    }
}

TEST(ClopperPearson, BoundaryClosedForms) {
  const auto none = clopperPearson(0, 20, 0.95);
  EXPECT_DOUBLE_EQ(none.low, 0.0);
  EXPECT_NEAR(none.high, 1 - std::pow(0.025, 1.0 / 20), 1e-12);
  const auto all = clopperPearson(20, 20, 0.95);
  EXPECT_NEAR(all.low, std::pow(0.025, 1.0 / 20), 1e-12);
  EXPECT_DOUBLE_EQ(all.high, 1.0);
  const auto noneOneSided = clopperPearson(0, 20, 0.95, BoundaryConvention::OneSidedAtBoundary);
  EXPECT_NEAR(noneOneSided.high, 1 - std::pow(0.05, 1.0 / 20), 1e-12);
  const auto single = clopperPearson(1, 1, 0.95);
  EXPECT_NEAR(single.low, 0.025, 1e-12);
}

TEST(ClopperPearson, BadArgumentsAreRefused) {
  EXPECT_THROW(clopperPearson(0, 0), Error);
  EXPECT_THROW(clopperPearson(5, 4), Error);
  EXPECT_THROW(clopperPearson(-1, 4), Error);
  EXPECT_THROW(clopperPearson(1, 4, 0.0), Error);
}

}  // namespace
}  // namespace fab::msa

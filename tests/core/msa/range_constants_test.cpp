#include "core/msa/range_constants.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/common/error.h"

namespace fab::msa {
namespace {

TEST(RangeConstants, ClosedFormsForTwo) {
  // W = |X1 − X2| ~ |N(0, 2)|: E W = 2/√π, E W² = 2.
  EXPECT_NEAR(rangeD2(2), 2 / std::sqrt(std::numbers::pi), 1e-12);
  EXPECT_NEAR(rangeD3(2), std::sqrt(2 - 4 / std::numbers::pi), 1e-11);
  EXPECT_NEAR(rangeD2StarOneSubgroup(2), std::sqrt(2.0), 1e-11);
}

TEST(RangeConstants, MatchTheControlChartTable) {
  // reference/README.md (NIST §6.3.2, ASTM E2587), n = 2 … 10, four decimals.
  const double d2[] = {1.1284, 1.6926, 2.0588, 2.3259, 2.5344, 2.7044, 2.8472, 2.9700, 3.0775};
  const double d3[] = {0.8525, 0.8884, 0.8798, 0.8641, 0.8480, 0.8332, 0.8198, 0.8078, 0.7971};
  for (int n = 2; n <= 10; ++n) {
    EXPECT_NEAR(rangeD2(n), d2[n - 2], 5e-5) << n;
    EXPECT_NEAR(rangeD3(n), d3[n - 2], 5e-5) << n;
  }
}

TEST(RangeConstants, D2StarMatchesAiagAppendixC) {
  // AIAG MSA 4th ed., Appendix C, d2* for g = 1 subgroup of size m = 2 … 10 (five decimals).
  const double table[] = {1.41421, 1.91155, 2.23887, 2.48124, 2.67253, 2.82981, 2.96288, 3.07794, 3.17905};
  for (int m = 2; m <= 10; ++m) EXPECT_NEAR(rangeD2StarOneSubgroup(m), table[m - 2], 2e-5) << m;
  // The K factors of the AIAG 10 × 3 × 3 example.
  EXPECT_NEAR(1 / rangeD2(3), 0.5908, 5e-5);
  EXPECT_NEAR(1 / rangeD2StarOneSubgroup(3), 0.5231, 5e-5);
  EXPECT_NEAR(1 / rangeD2StarOneSubgroup(10), 0.3146, 5e-5);
}

TEST(RangeConstants, SubgroupsSmallerThanTwoAreRefused) {
  EXPECT_THROW(rangeD2(1), Error);
  EXPECT_THROW(rangeD3(0), Error);
  EXPECT_THROW(rangeD2StarOneSubgroup(1), Error);
}

}  // namespace
}  // namespace fab::msa

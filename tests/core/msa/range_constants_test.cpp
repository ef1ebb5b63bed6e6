#include "core/msa/range_constants.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/common/error.h"
#include "core/spc/constants.h"

namespace fab::msa {
namespace {

TEST(RangeConstants, ClosedFormForTwo) {
  // W = |X1 − X2| ~ |N(0, 2)|: E W² = 2.
  EXPECT_NEAR(rangeD2StarOneSubgroup(2), std::sqrt(2.0), 1e-10);
}

TEST(RangeConstants, D2StarMatchesAiagAppendixC) {
  // AIAG MSA 4th ed., Appendix C, d2* for g = 1 subgroup of size m = 2 … 10 (five decimals).
  const double table[] = {1.41421, 1.91155, 2.23887, 2.48124, 2.67253, 2.82981, 2.96288, 3.07794, 3.17905};
  for (int m = 2; m <= 10; ++m) EXPECT_NEAR(rangeD2StarOneSubgroup(m), table[m - 2], 2e-5) << m;
  // The K factors of the AIAG 10 × 3 × 3 example.
  EXPECT_NEAR(1 / spc::d2(3), 0.5908, 5e-5);  // K1 (d2 from core/spc/constants.h)
  EXPECT_NEAR(1 / rangeD2StarOneSubgroup(3), 0.5231, 5e-5);
  EXPECT_NEAR(1 / rangeD2StarOneSubgroup(10), 0.3146, 5e-5);
}

TEST(RangeConstants, SubgroupsSmallerThanTwoAreRefused) { EXPECT_THROW(rangeD2StarOneSubgroup(1), Error); }

}  // namespace
}  // namespace fab::msa

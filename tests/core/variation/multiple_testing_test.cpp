#include "core/variation/multiple_testing.h"

#include <gtest/gtest.h>

#include <cmath>

namespace fab::variation {
namespace {

// p = {0.01, 0.04, 0.03, 0.005, 0.2, 0.04}, m = 6, by hand.
// BH: sorted 0.005 0.01 0.03 0.04 0.04 0.2 → m p/i = 0.03 0.03 0.06 0.06 0.048 0.2,
//     running minimum from the top: 0.03 0.03 0.048 0.048 0.048 0.2.
// Holm: (m − i + 1) p = 0.03 0.05 0.12 0.12 0.08 0.2, running maximum: 0.03 0.05 0.12 0.12 0.12 0.2.
const std::vector<double> kP = {0.01, 0.04, 0.03, 0.005, 0.2, 0.04};

TEST(MultipleTesting, BenjaminiHochbergByHand) {
  const auto q = benjaminiHochberg(kP);
  const std::vector<double> expected = {0.03, 0.048, 0.048, 0.03, 0.2, 0.048};
  for (std::size_t i = 0; i < q.size(); ++i) EXPECT_NEAR(q[i], expected[i], 1e-15) << i;
}

TEST(MultipleTesting, HolmByHand) {
  const auto q = holm(kP);
  const std::vector<double> expected = {0.05, 0.12, 0.12, 0.03, 0.2, 0.12};
  for (std::size_t i = 0; i < q.size(); ++i) EXPECT_NEAR(q[i], expected[i], 1e-15) << i;
}

TEST(MultipleTesting, NanIsLeftOutAndCapped) {
  const std::vector<double> p = {0.6, std::nan(""), 0.9};
  const auto q = benjaminiHochberg(p);
  EXPECT_TRUE(std::isnan(q[1]));
  EXPECT_NEAR(q[0], 0.9, 1e-15);  // min(2 × 0.6 / 1, 0.9)
  EXPECT_NEAR(q[2], 0.9, 1e-15);
  EXPECT_EQ(holm(p)[0], 1.0);
}

}  // namespace
}  // namespace fab::variation

// MEWMA: the limit for an in-control ARL against published ones (Rigdon 1995,
// J. Stat. Comput. Simul. 52:351, Table 1: p = 4, λ = 0.25, ARL0 = 500 →
// h = 16.38; Knoth 2017, J. Quality Technology 49:78, Table 2: p = 3,
// ARL0 = 1000, λ = 0.25 … 0.05 → 15.82, 15.62, 15.31, 14.76, 13.60, as quoted
// by the R package spc's mewma.crit examples), λ = 1 against the χ² tail,
// and the statistic against its recursion written out.
#include "core/spc/mewma.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"

namespace fab::spc {
namespace {

// The tables print two decimals.
TEST(Mewma, LimitMatchesRigdon) { EXPECT_NEAR(mewmaLimitForArl(4, 0.25, 500), 16.38, 0.006); }

TEST(Mewma, LimitMatchesKnoth) {
  const double lambda[] = {0.25, 0.2, 0.15, 0.1, 0.05}, h[] = {15.82, 15.62, 15.31, 14.76, 13.60};
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(mewmaLimitForArl(3, lambda[i], 1000), h[i], 0.006) << lambda[i];
}

// λ = 1: each point is an independent χ²(p) draw; ARL = 1/P(χ²₂ > h) = e^(h/2).
TEST(Mewma, WeightOneArlIsTheChiSquareTail) { EXPECT_NEAR(mewmaInControlArl(2, 1, 10), std::exp(5.0), 1e-9); }

TEST(Mewma, StatisticFollowsTheRecursion) {
  Eigen::MatrixXd x(6, 2);
  x << 1, 3, 2, 2, 3, 5, 4, 4, 5, 6, 9, 9;
  T2Options o;
  o.phaseOne = {{0, 4}};
  const auto t2 = hotellingT2(x, nullptr, {"a", "b"}, o);
  MewmaOptions mo;
  mo.lambda = 0.2;
  mo.h = 5;
  const auto m = mewma(t2, mo);
  // Centre (3, 4), S⁻¹ = 4/36·[[10,−8],[−8,10]] (see hotelling_t2_test).
  double z1 = 0, z2 = 0;
  for (int i = 0; i < 6; ++i) {
    z1 = 0.2 * (x(i, 0) - 3) + 0.8 * z1;
    z2 = 0.2 * (x(i, 1) - 4) + 0.8 * z2;
    const double q = 4.0 / 36.0 * (10 * z1 * z1 - 16 * z1 * z2 + 10 * z2 * z2);
    EXPECT_NEAR(m.statistic[i], (2 - 0.2) / 0.2 * q, 1e-12) << i;
  }
  EXPECT_EQ(m.hSource, "given");
  ASSERT_FALSE(m.outOfControl.empty());
  EXPECT_EQ(m.outOfControl.back(), 5u);
}

// λ = 1 makes the MEWMA the T² chart itself.
TEST(Mewma, WeightOneIsTheT2Chart) {
  Eigen::MatrixXd x(6, 2);
  x << 1, 3, 2, 2, 3, 5, 4, 4, 5, 6, 9, 9;
  const auto t2 = hotellingT2(x, nullptr, {"a", "b"});
  MewmaOptions mo;
  mo.lambda = 1;
  mo.h = 10;
  const auto m = mewma(t2, mo);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_NEAR(m.statistic[i], t2.statistic[i], 1e-12);
}

TEST(Mewma, RefusesBadOptions) {
  MewmaOptions o;
  o.lambda = 0;
  EXPECT_THROW(o.validate(), Error);
  o.lambda = 0.1;
  o.h = -1;
  EXPECT_THROW(o.validate(), Error);
}

}  // namespace
}  // namespace fab::spc

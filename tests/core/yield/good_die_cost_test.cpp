// Good dies per wafer and cost per good die.
#include "core/yield/good_die_cost.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "core/yield/yield_model.h"

namespace fab::yield {
namespace {

TEST(GoodDieCostTest, FlynnExampleWithPoissonYield) {
  // 130 dies of 2.3 cm² (Flynn's count for a 21 cm wafer, reference README) at
  // D0 = 0.5 cm⁻² (Poisson) on a wafer costing 5000.
  const double y = modelYield(YieldModel::Poisson, 2.3, 0.5);
  const auto c = goodDieCost(130, y, 5000.0);
  EXPECT_NEAR(c.goodDiesPerWafer, 130 * std::exp(-1.15), 1e-12);
  EXPECT_NEAR(c.costPerGoodDie, 5000.0 / (130 * std::exp(-1.15)), 1e-10);
}

TEST(GoodDieCostTest, NoWaferCostLeavesCostUnset) {
  const auto c = goodDieCost(314, 0.8);
  EXPECT_NEAR(c.goodDiesPerWafer, 251.2, 1e-12);
  EXPECT_TRUE(std::isnan(c.costPerGoodDie));
  EXPECT_EQ(goodDieCost(0, 0.0).goodDiesPerWafer, 0.0);
}

TEST(GoodDieCostTest, RefusesUnboundedOrBadInput) {
  EXPECT_THROW(goodDieCost(100, 0.0, 1000.0), Error);
  EXPECT_THROW(goodDieCost(-1, 0.5), Error);
  EXPECT_THROW(goodDieCost(100, 1.5), Error);
  EXPECT_THROW(goodDieCost(100, 0.5, -3.0), Error);
}

}  // namespace
}  // namespace fab::yield

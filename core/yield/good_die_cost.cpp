#include "core/yield/good_die_cost.h"

#include <cmath>
#include <string>

#include "core/common/error.h"

namespace fab::yield {

GoodDieCost goodDieCost(double diesPerWafer, double yield, double waferCost) {
  if (!(diesPerWafer >= 0.0) || !std::isfinite(diesPerWafer))
    throw Error("the dies per wafer must be a non-negative number");
  if (!(yield >= 0.0 && yield <= 1.0)) throw Error("the die yield must be a fraction in [0, 1]");
  GoodDieCost out;
  out.diesPerWafer = diesPerWafer;
  out.yield = yield;
  out.goodDiesPerWafer = diesPerWafer * yield;
  if (std::isnan(waferCost)) return out;
  if (!(waferCost >= 0.0) || !std::isfinite(waferCost)) throw Error("the wafer cost must be a non-negative number");
  if (!(out.goodDiesPerWafer > 0.0))
    throw Error("no good die is expected per wafer (" + std::to_string(diesPerWafer) + " dies at yield " +
                std::to_string(yield) + "): the cost per good die is unbounded");
  out.costPerGoodDie = waferCost / out.goodDiesPerWafer;
  return out;
}

}  // namespace fab::yield

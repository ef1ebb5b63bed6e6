#include "core/lean/pull_loop.h"

#include <cmath>
#include <string>

#include "core/common/error.h"

namespace fab::lean {

CardCount cardCount(double demand, double leadTime, double safety, double containerSize, double availableTime) {
  if (!(demand > 0)) throw Error("demand must be positive");
  if (!(leadTime > 0)) throw Error("lead time must be positive");
  if (!(safety >= 0)) throw Error("the safety factor must be zero or positive");
  if (!(containerSize > 0)) throw Error("the container size must be positive");
  CardCount c;
  c.exact = demand * leadTime * (1 + safety) / containerSize;
  // A tolerance keeps 5.0000000001 (rounding noise) from becoming 6 cards.
  c.cards = static_cast<int>(std::ceil(c.exact - 1e-9));
  if (availableTime > 0) c.takt = availableTime / demand;
  return c;
}

}  // namespace fab::lean

#pragma once
// Sizing a kanban pull loop for consumables and spares.
namespace fab::lean {

/// Toyota's card count N = ⌈D·L·(1+α)/C⌉ (Monden, Toyota Production System,
/// ch. 2): D demand per unit time, L replenishment lead time in the same unit,
/// α safety factor, C container size. `exact` is the value before rounding up.
struct CardCount {
  double exact = 0;
  int cards = 0;
  double takt = 0;  ///< available time per unit of demand, when available time is given
};
CardCount cardCount(double demand, double leadTime, double safety, double containerSize, double availableTime = 0);

}  // namespace fab::lean

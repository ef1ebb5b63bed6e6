#pragma once
// The die grid a lot's wafer maps are drawn and overlaid on, as the wafer-map
// view, the product view, `fabkit-cli wafer` and `fabkit-cli killer` use it
// (docs/ARCHITECTURE.md §2: one function decides the die grid). The product's
// layout; or, when more than half of the lot's sort results fall off its die
// grid (the product's origin die is not where the sort maps put it), the grid
// centred on the sort results' index range, with a note saying so. Decided
// per lot, so a lot's wafers share one grid wherever they are shown.
#include <span>
#include <string>

#include "core/store/dies.h"
#include "core/wafer/wafer_layout.h"

namespace fab::analysis {

struct DieGridInForce {
  wafer::WaferLayout layout;
  std::string note;  ///< why the product's grid was moved ("" when it was not)
};

/// `lotWafers`: the sort results of one lot (any number of its wafers gives the same grid only when
/// all are given: pass the whole lot).
DieGridInForce dieGridInForce(const wafer::WaferLayout& product, std::span<const store::WaferDies> lotWafers);

}  // namespace fab::analysis

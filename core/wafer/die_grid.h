#pragma once
// The die grid of a wafer layout: which dies are complete (inside the usable
// radius), partial (touching the wafer but not complete) or off the wafer.
#include <map>
#include <string_view>
#include <vector>

#include "core/wafer/die_frame.h"
#include "core/wafer/wafer_layout.h"

namespace fab::wafer {

enum class DieState { Complete, Partial, OffWafer };
std::string_view dieStateName(DieState state);

/// State of a die (its die area, without scribe) centred at `centreInView`:
/// complete when its four corners lie within the usable radius (wafer radius
/// less the edge exclusion), partial when it overlaps the wafer disc
/// otherwise, off-wafer when it does not overlap it. The notch is not cut out.
DieState dieState(const WaferLayout& layout, WaferPoint centreInView);

struct GridDie {
  DieIndex index;  ///< in the product's die frame
  DieState state = DieState::OffWafer;
  WaferPoint centre;  ///< centre of the die in the product view (µm)
};

struct DieGrid {
  WaferLayout layout;
  DieFrame frame;
  /// Every die that touches the wafer (complete and partial), row by row in the view from the top.
  std::vector<GridDie> dies;
  int completeCount = 0, partialCount = 0;

  /// The die at an index, or nullptr when it is off the wafer.
  const GridDie* find(DieIndex index) const;
  DieState stateOf(DieIndex index) const;

  std::map<DieIndex, std::size_t> lookup;  ///< index → position in `dies`
};

/// Distance of a die's cell centre from the wafer centre as a fraction of the
/// wafer radius (0 = centre, 1 = the wafer's edge; beyond 1 off the wafer), the
/// die numbered in the layout's die frame. The yield-loss Pareto cuts its
/// center, middle and edge zones by it.
double radiusFraction(const WaferLayout& layout, DieIndex die);

/// Builds the grid; validates the layout first (fab::Error on a bad layout).
DieGrid buildDieGrid(const WaferLayout& layout);
/// The number of complete dies of a layout, as placed (no grid kept).
int countCompleteDies(const WaferLayout& layout);

}  // namespace fab::wafer

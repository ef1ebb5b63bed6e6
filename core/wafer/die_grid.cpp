#include "core/wafer/die_grid.h"

#include <algorithm>
#include <cmath>

namespace fab::wafer {
namespace {

/// Calls fn(index, centreInView) for every cell whose die could touch the wafer disc.
template <typename Fn>
void forEachCandidate(const WaferLayout& layout, const DieFrame& frame, Fn&& fn) {
  const double r = layout.radiusUm();
  const double halfW = layout.dieWidthUm / 2, halfH = layout.dieHeightUm / 2;
  // View x of column i: die0X + i·px; view y of row j: die0Y ± j·py (+ when rows count up).
  const int iLo = static_cast<int>(std::ceil((-r - halfW - frame.die0XUm) / frame.pitchXUm));
  const int iHi = static_cast<int>(std::floor((r + halfW - frame.die0XUm) / frame.pitchXUm));
  const int jA = static_cast<int>(std::ceil((-r - halfH - frame.die0YUm) / frame.pitchYUm));
  const int jB = static_cast<int>(std::floor((r + halfH - frame.die0YUm) / frame.pitchYUm));
  // Rows from the top of the view down.
  for (int step = 0; step <= jB - jA; ++step) {
    const int rowUpIndex = jB - step;  // counts up in view y
    const int j = frame.yUp ? rowUpIndex : -rowUpIndex;
    for (int i = iLo; i <= iHi; ++i) {
      const DieIndex index{i, j};
      fn(index, cellCentreInView(frame, index));
    }
  }
}

}  // namespace

std::string_view dieStateName(DieState state) {
  switch (state) {
    case DieState::Complete:
      return "complete";
    case DieState::Partial:
      return "partial";
    case DieState::OffWafer:
      return "off-wafer";
  }
  return "off-wafer";
}

DieState dieState(const WaferLayout& layout, WaferPoint c) {
  const double halfW = layout.dieWidthUm / 2, halfH = layout.dieHeightUm / 2;
  const double farX = std::abs(c.x) + halfW, farY = std::abs(c.y) + halfH;
  const double usable = layout.usableRadiusUm();
  if (farX * farX + farY * farY <= usable * usable) return DieState::Complete;
  const double nearX = std::max(0.0, std::abs(c.x) - halfW), nearY = std::max(0.0, std::abs(c.y) - halfH);
  const double r = layout.radiusUm();
  return nearX * nearX + nearY * nearY < r * r ? DieState::Partial : DieState::OffWafer;
}

const GridDie* DieGrid::find(DieIndex index) const {
  auto it = lookup.find(index);
  return it == lookup.end() ? nullptr : &dies[it->second];
}

DieState DieGrid::stateOf(DieIndex index) const {
  const GridDie* d = find(index);
  return d ? d->state : DieState::OffWafer;
}

double radiusFraction(const WaferLayout& layout, DieIndex die) {
  // The view is the wafer frame turned by quarter turns: distances from the centre are the same in both.
  const WaferPoint c = cellCentreInView(productDieFrame(layout), die);
  return std::hypot(c.x, c.y) / layout.radiusUm();
}

DieGrid buildDieGrid(const WaferLayout& layout) {
  layout.validate();
  DieGrid grid;
  grid.layout = layout;
  grid.frame = productDieFrame(layout);
  forEachCandidate(layout, grid.frame, [&](DieIndex index, WaferPoint centre) {
    const DieState state = dieState(layout, centre);
    if (state == DieState::OffWafer) return;
    grid.lookup.emplace(index, grid.dies.size());
    grid.dies.push_back({index, state, centre});
    (state == DieState::Complete ? grid.completeCount : grid.partialCount) += 1;
  });
  return grid;
}

int countCompleteDies(const WaferLayout& layout) {
  layout.validate();
  int count = 0;
  forEachCandidate(layout, productDieFrame(layout),
                   [&](DieIndex, WaferPoint centre) { count += dieState(layout, centre) == DieState::Complete; });
  return count;
}

}  // namespace fab::wafer

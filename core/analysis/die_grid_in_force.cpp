#include "core/analysis/die_grid_in_force.h"

#include <algorithm>
#include <cmath>

#include "core/wafer/die_grid.h"

namespace fab::analysis {

DieGridInForce dieGridInForce(const wafer::WaferLayout& layout, std::span<const store::WaferDies> wafers) {
  const auto grid = wafer::buildDieGrid(layout);
  std::size_t total = 0, off = 0;
  int minX = 0, maxX = 0, minY = 0, maxY = 0;
  for (const auto& w : wafers)
    for (const auto& d : w.dies) {
      minX = total == 0 ? d.x : std::min(minX, d.x);
      maxX = total == 0 ? d.x : std::max(maxX, d.x);
      minY = total == 0 ? d.y : std::min(minY, d.y);
      maxY = total == 0 ? d.y : std::max(maxY, d.y);
      ++total;
      off += grid.find({d.x, d.y}) ? 0 : 1;
    }
  if (2 * off <= total) return {layout, {}};
  // Centre the index range: its middle (a die, or the corner between two) at the wafer centre.
  DieGridInForce out{layout, {}};
  auto& fitted = out.layout;
  const double cx = (minX + maxX) / 2.0, cy = (minY + maxY) / 2.0;
  fitted.originDieX = static_cast<int>(std::floor(cx));
  fitted.originDieY = static_cast<int>(std::floor(cy));
  fitted.gridOffsetXUm = (fitted.originDieX - cx) * layout.pitchXUm();
  fitted.gridOffsetYUm = (fitted.originDieY - cy) * layout.pitchYUm() * (layout.yUp ? 1 : -1);
  out.note = std::to_string(off) + " of " + std::to_string(total) +
             " sort results lie off the product's die grid (origin die " + std::to_string(layout.originDieX) + ", " +
             std::to_string(layout.originDieY) + " at the wafer centre); the grid is centred on the sort maps' dies "
             "instead.";
  return out;
}

}  // namespace fab::analysis

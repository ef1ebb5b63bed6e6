#include "core/wafer/dies_per_wafer.h"

#include <cmath>
#include <numbers>

#include "core/common/error.h"
#include "core/wafer/die_grid.h"

namespace fab::wafer {
namespace {

void checkInputs(double d, double s) {
  if (!(d > 0) || !(s > 0) || !std::isfinite(d) || !std::isfinite(s))
    throw Error("dies-per-wafer estimates need a positive wafer diameter and die area");
}

}  // namespace

double classicDiesPerWafer(double d, double s) {
  checkInputs(d, s);
  return std::numbers::pi * d * d / (4 * s) - std::numbers::pi * d / std::sqrt(2 * s);
}

double flynnDiesPerWafer(double d, double s) {
  checkInputs(d, s);
  const double shrunk = std::max(0.0, d - std::sqrt(s));
  return std::numbers::pi * shrunk * shrunk / (4 * s);
}

DiesPerWafer diesPerWafer(const WaferLayout& layout) {
  layout.validate();
  DiesPerWafer out;
  out.usableDiameterMm = layout.diameterMm - 2 * layout.edgeExclusionMm;
  out.dieAreaMm2 = layout.pitchXUm() * layout.pitchYUm() / 1e6;
  out.classicEstimate = classicDiesPerWafer(out.usableDiameterMm, out.dieAreaMm2);
  out.flynnEstimate = flynnDiesPerWafer(out.usableDiameterMm, out.dieAreaMm2);
  const double hx = layout.pitchXUm() / 2, hy = layout.pitchYUm() / 2;
  const struct {
    const char* name;
    double x, y;
  } shifts[] = {
      {"die centred", 0, 0}, {"column edge centred", hx, 0}, {"row edge centred", 0, hy}, {"corner centred", hx, hy}};
  for (const auto& s : shifts) {
    WaferLayout placed = layout;
    placed.gridOffsetXUm = s.x;
    placed.gridOffsetYUm = s.y;
    placed.originDieX = placed.originDieY = 0;
    const DieGrid grid = buildDieGrid(placed);
    out.placements.push_back({s.name, s.x, s.y, grid.completeCount, grid.partialCount});
    if (grid.completeCount > out.exact || out.bestPlacement.empty()) {
      out.exact = grid.completeCount;
      out.bestPlacement = s.name;
    }
  }
  return out;
}

}  // namespace fab::wafer

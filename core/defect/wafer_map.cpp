#include "core/defect/wafer_map.h"

#include <cmath>

namespace fab::defect {

WaferMap buildWaferMap(const wafer::WaferLayout& layout, std::span<const store::Die> dies,
                       std::span<const store::Defect> defects, const InspectedDies& inspected) {
  const wafer::DieGrid grid = wafer::buildDieGrid(layout);
  WaferMap map;
  map.layout = layout;
  map.inspected = inspected;
  for (const auto& d : grid.dies) map.dies.push_back({d.index, d.state, d.centre, std::nullopt, std::nullopt});
  for (const auto& d : dies) {
    ++map.tested;
    map.passed += d.pass;
    const auto it = grid.lookup.find({d.x, d.y});
    if (it != grid.lookup.end()) {
      map.dies[it->second].bin = d.bin;
      map.dies[it->second].pass = d.pass;
    } else {
      const auto centre = wafer::cellCentreInView(grid.frame, {d.x, d.y});
      map.dies.push_back({{d.x, d.y}, wafer::DieState::OffWafer, centre, d.bin, d.pass});
    }
  }
  for (auto& d : map.dies) d.inspected = inspected.contains(d.index);
  const double r = layout.radiusUm();
  for (const auto& f : defects) {
    WaferMapDefect m;
    m.defectId = f.defectId;
    m.position = {f.xUm, f.yUm};
    m.view = wafer::toView(layout.notch, m.position);
    m.die = wafer::locate(grid.frame, m.position).die;
    m.sizeUm = f.sizeUm;
    m.defectClass = f.defectClass;
    map.defectsOffWafer += std::hypot(f.xUm, f.yUm) > r;
    map.defects.push_back(m);
  }
  return map;
}

}  // namespace fab::defect

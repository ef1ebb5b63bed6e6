#include "core/defect/inspected_dies.h"

#include <string_view>

namespace fab::defect {

InspectedDies inspectedDies(std::span<const store::Inspection> inspections, const wafer::DieFrame& product,
                            std::span<const store::Defect> defects) {
  InspectedDies out;
  std::set<std::string_view> recorded;
  for (const auto& i : inspections) recorded.insert(i.layer);
  for (const auto& f : defects)
    if (!recorded.count(f.layer)) return out;  // a layer inspected without a record: the whole wafer
  if (inspections.empty()) return out;
  for (const auto& i : inspections)
    if (i.wholeWafer) {
      out.coverage = InspectedDies::Coverage::WholeWafer;
      return out;
    }
  out.coverage = InspectedDies::Coverage::SamplePlan;
  for (const auto& i : inspections)
    for (const auto& d : i.dies) out.dies.insert(wafer::locate(product, {d.xUm, d.yUm}).die);
  return out;
}

WaferKillInput overlayWafer(int waferKey, const wafer::DieFrame& product, std::span<const store::Die> dies,
                            std::span<const store::Defect> defects, std::span<const store::Inspection> inspections) {
  WaferKillInput out;
  out.inspected = inspectedDies(inspections, product, defects);
  out.dies.reserve(dies.size());
  for (const auto& d : dies) out.dies.push_back({waferKey, {d.x, d.y}, d.pass, out.inspected.contains({d.x, d.y})});
  out.defects.reserve(defects.size());
  for (const auto& f : defects)
    out.defects.push_back({waferKey, wafer::locate(product, {f.xUm, f.yUm}).die, f.sizeUm, f.defectClass});
  return out;
}

}  // namespace fab::defect

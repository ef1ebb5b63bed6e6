#include "core/defect/klarf_overlay.h"

#include <algorithm>
#include <cmath>

namespace fab::defect {

std::vector<PlacedDefect> placeKlarfDefects(const KlarfWafer& w) {
  std::vector<PlacedDefect> out;
  out.reserve(w.defects.size());
  for (std::size_t i = 0; i < w.defects.size(); ++i) {
    const KlarfDefect& d = w.defects[i];
    PlacedDefect p;
    const double id = w.value(d, "DEFECTID");
    p.defectId = std::isfinite(id) ? static_cast<std::int64_t>(id) : static_cast<std::int64_t>(i + 1);
    p.klarfDie = {static_cast<int>(w.value(d, "XINDEX")), static_cast<int>(w.value(d, "YINDEX"))};
    p.position = wafer::klarfToWafer(w.placement, {p.klarfDie, w.value(d, "XREL"), w.value(d, "YREL")});
    const double dsize = w.value(d, "DSIZE"), xs = w.value(d, "XSIZE"), ys = w.value(d, "YSIZE");
    p.sizeUm = std::isfinite(dsize)                     ? dsize
               : std::isfinite(xs) && std::isfinite(ys) ? std::max(xs, ys)
               : std::isfinite(xs)                      ? xs
                                                        : ys;
    const double cls = w.value(d, "CLASSNUMBER");
    p.defectClass = std::isfinite(cls) ? static_cast<int>(cls) : 0;
    p.line = d.line;
    out.push_back(p);
  }
  return out;
}

std::vector<PlannedDie> placeTestPlan(const KlarfWafer& w) {
  std::vector<PlannedDie> out;
  if (w.sampleTestPlan.empty()) return out;
  const wafer::DieFrame klarf = wafer::klarfDieFrame(w.placement);
  for (const auto& d : w.sampleTestPlan) out.push_back({d, wafer::dieCentre(klarf, d)});
  return out;
}

std::vector<wafer::DieIndex> testPlanInProductFrame(const KlarfWafer& w, const wafer::DieFrame& product) {
  const wafer::DieFrame klarf = wafer::klarfDieFrame(w.placement);
  std::vector<wafer::DieIndex> out;
  for (const auto& d : w.sampleTestPlan) out.push_back(wafer::convertDie(klarf, product, d));
  return out;
}

std::size_t gridMismatches(const KlarfWafer& w, const wafer::DieFrame& product) {
  const wafer::DieFrame klarf = wafer::klarfDieFrame(w.placement);
  std::size_t bad = 0;
  for (const auto& p : placeKlarfDefects(w))
    bad += wafer::convertDie(klarf, product, p.klarfDie) != productDie(product, p);
  return bad;
}

}  // namespace fab::defect

// The overview's lot lines: die yield per lot from the workspace's die maps,
// with the worst wafer, the fail bin and the wafer zone that lose most
// (core/yield/yield_pareto.h: bins by failed dies, zones of equal area).
#include <algorithm>
#include <cmath>
#include <map>

#include "core/analysis/overview.h"
#include "core/store/dies.h"
#include "core/yield/workspace_sort.h"
#include "core/yield/yield_pareto.h"

namespace fab::analysis {

std::vector<LotYieldLine> lotYields(store::Database& db) {
  const auto dies = store::loadDies(db);
  const auto layouts = yield::productLayouts(db, dies);
  // loadDies orders by lot and wafer: each lot is one run of wafers.
  std::vector<LotYieldLine> lines;
  for (std::size_t first = 0; first < dies.size();) {
    std::size_t last = first;
    while (last < dies.size() && dies[last].lot == dies[first].lot) ++last;
    std::vector<yield::SortWafer> wafers;
    LotYieldLine line;
    line.lot = dies[first].lot;
    line.product = dies[first].product;
    line.worstWaferYield = INFINITY;
    for (std::size_t w = first; w < last; ++w) {
      const auto layout = layouts.find(dies[w].product);
      wafers.push_back(yield::toSortWafer(dies[w], layout == layouts.end() ? nullptr : &layout->second));
      const auto& d = dies[w].dies;
      if (d.empty()) continue;
      const double y = static_cast<double>(std::count_if(d.begin(), d.end(), [](const auto& x) { return x.pass; })) /
                       static_cast<double>(d.size());
      if (y < line.worstWaferYield) {
        line.worstWaferYield = y;
        line.worstWafer = dies[w].wafer;
      }
    }
    first = last;
    const auto pareto = yield::yieldPareto(wafers);
    if (pareto.dies == 0) continue;
    line.wafers = wafers.size();
    line.dies = pareto.dies;
    line.failed = pareto.failed;
    line.yield = pareto.yield;
    if (!pareto.byBin.empty()) {
      line.topBin = pareto.byBin.front().bin;
      line.topBinShare = pareto.byBin.front().shareOfLoss;
    }
    const auto zone = std::min_element(pareto.byZone.begin(), pareto.byZone.end(), [](const auto& a, const auto& b) {
      const double ya = std::isnan(a.yield) ? INFINITY : a.yield, yb = std::isnan(b.yield) ? INFINITY : b.yield;
      return ya < yb;
    });
    if (zone != pareto.byZone.end() && !std::isnan(zone->yield)) {
      line.worstZone = yield::zoneName(zone->zone);
      line.worstZoneYield = zone->yield;
    }
    lines.push_back(std::move(line));
  }
  std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.yield < b.yield; });
  return lines;
}

}  // namespace fab::analysis

#include "core/yield/workspace_sort.h"

#include "core/common/error.h"
#include "core/wafer/die_grid.h"

namespace fab::yield {

std::map<std::string, wafer::WaferLayout> productLayouts(store::Database& db,
                                                         std::span<const store::WaferDies> wafers) {
  std::map<std::string, wafer::WaferLayout> out;
  std::set<std::string> seen;
  for (const auto& w : wafers) {
    if (w.product.empty() || !seen.insert(w.product).second) continue;
    const auto product = store::loadProduct(db, w.product);
    if (!product) continue;
    try {
      out.emplace(w.product, wafer::layoutFromProduct(*product));
    } catch (const Error&) {
      // No die size, or one that does not fit the wafer: no geometry for its dies.
    }
  }
  return out;
}

SortWafer toSortWafer(const store::WaferDies& wafer, const wafer::WaferLayout* layout,
                      const std::set<int>& nonDefectBins) {
  SortWafer out{wafer.lot, std::to_string(wafer.wafer), {}};
  out.dies.reserve(wafer.dies.size());
  for (std::size_t i = 0; i < wafer.dies.size(); ++i) {
    const auto& d = wafer.dies[i];
    SortDie die;
    die.x = d.x;
    die.y = d.y;
    die.pass = d.pass;
    die.bin = d.bin;
    die.defectLimited = !nonDefectBins.count(d.bin);
    if (layout) die.radiusFraction = wafer::radiusFraction(*layout, {d.x, d.y});
    die.row = i;
    out.dies.push_back(die);
  }
  return out;
}

std::vector<SortWafer> toSortWafers(std::span<const store::WaferDies> wafers,
                                    const std::map<std::string, wafer::WaferLayout>& layouts,
                                    const std::set<int>& nonDefectBins) {
  std::vector<SortWafer> out;
  out.reserve(wafers.size());
  for (const auto& w : wafers) {
    const auto it = layouts.find(w.product);
    out.push_back(toSortWafer(w, it == layouts.end() ? nullptr : &it->second, nonDefectBins));
  }
  return out;
}

}  // namespace fab::yield

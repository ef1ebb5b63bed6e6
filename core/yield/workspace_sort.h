#pragma once
// The workspace's die maps as the yield analyses take them: the one
// conversion from the store's WaferDies to SortWafer, used by the CLI, the
// yield calculator view and the yield report. Each die gets its radius
// fraction from its product's wafer layout (core/wafer geometry), so the
// yield-loss Pareto can cut its center / middle / edge zones.
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "core/store/database.h"
#include "core/store/dies.h"
#include "core/wafer/wafer_layout.h"
#include "core/yield/sort_wafer.h"

namespace fab::yield {

/// Product name → wafer layout for the products behind `wafers` that have a
/// usable layout (a die size that fits the wafer). Products without one are
/// left out: their dies get no radius fraction.
std::map<std::string, wafer::WaferLayout> productLayouts(store::Database& db, std::span<const store::WaferDies> wafers);

/// One wafer's dies; SortDie::row is the die's index in `wafer.dies`. Failing
/// dies in `nonDefectBins` are not defect-limited. Without a layout the radius
/// fraction stays NaN.
SortWafer toSortWafer(const store::WaferDies& wafer, const wafer::WaferLayout* layout,
                      const std::set<int>& nonDefectBins = {});

/// Every wafer, each with the layout of its product from `layouts` (if any).
std::vector<SortWafer> toSortWafers(std::span<const store::WaferDies> wafers,
                                    const std::map<std::string, wafer::WaferLayout>& layouts,
                                    const std::set<int>& nonDefectBins = {});

}  // namespace fab::yield

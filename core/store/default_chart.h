#pragma once
// The control chart a parameter's rows call for when nobody chose one.
// Metrology measures several sites per wafer: wafer means vary more than the
// sites within a wafer (wafer-to-wafer and lot-to-lot variation), so an I-MR
// or X̄-R chart with within-wafer limits flags most points. The three-way chart
// (Wheeler & Chambers, Understanding SPC, 2nd ed., §8.6) charts the wafer
// means as individuals with limits from their own variation, their moving
// range, and the within-wafer range on its own chart.
#include <cstddef>
#include <string>

#include "core/spc/chart_types.h"
#include "core/store/measurements.h"

namespace fab::store {

struct DefaultChart {
  spc::ChartType type = spc::ChartType::IndividualsMR;
  std::string subgroup;           ///< "wafer" or "" (individuals)
  std::size_t sitesPerWafer = 0;  ///< median rows per lot/wafer (0 without wafer numbers)
  /// Why, in one line: "9 sites per wafer: three-way chart of wafer means
  /// (between) and within-wafer ranges"; empty for I-MR.
  std::string note;
};

/// Three-way with wafer subgroups when the median wafer has two or more rows, else I-MR.
DefaultChart defaultChart(const MeasurementSeries& series);

}  // namespace fab::store

#include "core/store/default_chart.h"

#include <algorithm>
#include <map>
#include <vector>

namespace fab::store {

DefaultChart defaultChart(const MeasurementSeries& s) {
  std::map<std::pair<std::string, int>, std::size_t> perWafer;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s.wafer[i] > 0) ++perWafer[{s.lot[i], s.wafer[i]}];
  std::vector<std::size_t> counts;
  counts.reserve(perWafer.size());
  for (const auto& [key, n] : perWafer) counts.push_back(n);
  DefaultChart c;
  if (counts.empty()) return c;
  std::nth_element(counts.begin(), counts.begin() + counts.size() / 2, counts.end());
  c.sitesPerWafer = counts[counts.size() / 2];
  if (c.sitesPerWafer < 2) return c;
  c.type = spc::ChartType::ThreeWay;
  c.subgroup = "wafer";
  c.note = std::to_string(c.sitesPerWafer) +
           " sites per wafer: three-way chart of wafer means (between) and within-wafer ranges";
  return c;
}

}  // namespace fab::store

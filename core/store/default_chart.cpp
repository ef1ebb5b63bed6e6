#include "core/store/default_chart.h"

#include <algorithm>
#include <map>
#include <vector>

namespace fab::store {

DefaultChart defaultChart(const MeasurementSeries& s) {
  std::map<std::pair<std::string, int>, std::size_t> perWafer;
  // A wafer's sites sit next to each other in time order: the wafer is looked up where it changes.
  auto last = perWafer.end();
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.wafer[i] <= 0) continue;
    if (last == perWafer.end() || last->first.second != s.wafer[i] || last->first.first != s.lot[i])
      last = perWafer.try_emplace({s.lot[i], s.wafer[i]}, 0).first;
    ++last->second;
  }
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

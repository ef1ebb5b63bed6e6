#include "core/store/wafer_means.h"

#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace fab::store {

WaferMeansTable loadWaferMeans(Database& db, const std::vector<std::string>& parameters,
                               const MeasurementFilter& filter) {
  WaferMeansTable t;
  t.parameters = parameters;
  using Key = std::pair<std::string, int>;
  std::map<Key, std::size_t> index;  // wafer → row of the table
  std::vector<std::vector<double>> sum, count;
  for (std::size_t j = 0; j < parameters.size(); ++j) {
    const auto s = loadMeasurements(db, parameters[j], filter);
    for (std::size_t i = 0; i < s.size(); ++i) {
      const Key key{s.lot[i], s.wafer[i]};
      auto it = index.find(key);
      if (it == index.end()) {
        if (j > 0) continue;  // only wafers of the first parameter can be complete
        it = index.emplace(key, t.lot.size()).first;
        t.lot.push_back(s.lot[i]);
        t.wafer.push_back(s.wafer[i]);
        t.product.push_back(s.product[i]);
        t.time.push_back(s.time[i]);
        sum.emplace_back(parameters.size(), 0.0);
        count.emplace_back(parameters.size(), 0.0);
      }
      if (std::isfinite(s.value[i])) sum[it->second][j] += s.value[i], count[it->second][j] += 1;
    }
    // Mark wafers this parameter measured (even where every value is missing).
    std::vector<char> measured(t.lot.size(), 0);
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto it = index.find({s.lot[i], s.wafer[i]});
      if (it != index.end()) measured[it->second] = 1;
    }
    for (std::size_t w = 0; w < measured.size(); ++w)
      if (!measured[w]) count[w][j] = -1;  // absent
  }
  WaferMeansTable out;
  out.parameters = parameters;
  for (std::size_t w = 0; w < t.lot.size(); ++w) {
    bool complete = true;
    std::vector<double> row(parameters.size());
    for (std::size_t j = 0; j < parameters.size(); ++j) {
      if (count[w][j] < 0) complete = false;
      row[j] = count[w][j] > 0 ? sum[w][j] / count[w][j] : std::numeric_limits<double>::quiet_NaN();
    }
    if (!complete) {
      ++out.wafersDropped;
      continue;
    }
    out.lot.push_back(t.lot[w]);
    out.wafer.push_back(t.wafer[w]);
    out.product.push_back(t.product[w]);
    out.time.push_back(t.time[w]);
    out.means.push_back(std::move(row));
  }
  return out;
}

}  // namespace fab::store

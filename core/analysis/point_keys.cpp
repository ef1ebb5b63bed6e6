#include "core/analysis/point_keys.h"

#include "core/io/field_parse.h"

namespace fab::analysis {

std::string rowKey(const store::MeasurementSeries& s, std::size_t i) {
  std::string key = s.lot[i] + "/" + std::to_string(s.wafer[i]);
  if (!s.site[i].empty()) key += "/" + s.site[i];
  if (s.time[i]) key += " " + io::formatTimestamp(s.time[i]);
  return key;
}

std::vector<std::string> pointKeys(const std::vector<std::string>& rowLabels, const spc::Subgroups* groups) {
  if (!groups) return rowLabels;
  std::vector<std::string> keys;
  keys.reserve(groups->count());
  for (std::size_t g = 0; g < groups->count(); ++g) {
    const auto& key = groups->keys[g];
    if (!key.empty())
      keys.push_back(key);
    else if (groups->members(g).empty())
      keys.push_back("subgroup " + std::to_string(g + 1));
    else
      keys.push_back("subgroup " + std::to_string(g + 1) + " (" + rowLabels[groups->members(g).front()] + ")");
  }
  return keys;
}

std::vector<std::string> pointKeys(const store::MeasurementSeries& series, const spc::Subgroups* groups) {
  std::vector<std::string> rows(series.size());
  for (std::size_t i = 0; i < series.size(); ++i) rows[i] = rowKey(series, i);
  return pointKeys(rows, groups);
}

}  // namespace fab::analysis

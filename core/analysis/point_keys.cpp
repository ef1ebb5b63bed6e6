#include "core/analysis/point_keys.h"

#include <charconv>

#include "core/io/field_parse.h"

namespace fab::analysis {
namespace {

/// The point keys of `groups` over rows named by `rowLabel(row)`, asked only
/// for the rows a key shows (every row for individuals, else the first row
/// of a subgroup without a key of its own).
template <typename RowLabel>
std::vector<std::string> keysOf(std::size_t rows, const spc::Subgroups* groups, RowLabel rowLabel) {
  std::vector<std::string> keys;
  if (!groups) {
    keys.reserve(rows);
    for (std::size_t i = 0; i < rows; ++i) keys.push_back(rowLabel(i));
    return keys;
  }
  keys.reserve(groups->count());
  for (std::size_t g = 0; g < groups->count(); ++g) {
    const auto& key = groups->keys[g];
    if (!key.empty())
      keys.push_back(key);
    else if (groups->members(g).empty())
      keys.push_back("subgroup " + std::to_string(g + 1));
    else
      keys.push_back("subgroup " + std::to_string(g + 1) + " (" + rowLabel(groups->members(g).front()) + ")");
  }
  return keys;
}

}  // namespace

std::string rowKey(const store::MeasurementSeries& s, std::size_t i) {
  std::string key;
  key.reserve(s.lot[i].size() + s.site[i].size() + 40);
  key += s.lot[i];
  key += '/';
  char wafer[12];
  key.append(wafer, std::to_chars(wafer, wafer + sizeof wafer, s.wafer[i]).ptr);
  if (!s.site[i].empty()) {
    key += '/';
    key += s.site[i];
  }
  if (s.time[i]) {
    key += ' ';
    key += io::formatTimestamp(s.time[i]);
  }
  return key;
}

std::vector<std::string> pointKeys(const std::vector<std::string>& rowLabels, const spc::Subgroups* groups) {
  return keysOf(rowLabels.size(), groups, [&](std::size_t i) { return rowLabels[i]; });
}

std::vector<std::string> pointKeys(const store::MeasurementSeries& series, const spc::Subgroups* groups) {
  return keysOf(series.size(), groups, [&](std::size_t i) { return rowKey(series, i); });
}

}  // namespace fab::analysis

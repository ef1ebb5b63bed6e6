#include "core/variation/group_samples.h"

#include <cmath>
#include <map>

#include "core/common/error.h"

namespace fab::variation {

std::size_t GroupSamples::total() const {
  std::size_t n = 0;
  for (const auto& v : values) n += v.size();
  return n;
}

GroupSamples groupValues(const std::vector<std::string>& labels, const std::vector<double>& values,
                         const std::vector<std::string>& units) {
  if (labels.size() != values.size()) throw Error("group labels and values differ in length");
  if (!units.empty() && units.size() != values.size()) throw Error("unit names and values differ in length");
  GroupSamples g;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) continue;
    auto [it, inserted] = index.emplace(labels[i], g.label.size());
    if (inserted) {
      g.label.push_back(labels[i]);
      g.values.emplace_back();
      if (!units.empty()) g.unit.emplace_back();
    }
    g.values[it->second].push_back(values[i]);
    if (!units.empty()) g.unit[it->second].push_back(units[i]);
  }
  return g;
}

}  // namespace fab::variation

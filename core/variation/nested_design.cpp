#include "core/variation/nested_design.h"

#include <cmath>
#include <map>
#include <set>

#include "core/common/error.h"

namespace fab::variation {

bool NestedDesign::balanced() const {
  for (std::size_t l = 0; l < factorCount(); ++l) {
    const auto& sizes = groupSize[l];
    for (int n : sizes)
      if (n != sizes.front()) return false;
  }
  return true;  // equal observations per group at every level ⇒ equal children per group
}

NestedDesign nestedDesign(const std::vector<std::string>& factorNames,
                          const std::vector<std::vector<std::string>>& keys, const std::vector<double>& value,
                          const std::string& residualName, std::size_t* dropped) {
  if (factorNames.empty()) throw Error("a nested design needs at least one factor level");
  if (keys.size() != factorNames.size()) throw Error("one key column is needed per factor level");
  for (const auto& k : keys)
    if (k.size() != value.size()) throw Error("the factor columns and the values differ in length");

  NestedDesign d;
  d.levels = factorNames;
  d.levels.push_back(residualName);
  const std::size_t levels = factorNames.size();
  d.group.assign(levels, {});
  d.parent.assign(levels, {});
  d.groupSize.assign(levels, {});
  d.groupLabel.assign(levels, {});
  std::vector<std::map<std::string, int>> index(levels);
  std::size_t skipped = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!std::isfinite(value[i])) {
      ++skipped;
      continue;
    }
    std::string path;
    int parentGroup = 0;
    for (std::size_t l = 0; l < levels; ++l) {
      // '\x1f' (unit separator) keeps "1/2" + "3" apart from "1" + "2/3" in the key.
      path += (l ? "\x1f" : "") + keys[l][i];
      auto [it, inserted] = index[l].emplace(path, static_cast<int>(d.groupSize[l].size()));
      if (inserted) {
        d.groupSize[l].push_back(0);
        d.parent[l].push_back(parentGroup);
        d.groupLabel[l].push_back(l ? d.groupLabel[l - 1][parentGroup] + "/" + keys[l][i] : keys[l][i]);
      }
      d.group[l].push_back(it->second);
      ++d.groupSize[l][it->second];
      parentGroup = it->second;
    }
    d.value.push_back(value[i]);
    d.row.push_back(i);
  }
  if (dropped) *dropped = skipped;
  if (d.value.empty()) throw Error("no values to analyse (every value is missing)");
  for (std::size_t l = 0; l < levels; ++l)
    if (l == 0 ? d.groupCount(0) < 2 : d.groupCount(l) == d.groupCount(l - 1))
      throw Error("level '" + factorNames[l] + "' has no variation: every " +
                  (l ? factorNames[l - 1] + " holds one " : std::string("observation is in one ")) + factorNames[l]);
  if (d.size() == d.groupCount(levels - 1))
    throw Error("level '" + residualName + "' has no replicates: every " + factorNames.back() +
                " holds a single value");
  return d;
}

}  // namespace fab::variation

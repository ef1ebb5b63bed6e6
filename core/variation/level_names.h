#pragma once
// How a level of a nested design is named in tables: "run", "zone within run".
#include <cstddef>
#include <string>
#include <vector>

namespace fab::variation {

/// Level l of `levels` (outermost first, residual last) as a table source:
/// the outermost by its name, the others "X within Y".
inline std::string sourceName(const std::vector<std::string>& levels, std::size_t l) {
  return l == 0 ? levels[0] : levels[l] + " within " + levels[l - 1];
}

}  // namespace fab::variation

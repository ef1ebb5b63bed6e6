#pragma once
// The layout of a nested (hierarchical) sampling plan: runs, zones within a
// run, wafers within a zone; or lots, wafers within a lot, sites within a
// wafer. docs/ARCHITECTURE.md §4 "Where variation lives".
//
// Levels are named outermost first. Each factor level's groups are the
// distinct key paths down to that level (zone "1" of run 1 is not zone "1" of
// run 2). The residual is the variation between the observations of one
// innermost group; it is not a factor column.
#include <cstddef>
#include <string>
#include <vector>

namespace fab::variation {

struct NestedDesign {
  /// Factor names, outermost first, then the residual's name: {"run", "zone", "wafer"}.
  std::vector<std::string> levels;
  std::vector<double> value;
  /// group[l][i]: the group of observation i at factor level l (0-based, dense).
  std::vector<std::vector<int>> group;
  /// parent[l][g]: the group at level l − 1 that contains group g of level l (0 for l = 0).
  std::vector<std::vector<int>> parent;
  /// Observations in each group of each factor level.
  std::vector<std::vector<int>> groupSize;
  /// Label of each group (its key path joined by '/').
  std::vector<std::vector<std::string>> groupLabel;
  /// Source row of each observation (rows with a missing value are left out).
  std::vector<std::size_t> row;

  std::size_t size() const { return value.size(); }
  std::size_t factorCount() const { return group.size(); }
  std::size_t groupCount(std::size_t level) const { return groupSize[level].size(); }
  /// Equal numbers of children in every group of each level and equal
  /// observations in every innermost group.
  bool balanced() const;
  /// For balanced data, the observations in a group of factor level l.
  int observationsPerGroup(std::size_t level) const { return groupSize[level].front(); }
};

/// Builds the design from one key column per factor (keys[l][i], outermost
/// first) and the values; NaN values are left out, their rows counted in
/// `dropped`. `residualName` names the innermost level ("wafer", "site").
/// Throws fab::Error when a factor has fewer than 2 groups in total, when no
/// innermost group has 2 observations, or when the columns differ in length.
NestedDesign nestedDesign(const std::vector<std::string>& factorNames,
                          const std::vector<std::vector<std::string>>& keys, const std::vector<double>& value,
                          const std::string& residualName, std::size_t* dropped = nullptr);

}  // namespace fab::variation

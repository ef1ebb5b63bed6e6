#pragma once
// Which die sits at a grid position of a die map: the lookup behind every
// neighbour rule on the die grid (clustered fails, fail clusters).
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/ml/die_map.h"

namespace fab::ml {

/// The dies of a map by their (column, row) index. A map whose index box
/// (with one cell of margin) holds at most 16 cells per die plus 4096 is kept
/// as a dense grid; a map whose indices are spread far wider is hashed.
class DieGrid {
 public:
  /// Throws fab::Error naming the wafer and the die for a die listed twice.
  explicit DieGrid(const DieMap& map);

  /// Index in map.dies of the die at (x, y), −1 where there is none.
  int at(std::int64_t x, std::int64_t y) const;

 private:
  bool dense_ = true;
  std::int64_t minX_ = 0, minY_ = 0, maxX_ = -1, maxY_ = -1, width_ = 0;
  std::vector<int> cells_;                        ///< dense: die index or −1, rows of width_ cells
  std::unordered_map<std::int64_t, int> hashed_;  ///< sparse: die index by packed (x, y)
};

/// "wafer 'NAME'", or "the wafer map" when the map carries no name: how messages about a map name it.
std::string waferMapName(const DieMap& map);

}  // namespace fab::ml

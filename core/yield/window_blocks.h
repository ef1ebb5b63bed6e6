#pragma once
// The window method's data: yields of blocks ("windows") of m adjacent dies.
//
// Each wafer's die grid is tiled, from its lowest die column and row, by
// non-overlapping w × h blocks. A block counts when it is complete: all m
// positions hold a tested die and none of them failed in a bin that is not
// defect-limited (such a die says nothing about random defects). A complete
// block is good when all its dies pass. With D constant over a block, the
// block yield is the model yield at m times the die area, so the yields of
// m = 1, 2, 4, 9… separate the gross yield Y0, D0 and the clustering α
// (C. H. Stapper, F. M. Armstrong & K. Saji, "Integrated circuit yield
// statistics", Proc. IEEE 71(4), 1983, the "window method"; I. Koren &
// Z. Koren, "Defect tolerance in VLSI circuits", Proc. IEEE 86(9), 1998).
#include <span>
#include <string>
#include <vector>

#include "core/yield/sort_wafer.h"

namespace fab::yield {

struct BlockShape {
  int width = 1;   ///< dies along x
  int height = 1;  ///< dies along y
  int dies() const { return width * height; }
  bool operator==(const BlockShape&) const = default;
};

/// The most nearly square shape of m dies (width ≥ height): 1 → 1×1, 2 → 2×1,
/// 4 → 2×2, 6 → 3×2, 9 → 3×3. Throws fab::Error for m < 1.
BlockShape blockShapeFor(int m);
/// m = 1, 2, 4, 9: the block sizes used unless others are chosen.
std::vector<BlockShape> defaultBlockShapes();

struct BlockYield {
  BlockShape shape;
  int m = 1;                 ///< dies per block
  long long blocks = 0;      ///< complete blocks
  long long good = 0;        ///< complete blocks whose dies all pass
  long long incomplete = 0;  ///< blocks left out: partly off the map or holding a non-defect-limited fail
  double yield() const;      ///< good / blocks; NaN when there is no complete block
};

/// Counts complete and good blocks of each shape over all wafers, pooled.
/// Throws fab::Error naming the wafer when a die position appears twice, or
/// when a shape has a non-positive side.
std::vector<BlockYield> countBlocks(std::span<const SortWafer> wafers, std::span<const BlockShape> shapes);

}  // namespace fab::yield

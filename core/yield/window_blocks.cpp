#include "core/yield/window_blocks.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "core/common/error.h"

namespace fab::yield {

namespace {

std::uint64_t key(long long a, long long b) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) | static_cast<std::uint32_t>(b);
}

std::string waferName(const SortWafer& w) {
  if (w.lot.empty()) return "wafer '" + w.wafer + "'";
  return "lot '" + w.lot + "' wafer '" + w.wafer + "'";
}

void checkUniquePositions(const SortWafer& wafer) {
  std::unordered_set<std::uint64_t> seen;
  seen.reserve(wafer.dies.size());
  for (const auto& d : wafer.dies)
    if (!seen.insert(key(d.x, d.y)).second)
      throw Error(waferName(wafer) + " lists die (" + std::to_string(d.x) + ", " + std::to_string(d.y) +
                  ") more than once (input row " + std::to_string(d.row) + ")");
}

struct BlockTally {
  int present = 0;
  bool unusable = false;
  bool failed = false;
};

/// Floor division for a non-negative numerator offset.
long long blockIndex(long long offset, int side) { return offset / side; }

}  // namespace

double BlockYield::yield() const {
  return blocks > 0 ? static_cast<double>(good) / static_cast<double>(blocks)
                    : std::numeric_limits<double>::quiet_NaN();
}

BlockShape blockShapeFor(int m) {
  if (m < 1) throw Error("a block must hold at least one die (got m = " + std::to_string(m) + ")");
  int h = static_cast<int>(std::sqrt(static_cast<double>(m)));
  while (h > 1 && m % h != 0) --h;
  return {m / h, h};
}

std::vector<BlockShape> defaultBlockShapes() { return {{1, 1}, {2, 1}, {2, 2}, {3, 3}}; }

std::vector<BlockYield> countBlocks(std::span<const SortWafer> wafers, std::span<const BlockShape> shapes) {
  for (const auto& s : shapes)
    if (s.width < 1 || s.height < 1)
      throw Error("a block shape needs positive sides (got " + std::to_string(s.width) + " × " +
                  std::to_string(s.height) + ")");
  std::vector<BlockYield> out;
  for (const auto& s : shapes) out.push_back({s, s.dies(), 0, 0, 0});

  std::unordered_map<std::uint64_t, BlockTally> tally;
  for (const auto& wafer : wafers) {
    if (wafer.dies.empty()) continue;
    checkUniquePositions(wafer);
    long long minX = std::numeric_limits<long long>::max();
    long long minY = minX;
    for (const auto& d : wafer.dies) {
      minX = std::min<long long>(minX, d.x);
      minY = std::min<long long>(minY, d.y);
    }
    for (auto& result : out) {
      tally.clear();
      for (const auto& d : wafer.dies) {
        auto& t = tally[key(blockIndex(d.x - minX, result.shape.width), blockIndex(d.y - minY, result.shape.height))];
        ++t.present;
        if (!d.pass) {
          if (d.defectLimited)
            t.failed = true;
          else
            t.unusable = true;
        }
      }
      for (const auto& [k, t] : tally) {
        if (t.present < result.m || t.unusable) {
          ++result.incomplete;
          continue;
        }
        ++result.blocks;
        if (!t.failed) ++result.good;
      }
    }
  }
  return out;
}

}  // namespace fab::yield

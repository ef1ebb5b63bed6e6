#include "core/ml/die_grid.h"

#include <algorithm>
#include <string>

#include "core/common/error.h"

namespace fab::ml {
namespace {

std::int64_t packed(std::int64_t x, std::int64_t y) { return (x << 32) ^ static_cast<std::uint32_t>(y); }

}  // namespace

std::string waferMapName(const DieMap& map) {
  return map.wafer.empty() ? std::string("the wafer map") : "wafer '" + map.wafer + "'";
}

DieGrid::DieGrid(const DieMap& map) {
  if (map.dies.empty()) return;
  minX_ = maxX_ = map.dies.front().x;
  minY_ = maxY_ = map.dies.front().y;
  for (const auto& d : map.dies) {
    minX_ = std::min<std::int64_t>(minX_, d.x), maxX_ = std::max<std::int64_t>(maxX_, d.x);
    minY_ = std::min<std::int64_t>(minY_, d.y), maxY_ = std::max<std::int64_t>(maxY_, d.y);
  }
  width_ = maxX_ - minX_ + 3;
  const std::int64_t height = maxY_ - minY_ + 3;
  dense_ = width_ * height <= 16 * static_cast<std::int64_t>(map.dies.size()) + 4096;
  if (dense_)
    cells_.assign(static_cast<std::size_t>(width_ * height), -1);
  else
    hashed_.reserve(map.dies.size());
  for (std::size_t i = 0; i < map.dies.size(); ++i) {
    const auto& d = map.dies[i];
    int* slot = nullptr;
    if (dense_) {
      slot = &cells_[static_cast<std::size_t>((d.y - minY_ + 1) * width_ + (d.x - minX_ + 1))];
    } else {
      slot = &hashed_.try_emplace(packed(d.x, d.y), -1).first->second;
    }
    if (*slot >= 0)
      throw Error(waferMapName(map) + ": die (" + std::to_string(d.x) + ", " + std::to_string(d.y) +
                  ") is listed twice");
    *slot = static_cast<int>(i);
  }
}

int DieGrid::at(std::int64_t x, std::int64_t y) const {
  if (x < minX_ || x > maxX_ || y < minY_ || y > maxY_) return -1;
  if (dense_) return cells_[static_cast<std::size_t>((y - minY_ + 1) * width_ + (x - minX_ + 1))];
  const auto it = hashed_.find(packed(x, y));
  return it == hashed_.end() ? -1 : it->second;
}

}  // namespace fab::ml

#pragma once
// A round test wafer on a square grid of die indices.
#include <cmath>

#include "core/ml/die_map.h"

namespace fab::test {

/// A round map of `n` × `n` index positions, dies kept inside the circle of diameter n about the box's centre,
/// so that the mean position of the dies is the box's centre; failing where `failAt(x, y)` says so.
template <typename F>
ml::DieMap roundMap(int n, F failAt) {
  ml::DieMap m;
  const double c = (n - 1) / 2.0;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      if (std::hypot(x - c, y - c) <= n / 2.0) m.dies.push_back({x, y, !failAt(x, y)});
  return m;
}

}  // namespace fab::test

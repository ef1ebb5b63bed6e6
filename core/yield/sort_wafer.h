#pragma once
// Die sort results as the yield analyses take them: plain data, one wafer at a
// time, dies on the product's integer die grid. The store (or a CSV reader)
// fills these; the analyses never read the workspace themselves.
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace fab::yield {

struct SortDie {
  int x = 0;  ///< die column on the product's grid
  int y = 0;  ///< die row on the product's grid
  bool pass = false;
  /// For a failing die: true when its bin is a random-defect fail (counted by
  /// the yield models), false for a non-defect-limited bin (parametric, test
  /// escape, probe-card issue…), which the window method leaves out.
  bool defectLimited = true;
  int bin = 0;
  /// Distance of the die centre from the wafer centre as a fraction of the
  /// wafer radius (0 = centre, 1 = edge); NaN when not known. Zone Pareto only.
  double radiusFraction = std::numeric_limits<double>::quiet_NaN();
  /// Row of this die in the caller's input, so results can point back at it.
  std::size_t row = 0;
};

struct SortWafer {
  std::string lot;
  std::string wafer;
  std::vector<SortDie> dies;
};

}  // namespace fab::yield

#pragma once
// Box-plot statistics of one group: what a commonality view draws per tool.
#include <span>
#include <string>
#include <vector>

namespace fab::variation {

struct GroupSummary {
  std::string label;
  std::size_t n = 0;
  double mean = 0, sd = 0;  ///< sd with n − 1 (NaN for n < 2)
  double min = 0, q1 = 0, median = 0, q3 = 0, max = 0;
  /// Tukey's whiskers (Tukey 1977, "Exploratory Data Analysis", ch. 2): the
  /// furthest values within 1.5 IQR of the box; the values beyond are outliers.
  double whiskerLow = 0, whiskerHigh = 0;
  std::vector<double> outliers;
};

/// Quartiles by linear interpolation between order statistics (Hyndman & Fan
/// 1996, definition 7: position 1 + p(n − 1); R's and numpy's default). An
/// empty group gives NaN everywhere.
GroupSummary summariseGroup(const std::string& label, std::span<const double> values);

}  // namespace fab::variation

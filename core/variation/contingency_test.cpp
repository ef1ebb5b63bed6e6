#include "core/variation/contingency_test.h"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <limits>

#include "core/common/error.h"

namespace fab::variation {

ChiSquareTest chiSquareIndependence(const std::vector<std::vector<double>>& counts) {
  ChiSquareTest t;
  if (counts.empty()) {
    t.message = "empty table";
    return t;
  }
  const std::size_t columns = counts.front().size();
  for (const auto& row : counts)
    if (row.size() != columns) throw Error("the contingency table's rows differ in length");
  std::vector<double> rowTotal(counts.size(), 0.0), columnTotal(columns, 0.0);
  double n = 0;
  for (std::size_t i = 0; i < counts.size(); ++i)
    for (std::size_t j = 0; j < columns; ++j) {
      rowTotal[i] += counts[i][j];
      columnTotal[j] += counts[i][j];
      n += counts[i][j];
    }
  const auto rows = std::count_if(rowTotal.begin(), rowTotal.end(), [](double v) { return v > 0; });
  const auto cols = std::count_if(columnTotal.begin(), columnTotal.end(), [](double v) { return v > 0; });
  if (rows < 2 || cols < 2) {
    t.message = rows < 2 ? "fewer than two groups with counts" : "every count falls in one category";
    return t;
  }
  t.minExpected = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (rowTotal[i] == 0) continue;
    for (std::size_t j = 0; j < columns; ++j) {
      if (columnTotal[j] == 0) continue;
      const double e = rowTotal[i] * columnTotal[j] / n;
      t.statistic += (counts[i][j] - e) * (counts[i][j] - e) / e;
      t.minExpected = std::min(t.minExpected, e);
      t.smallExpected += e < 5 ? 1 : 0;
    }
  }
  t.df = static_cast<int>((rows - 1) * (cols - 1));
  t.pValue = boost::math::cdf(boost::math::complement(boost::math::chi_squared(t.df), t.statistic));
  return t;
}

}  // namespace fab::variation

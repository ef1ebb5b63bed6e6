#include "core/defect/cluster_agreement.h"

#include <map>
#include <utility>

#include "core/common/error.h"

namespace fab::defect {

double adjustedRandIndex(std::span<const int> a, std::span<const int> b) {
  if (a.size() != b.size()) throw Error("the adjusted Rand index needs two labellings of the same points");
  const double n = static_cast<double>(a.size());
  if (a.size() < 2) return 1.0;
  std::map<std::pair<int, int>, double> cells;
  std::map<int, double> rows, cols;
  for (std::size_t i = 0; i < a.size(); ++i) {
    cells[{a[i], b[i]}] += 1;
    rows[a[i]] += 1;
    cols[b[i]] += 1;
  }
  auto pairs = [](double m) { return m * (m - 1) / 2; };
  double index = 0, sumRows = 0, sumCols = 0;
  for (const auto& [key, m] : cells) index += pairs(m);
  for (const auto& [key, m] : rows) sumRows += pairs(m);
  for (const auto& [key, m] : cols) sumCols += pairs(m);
  const double expected = sumRows * sumCols / pairs(n);
  const double maximum = 0.5 * (sumRows + sumCols);
  if (maximum == expected) return 1.0;
  return (index - expected) / (maximum - expected);
}

}  // namespace fab::defect

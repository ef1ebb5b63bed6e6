#include "ui/chart/decimation.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace fab::ui::chart {

bool sortedByX(std::span<const ChartPoint> points) {
  return std::is_sorted(points.begin(), points.end(),
                        [](const ChartPoint& a, const ChartPoint& b) { return a.x < b.x; });
}

std::pair<std::size_t, std::size_t> visibleSpan(std::span<const ChartPoint> points, double xMin, double xMax) {
  const auto first =
      std::lower_bound(points.begin(), points.end(), xMin, [](const ChartPoint& p, double x) { return p.x < x; });
  const auto last = std::upper_bound(first, points.end(), xMax, [](double x, const ChartPoint& p) { return x < p.x; });
  return {static_cast<std::size_t>(first - points.begin()), static_cast<std::size_t>(last - points.begin())};
}

std::vector<std::size_t> decimateMinMax(std::span<const ChartPoint> points, double xMin, double xMax, int columns) {
  std::vector<std::size_t> kept;
  if (points.empty() || !(xMax > xMin)) return kept;
  columns = std::max(columns, 1);
  auto [first, last] = visibleSpan(points, xMin, xMax);
  // The neighbours just outside the range, so the line enters and leaves the plot.
  const std::size_t begin = first > 0 ? first - 1 : first;
  const std::size_t end = last < points.size() ? last + 1 : last;

  if (last - first <= 4 * static_cast<std::size_t>(columns)) {
    for (std::size_t i = begin; i < end; ++i)
      if (!std::isnan(points[i].y)) kept.push_back(i);
    return kept;
  }

  kept.reserve(4 * static_cast<std::size_t>(columns) + 2);
  auto keepFinite = [&](std::size_t i) {
    if (!std::isnan(points[i].y)) kept.push_back(i);
  };
  if (begin < first) keepFinite(begin);

  const double width = xMax - xMin;
  auto columnOf = [&](double x) {
    return std::min<long>(static_cast<long>((x - xMin) * columns / width), columns - 1);
  };
  std::size_t i = first;
  while (i < last) {
    const long column = columnOf(points[i].x);
    // One column: first, min, max and last finite points.
    std::size_t firstIdx = SIZE_MAX, lastIdx = SIZE_MAX, minIdx = SIZE_MAX, maxIdx = SIZE_MAX;
    for (; i < last && columnOf(points[i].x) == column; ++i) {
      const double y = points[i].y;
      if (std::isnan(y)) continue;
      if (firstIdx == SIZE_MAX) firstIdx = minIdx = maxIdx = i;
      lastIdx = i;
      if (y < points[minIdx].y) minIdx = i;
      if (y > points[maxIdx].y) maxIdx = i;
    }
    if (firstIdx == SIZE_MAX) continue;
    std::array<std::size_t, 4> group = {firstIdx, minIdx, maxIdx, lastIdx};
    std::sort(group.begin(), group.end());
    for (std::size_t k = 0; k < group.size(); ++k)
      if (k == 0 || group[k] != group[k - 1]) kept.push_back(group[k]);
  }
  if (end > last) keepFinite(last);
  return kept;
}

}  // namespace fab::ui::chart

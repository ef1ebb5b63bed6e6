#include "ui/chart/decimation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

namespace fab::ui::chart {
namespace {

std::vector<ChartPoint> randomWalk(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> step(0, 1);
  std::vector<ChartPoint> pts(n);
  double y = 0;
  for (std::size_t i = 0; i < n; ++i) {
    y += step(rng);
    pts[i] = {static_cast<double>(i), y, static_cast<std::int64_t>(i), kFlagNone};
  }
  return pts;
}

TEST(Decimation, KeepsEachColumnsFirstLowestHighestAndLastPoint) {
  const auto pts = randomWalk(100000, 7);
  const double xMin = 1000, xMax = 91000;
  const int columns = 300;
  const auto kept = decimateMinMax(pts, xMin, xMax, columns);

  EXPECT_TRUE(std::is_sorted(kept.begin(), kept.end()));
  EXPECT_EQ(std::set<std::size_t>(kept.begin(), kept.end()).size(), kept.size());
  EXPECT_LE(kept.size(), 4u * columns + 2);
  const std::set<std::size_t> keptSet(kept.begin(), kept.end());

  // Brute force: group the points in range by column and check each group's extremes were kept.
  std::map<long, std::vector<std::size_t>> byColumn;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pts[i].x < xMin || pts[i].x > xMax) continue;
    byColumn[std::min<long>(static_cast<long>((pts[i].x - xMin) * columns / (xMax - xMin)), columns - 1)].push_back(i);
  }
  ASSERT_EQ(byColumn.size(), static_cast<std::size_t>(columns));
  for (const auto& [column, idx] : byColumn) {
    const auto [lo, hi] =
        std::minmax_element(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return pts[a].y < pts[b].y; });
    EXPECT_TRUE(keptSet.count(*lo)) << "column " << column << " lost its minimum";
    EXPECT_TRUE(keptSet.count(*hi)) << "column " << column << " lost its maximum";
    EXPECT_TRUE(keptSet.count(idx.front()));
    EXPECT_TRUE(keptSet.count(idx.back()));
  }
  // The neighbours outside the range keep the line running to the plot edges.
  EXPECT_EQ(kept.front(), 999u);
  EXPECT_EQ(kept.back(), 91001u);
}

TEST(Decimation, ShortSeriesAreDrawnWhole) {
  const auto pts = randomWalk(50, 3);
  const auto kept = decimateMinMax(pts, 0, 49, 100);
  ASSERT_EQ(kept.size(), 50u);
  for (std::size_t i = 0; i < kept.size(); ++i) EXPECT_EQ(kept[i], i);
}

TEST(Decimation, DropsMissingValuesAndHandlesEmptyInput) {
  auto pts = randomWalk(10, 1);
  pts[4].y = std::numeric_limits<double>::quiet_NaN();
  const auto kept = decimateMinMax(pts, 0, 9, 100);
  EXPECT_EQ(kept.size(), 9u);
  EXPECT_EQ(std::count(kept.begin(), kept.end(), 4u), 0);
  EXPECT_TRUE(decimateMinMax({}, 0, 1, 10).empty());
  EXPECT_TRUE(decimateMinMax(pts, 5, 5, 10).empty());  // empty x range
}

TEST(Decimation, VisibleSpanAndSortedness) {
  const auto pts = randomWalk(100, 2);
  EXPECT_EQ(visibleSpan(pts, 10, 20), (std::pair<std::size_t, std::size_t>{10, 21}));
  EXPECT_EQ(visibleSpan(pts, -5, -1), (std::pair<std::size_t, std::size_t>{0, 0}));
  EXPECT_TRUE(sortedByX(pts));
  auto shuffled = pts;
  std::swap(shuffled[3], shuffled[40]);
  EXPECT_FALSE(sortedByX(shuffled));
}

}  // namespace
}  // namespace fab::ui::chart

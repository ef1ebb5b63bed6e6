#pragma once
// Display-only thinning of long series: per pixel column keep the first, the
// lowest, the highest and the last point, so the drawn line covers exactly the
// same pixels as the full series (M4 aggregation: Jugel et al., "M4: A
// Visualization-Oriented Time Series Data Aggregation", PVLDB 7(10), 2014).
// The analysis always runs on the full data; only the drawing is thinned.
#include <cstddef>
#include <span>
#include <vector>

#include "ui/chart/chart_model.h"

namespace fab::ui::chart {

/// Indices (ascending) of the points to draw for a line across `columns` pixel
/// columns spanning [xMin, xMax]; a point is in column ⌊(x − xMin)·columns /
/// (xMax − xMin)⌋ (xMax in the last). `points` must be sorted by x. The nearest
/// point outside the range on each side is kept so the line runs to the plot
/// edge. Points with a NaN y are dropped. With no more than 4 points per column
/// on average every finite point in range is returned.
std::vector<std::size_t> decimateMinMax(std::span<const ChartPoint> points, double xMin, double xMax, int columns);

/// Index range [first, last) of the points of an x-sorted series with
/// xMin ≤ x ≤ xMax.
std::pair<std::size_t, std::size_t> visibleSpan(std::span<const ChartPoint> points, double xMin, double xMax);

/// True when the points are in non-decreasing x order.
bool sortedByX(std::span<const ChartPoint> points);

}  // namespace fab::ui::chart

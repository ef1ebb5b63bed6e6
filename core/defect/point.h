#pragma once
// A defect position for the clustering analyses, and the check every
// analysis makes on its input.
#include <span>
#include <string>

namespace fab::defect {

/// A position in the plane; µm in the wafer frame (centre origin, y up) for defects.
struct Point2 {
  double x = 0, y = 0;
};

/// Throws fab::Error naming the first point (0-based input row) whose x or y is not finite.
void requireFinite(std::span<const Point2> points, const std::string& analysis);

inline double squaredDistance(Point2 a, Point2 b) {
  const double dx = a.x - b.x, dy = a.y - b.y;
  return dx * dx + dy * dy;
}

}  // namespace fab::defect

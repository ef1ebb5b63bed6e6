#include "core/defect/point.h"

#include <cmath>

#include "core/common/error.h"

namespace fab::defect {

void requireFinite(std::span<const Point2> points, const std::string& analysis) {
  for (std::size_t i = 0; i < points.size(); ++i)
    if (!std::isfinite(points[i].x) || !std::isfinite(points[i].y))
      throw Error(analysis + ": point " + std::to_string(i) +
                  " has no finite x/y (drop rows with missing coordinates first)");
}

}  // namespace fab::defect

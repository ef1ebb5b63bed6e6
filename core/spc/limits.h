#pragma once
// Control limits as stair steps: one segment per run of points that share the
// same centre, σ and limits. Constant limits are one segment per phase; limits
// that vary with the subgroup size (or EWMA's time-varying limits) are one
// segment per point. A chart draws each segment as horizontal lines.
#include <cstddef>
#include <limits>
#include <vector>

namespace fab::spc {

struct LimitSegment {
  std::size_t first = 0;  ///< first point covered
  std::size_t last = 0;   ///< one past the last point covered
  double center = 0;
  /// σ of the plotted statistic at these points: zones are centre ± 1σ, ± 2σ
  /// (Western Electric zones C, B, A). NaN when the statistic has no zones.
  double sigma = std::numeric_limits<double>::quiet_NaN();
  double lcl = std::numeric_limits<double>::quiet_NaN();  ///< NaN: no lower limit
  double ucl = std::numeric_limits<double>::quiet_NaN();  ///< NaN: no upper limit
};

/// Appends limits for point `i` (points must be appended in order), extending
/// the last segment when it ends at i and holds the same values.
inline void appendLimits(std::vector<LimitSegment>& segments, std::size_t i, double center, double sigma, double lcl,
                         double ucl) {
  auto same = [](double a, double b) { return a == b || (a != a && b != b); };
  if (!segments.empty()) {
    auto& last = segments.back();
    if (last.last == i && same(last.center, center) && same(last.sigma, sigma) && same(last.lcl, lcl) &&
        same(last.ucl, ucl)) {
      last.last = i + 1;
      return;
    }
  }
  segments.push_back({i, i + 1, center, sigma, lcl, ucl});
}

/// Appends one segment for points [first, last).
inline void appendLimitRange(std::vector<LimitSegment>& segments, std::size_t first, std::size_t last, double center,
                             double sigma, double lcl, double ucl) {
  if (first >= last) return;
  appendLimits(segments, first, center, sigma, lcl, ucl);
  segments.back().last = last;
}

/// The segment covering point i (binary search); nullptr when none does.
const LimitSegment* segmentAt(const std::vector<LimitSegment>& segments, std::size_t i);

}  // namespace fab::spc

#include "core/kalman/time_spacing.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/common/error.h"

namespace fab::kalman {

ElapsedTime elapsedFromTimes(std::span<const double> times) {
  const auto n = static_cast<Eigen::Index>(times.size());
  ElapsedTime out;
  out.elapsed = Eigen::VectorXd::Ones(n);
  std::vector<double> positive;
  for (Eigen::Index t = 0; t < n; ++t) {
    if (!std::isfinite(times[t])) throw Error("time column: row " + std::to_string(t + 1) + " has no time");
    if (t > 0) {
      const double dt = times[t] - times[t - 1];
      if (dt < 0)
        throw Error("time column: row " + std::to_string(t + 1) +
                    " is earlier than the row before it; sort the series by time");
      if (dt > 0) positive.push_back(dt);
    }
  }
  if (n < 2) return out;
  if (positive.empty()) throw Error("time column: all rows have the same time, so no spacing can be derived");
  const auto mid = positive.begin() + static_cast<std::ptrdiff_t>(positive.size() / 2);
  std::nth_element(positive.begin(), mid, positive.end());
  double unit = *mid;
  if (positive.size() % 2 == 0) unit = 0.5 * (unit + *std::max_element(positive.begin(), mid));
  out.unit = unit;
  for (Eigen::Index t = 0; t + 1 < n; ++t) {
    out.elapsed[t] = (times[t + 1] - times[t]) / unit;
    if (std::abs(out.elapsed[t] - 1.0) > 1e-9) out.irregular = true;
  }
  return out;
}

}  // namespace fab::kalman

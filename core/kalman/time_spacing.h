#pragma once
// Elapsed time between observations, for series that are not equally spaced.
//
// Convention: the state noise of the move from observation t to t+1 is
// scaled by Δ_t = (time_{t+1} − time_t) / unit, where the unit is the median
// positive spacing. So the variances keep their meaning "per typical step"
// whatever the time column's unit (days, seconds, lot counter), and an equally
// spaced series gives Δ_t = 1: exactly the model without a time column.
#include <Eigen/Dense>
#include <span>

namespace fab::kalman {

struct ElapsedTime {
  Eigen::VectorXd elapsed;  ///< Δ_t per step (the last one, unused by the filter, is 1)
  double unit = 1.0;        ///< the median positive spacing, in the time column's unit
  bool irregular = false;   ///< true when some Δ_t differs from 1
};

/// Throws fab::Error (naming the 1-based row) for a missing time or a time
/// earlier than the one before it, and when all times are equal.
ElapsedTime elapsedFromTimes(std::span<const double> times);

}  // namespace fab::kalman

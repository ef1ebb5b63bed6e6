#pragma once
// Fixed-interval smoother: smoothed states, their variances, the smoothed
// disturbances and the auxiliary residuals.
//
// Method: the backward recursions of D&K §4.4.4 (state smoothing, eqs. 4.44
// and 4.62: r_{t−1} = Z'F⁻¹v + L'r_t, N_{t−1} = Z'F⁻¹Z + L'NL, α̂ = a + P r,
// V = P − PNP) in the univariate form of D&K §6.4.4, and the disturbance
// smoother of §4.5.3 (ε̂ = H(F⁻¹v − K'r), η̂ = QR'r). These give the same
// α̂_t and V_t as the Rauch–Tung–Striebel smoother (D&K §4.4.5) without
// inverting P_{t+1}, so they also hold when P_{t+1} is singular. During the
// diffuse period the exact initial smoother of D&K §5.3 (r⁽⁰⁾, r⁽¹⁾, N⁽⁰⁾,
// N⁽¹⁾, N⁽²⁾; eqs. 5.21–5.29) is used.
#include "core/common/feedback.h"
#include "core/kalman/filter_result.h"
#include "core/kalman/state_space_model.h"

namespace fab::kalman {

/// Smooths a filtered series. `filtered` must come from kalmanFilter() on the
/// same model.
SmootherResult kalmanSmoother(const StateSpaceModel& model, const FilterResult& filtered,
                              const Feedback* feedback = nullptr);

}  // namespace fab::kalman

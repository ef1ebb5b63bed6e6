#pragma once
// Kalman filter for the general linear Gaussian state-space model with exact
// diffuse initialisation and missing observations.
//
// Method: univariate treatment of multivariate observations (D&K §6.4;
// Koopman & Durbin, J. Time Series Analysis 21, 2000) with the exact initial
// Kalman filter of D&K §5.2 (eqs. 5.12–5.14 in univariate form): while the
// diffuse part P_∞ of the state variance is nonzero, an observation with
// F_∞ = Z P_∞ Z' > 0 updates with the limiting gain K_0 = P_∞ Z'/F_∞,
//   a   ← a + K_0 v
//   P_* ← P_* − M_* K_0' − K_0 M_*' + K_0 K_0' F_*
//   P_∞ ← P_∞ − K_0 M_∞'
// and one with F_∞ = 0 updates as usual with P_*. A missing value (NaN) skips
// its update (D&K §4.10). The diffuse period ends when P_∞ vanishes.
#include <span>

#include "core/common/feedback.h"
#include "core/kalman/filter_result.h"
#include "core/kalman/state_space_model.h"

namespace fab::kalman {

/// Filters the p × n observations `y` (one column per step, NaN = missing).
/// Validates the model first (fab::Error on a bad model). A series that ends
/// while the initial state is still diffuse, or with no observation at all,
/// gives a result with a warning.
FilterResult kalmanFilter(const StateSpaceModel& model, const Eigen::Ref<const Eigen::MatrixXd>& y,
                          const Feedback* feedback = nullptr);

/// Univariate series (p = 1).
FilterResult kalmanFilter(const StateSpaceModel& model, std::span<const double> y, const Feedback* feedback = nullptr);

}  // namespace fab::kalman

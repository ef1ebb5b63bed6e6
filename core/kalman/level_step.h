#pragma once
// One step of a level analysis as a user reads it: the value, the filtered and
// smoothed level (the signal Z_t α_t) with their standard deviations, the
// standardised innovation and the two auxiliary residuals (D&K §2.12).
#include <Eigen/Dense>

namespace fab::kalman {

struct LevelStep {
  Eigen::Index step = 0;       ///< 0-based row of the series
  double value = 0;            ///< y_t; NaN where missing
  double filtered = 0;         ///< Z a_{t|t}; NaN while the level is still diffuse (unbounded variance)
  double filteredSd = 0;       ///< √(Z P_{t|t} Z'); NaN while diffuse
  double smoothed = 0;         ///< Z α̂_t
  double smoothedSd = 0;       ///< √(Z V_t Z')
  double innovationStd = 0;    ///< v_t/√F_t; NaN where missing, diffuse or F = 0
  double outlierResidual = 0;  ///< ε̂_t/√Var(ε̂_t); NaN where undefined
  double shiftResidual = 0;  ///< η̂_{t−1}/√Var(η̂_{t−1}), the level's move into t; NaN at t = 0 or undefined
};

}  // namespace fab::kalman

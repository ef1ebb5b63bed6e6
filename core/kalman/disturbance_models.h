#pragma once
// Disturbance models for run-to-run control studies: the open-loop process
// output d_t (what the tool would give with the recipe at its nominal value).
//
//   step:  d_t = offset + size·1[t ≥ τ] + ε_t
//   drift: d_t = offset + δ·t + ε_t
//   IMA(1,1): d_t = d_{t−1} + a_t − θ a_{t−1}, d_0 = offset (Box, Jenkins &
//          Reinsel, "Time Series Analysis", §4.3; the disturbance for which
//          the EWMA controller is optimal, Ingolfsson & Sachs 1993 §3)
//
// with ε_t, a_t ~ N(0, σ²) from a seeded generator (same seed, same series).
#include <cstdint>
#include <string>
#include <vector>

namespace fab::kalman {

enum class DisturbanceKind { Step, Drift, Ima };

struct DisturbanceModel {
  DisturbanceKind kind = DisturbanceKind::Step;
  int runs = 200;
  double offset = 0;       ///< level before any change
  double noiseSd = 1;      ///< σ of ε_t (step, drift) or a_t (IMA)
  double stepSize = 0;     ///< step: the jump
  int stepRun = 0;         ///< step: 0-based run τ of the jump
  double driftPerRun = 0;  ///< drift: δ
  double theta = 0;        ///< IMA: θ in (−1, 1)
  std::uint64_t seed = 1;
  /// Throws fab::Error for runs < 1, σ < 0, |θ| ≥ 1, a step run outside the series, or a non-finite value.
  void validate() const;
};

std::vector<double> generateDisturbance(const DisturbanceModel& model);

/// "step", "drift", "ima"; throws fab::Error for anything else.
DisturbanceKind parseDisturbanceKind(const std::string& name);

}  // namespace fab::kalman

#pragma once
// A structural model (local level or local linear trend, with an optional
// step intervention) run on one series from end to end: the variances given
// or fitted by maximum likelihood, the filter and smoother, the diagnostics
// (NIS test, steady-state gain, equivalent EWMA weight) and the outlier and
// level-shift flags; then the series step by step, produced as it is read.
//
// A plain local level (no intervention) takes the scalar path of
// local_level_steps.h, three numbers per step, so a series of tens of
// millions of steps fits in memory; the other models keep the general
// filter's and smoother's results.
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/kalman/anomaly_flags.h"
#include "core/kalman/diagnostics.h"
#include "core/kalman/level_step.h"
#include "core/kalman/local_level_steps.h"
#include "core/kalman/structural_models.h"
#include "core/kalman/variance_fit.h"

namespace fab::kalman {

struct LevelAnalysisRequest {
  StructuralModel model;          ///< trend, intervention and, unless `fit`, the variances
  bool fit = true;                ///< estimate the variances by maximum likelihood (the model's are ignored)
  double familywiseAlpha = 0.05;  ///< false-alarm probability of the flags (anomaly_flags.h)
};

/// The intervention's level shift δ̂ (the smoothed δ at the last step) and its standard error.
struct InterventionEffect {
  Eigen::Index step = 0;  ///< 0-based first step at the new level
  double effect = 0, standardError = 0;
};

class LevelAnalysis {
 public:
  StructuralModel model;              ///< with the variances the filter used
  std::optional<VarianceFit> fitted;  ///< when the variances were estimated
  Eigen::Index rows = 0;              ///< steps in the series
  Eigen::Index observations = 0;      ///< non-missing values
  Eigen::Index diffuseObservations = 0;
  double logLikelihood = 0;          ///< diffuse, D&K eq. 7.2
  double signalToNoise = 0;          ///< q = σ²η/σ²ε (NaN when σ²ε = 0)
  std::optional<double> ewmaLambda;  ///< local level only (diagnostics.h ewmaWeight)
  /// Filtered steady-state gain; absent for a time-varying model (intervention, irregular time,
  /// σ²ε = 0) or when the Riccati recursion does not converge.
  std::optional<double> steadyStateGain;
  NisTest nis;
  AnomalyReport flags;
  std::optional<InterventionEffect> intervention;
  std::vector<std::string> warnings;  ///< of the filter, then of the fit

  /// Calls `visit` for every step in order; nothing of the series is built beforehand.
  void forEachStep(const std::function<void(const LevelStep&)>& visit) const;

 private:
  friend LevelAnalysis analyseLevel(std::vector<double>, const Eigen::VectorXd&, const LevelAnalysisRequest&,
                                    const Feedback*);
  std::optional<LocalLevelSteps> scalar_;
  // The general path.
  std::vector<double> y_;
  StateSpaceModel stateSpace_;
  FilterResult filter_;
  SmootherResult smoother_;
  Eigen::MatrixXd innovationStd_;
};

/// Runs the analysis on y; `elapsed` is empty (equal spacing) or Δ_t per step (time_spacing.h).
/// Throws fab::Error for an empty series, bad variances or too few observations to fit.
LevelAnalysis analyseLevel(std::vector<double> y, const Eigen::VectorXd& elapsed, const LevelAnalysisRequest& request,
                           const Feedback* feedback = nullptr);

/// The first step whose time is at or after `time` (an intervention given as a time);
/// throws fab::Error when every time is earlier.
Eigen::Index stepAtOrAfter(std::span<const double> times, double time);

}  // namespace fab::kalman

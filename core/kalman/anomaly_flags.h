#pragma once
// Outliers and level shifts from the auxiliary residuals (D&K §2.12;
// Harvey & Koopman, "Diagnostic checking of unobserved-components time series
// models", J. Business & Economic Statistics 10, 1992; de Jong & Penzer 1998).
//
// A large standardised observation disturbance ε̂_t/√Var(ε̂_t) points to an
// outlier at t; a large standardised level disturbance η̂_t/√Var(η̂_t) to a
// shift of the level between t and t+1. Each residual is N(0, 1) under the
// model, so the threshold is the Bonferroni bound z_{1−α/(2N)} for N residuals
// tested: the chance of any false alarm in the whole series is at most α,
// and a 10 000-point series does not raise hundreds of them.
//
// The smoothed disturbances of neighbouring steps are correlated, so one large
// break pushes a run of nearby residuals over the bound. Flagged steps of one
// kind at most `mergeGap` unflagged steps apart are reported as one event at
// the largest |residual|, with the run's span; an outlier run that touches or
// overlaps a level-shift run is attributed
// to the shift (the break distorts the observation residuals next to it).
#include <Eigen/Dense>
#include <vector>

#include "core/kalman/filter_result.h"

namespace fab::kalman {

struct AnomalyOptions {
  double familywiseAlpha = 0.05;      ///< the probability of at least one false alarm, per kind
  Eigen::Index levelDisturbance = 0;  ///< which state disturbance moves the level (0 for the structural models)
  Eigen::Index mergeGap = 5;          ///< flags this many unflagged steps apart or closer form one event
  /// Throws fab::Error for α outside (0, 1) or a negative index or gap.
  void validate() const;
};

enum class AnomalyKind { Outlier, LevelShift };

struct Anomaly {
  AnomalyKind kind = AnomalyKind::Outlier;
  /// 0-based step: the outlying point, or the first point at the new level (largest |residual| of the run).
  Eigen::Index step = 0;
  double residual = 0;                       ///< the auxiliary residual at `step`
  Eigen::Index firstStep = 0, lastStep = 0;  ///< the run of adjacent flagged steps
};

struct AnomalyReport {
  double outlierThreshold = 0;  ///< |residual| above this flags an outlier
  double shiftThreshold = 0;
  Eigen::Index outlierTests = 0;  ///< N for each kind: finite residuals tested
  Eigen::Index shiftTests = 0;
  Eigen::Index outlierPoints = 0;  ///< residuals over the bound, before grouping into runs
  Eigen::Index shiftPoints = 0;
  std::vector<Anomaly> anomalies;  ///< one per run, by step
};

/// Two-sided Bonferroni bound z_{1−α/(2N)}; +inf for N = 0.
double bonferroniThreshold(double familywiseAlpha, Eigen::Index tests);

/// The same flags from residuals handed over one step at a time, in step order, for a series whose
/// residuals are produced as they are computed and never all held. The numbers of finite residuals
/// of each kind (the Bonferroni N) must be known first.
class AnomalyScan {
 public:
  AnomalyScan(const AnomalyOptions& options, Eigen::Index outlierTests, Eigen::Index shiftTests);
  /// Step t's observation residual and level residual (η_{t−1}: the shift into t); NaN where undefined.
  void add(Eigen::Index t, double outlierResidual, double shiftResidual);
  /// The runs grouped and attributed (an outlier run next to a shift run belongs to the shift).
  AnomalyReport finish() const;

 private:
  void extend(std::vector<Anomaly>& runs, AnomalyKind kind, Eigen::Index t, double r, double threshold,
              Eigen::Index& points);
  AnomalyOptions options_;
  AnomalyReport report_;
  std::vector<Anomaly> shifts_, outliers_;
};

/// Flags from the observation (row 0) and level auxiliary residuals of a smoother result.
AnomalyReport flagAnomalies(const SmootherResult& smoothed, const AnomalyOptions& options = {});

const char* anomalyKindName(AnomalyKind kind);

}  // namespace fab::kalman

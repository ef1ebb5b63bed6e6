#pragma once
// The Kalman view's data: a parameter's wafer or lot means in time order, the
// local-level model fitted to them (variances by maximum likelihood),
// filtered and smoothed level, standardised innovations, outlier and
// level-shift flags, and the equivalent EWMA weight. Computed on a worker thread.
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/kalman/anomaly_flags.h"
#include "core/kalman/diagnostics.h"
#include "core/kalman/variance_fit.h"
#include "core/store/database.h"

namespace fab::ui::kalman {

enum class MeanLevel { Wafer, Lot };

/// One value per wafer (or lot): the mean of its measured sites, ordered by
/// the time of its first measurement (then lot, wafer).
struct MeanSeries {
  std::string parameter, unit;
  MeanLevel level = MeanLevel::Wafer;
  std::vector<std::string> lot;
  std::vector<int> wafer;  ///< 0 for lot means
  std::vector<std::int64_t> time;
  std::vector<double> value;
  std::vector<int> sites;  ///< values averaged
  std::size_t size() const { return value.size(); }
  /// "lot L01 wafer 3" / "lot L01".
  std::string label(std::size_t i) const;
};

/// Throws fab::Error when the parameter has no measured value.
MeanSeries loadMeanSeries(store::Database& db, const std::string& parameter, MeanLevel level);

struct KalmanAnalysis {
  MeanSeries series;
  fab::kalman::VarianceFit fit;
  std::vector<double> filtered, filteredSd;  ///< a_{t|t} and its standard deviation
  std::vector<double> smoothed, smoothedSd;  ///< α̂_t and √V_t
  std::vector<double> innovation;            ///< standardised innovations e_t (NaN where undefined)
  fab::kalman::AnomalyReport anomalies;
  fab::kalman::NisTest nis;
  double signalToNoise = 0;  ///< q = σ²η/σ²ε
  double ewmaLambda = 0;     ///< the EWMA weight equivalent to the fitted model
};

/// Fits the local-level model to the series and runs filter, smoother and diagnostics.
KalmanAnalysis analyseLocalLevel(MeanSeries series, const Feedback& feedback = {});

}  // namespace fab::ui::kalman

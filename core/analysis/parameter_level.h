#pragma once
// A parameter's level through time, as the Kalman view and
// `fabkit-cli kalman --workspace W --parameter P` ask for it
// (docs/ARCHITECTURE.md §2, the workspace-analysis layer): one value per wafer
// (or lot), the mean of its measured sites, in the order of its first
// measurement, equally spaced; the local-level model fitted to them by
// maximum likelihood (core/kalman/level_analysis.h), with the filtered and
// smoothed level, the standardised innovations, the outlier and level-shift
// flags and the equivalent EWMA weight.
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/kalman/level_analysis.h"
#include "core/store/database.h"

namespace fab::analysis {

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

struct ParameterLevel {
  MeanSeries series;
  kalman::VarianceFit fit;
  std::vector<double> filtered, filteredSd;  ///< a_{t|t} and its standard deviation (NaN while diffuse)
  std::vector<double> smoothed, smoothedSd;  ///< α̂_t and √V_t
  std::vector<double> innovation;            ///< standardised innovations e_t (NaN where undefined)
  kalman::AnomalyReport anomalies;
  kalman::NisTest nis;
  double signalToNoise = 0;  ///< q = σ²η/σ²ε
  double ewmaLambda = 0;     ///< the EWMA weight equivalent to the fitted model
  double logLikelihood = 0;  ///< diffuse, Durbin & Koopman eq. 7.2
};

/// The model every view of a parameter's level uses: the local level, its
/// variances fitted by maximum likelihood, one step per mean, flags at
/// `familywiseAlpha` (the CLI streams this; parameterLevel collects it).
kalman::LevelAnalysis fitParameterLevel(const MeanSeries& series, double familywiseAlpha = 0.05,
                                        const Feedback* feedback = nullptr);

/// Fits the local-level model to the series and runs filter, smoother and diagnostics.
ParameterLevel parameterLevel(MeanSeries series, const Feedback& feedback = {});

/// loadMeanSeries, then parameterLevel.
ParameterLevel parameterLevel(store::Database& db, const std::string& parameter, MeanLevel level,
                              const Feedback& feedback = {});

}  // namespace fab::analysis

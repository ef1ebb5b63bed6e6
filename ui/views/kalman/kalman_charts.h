#pragma once
// Chart models of the Kalman view, built from an analysis once.
#include <memory>

#include "core/kalman/r2r_controller.h"
#include "ui/chart/chart_model.h"
#include "core/analysis/parameter_level.h"

namespace fab::ui::kalman {

// The analysis is core/analysis/parameter_level.h (the same for `fabkit-cli kalman --workspace`).
using analysis::MeanLevel;
using analysis::MeanSeries;
using KalmanAnalysis = analysis::ParameterLevel;

/// Index of each series in levelChart()'s model.
enum LevelSeries { kRaw = 0, kFiltered, kSmoothed, kUpperBand, kLowerBand };

/// The means (outliers flagged), filtered and smoothed level, the smoothed
/// level ± 2σ, and a phase split at each level shift. x is the 1-based
/// position in time order; ChartPoint::row the index in the series.
std::shared_ptr<chart::ChartModel> levelChart(const KalmanAnalysis& a);

/// Standardised innovations with ±2 and ±3 limits and the Bonferroni bound
/// the flags use; points outside ±3 flagged.
std::shared_ptr<chart::ChartModel> innovationChart(const KalmanAnalysis& a);

/// The R2R replay: open-loop means, controlled output and the target.
std::shared_ptr<chart::ChartModel> r2rChart(const KalmanAnalysis& a, const fab::kalman::R2rResult& r, double target);

}  // namespace fab::ui::kalman

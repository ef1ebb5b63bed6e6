#pragma once
// Chart-layer models of an SPC report page: the control chart (limits as
// stair steps, A/B/C zones, violations marked) and the capability histogram
// (spec lines, fitted normal curves). Built from the analysis; no statistics here
// beyond scaling the fitted normal densities to counts.
#include <memory>

#include "ui/chart/chart_model.h"
#include "ui/chart/histogram_painter.h"
#include "ui/report/spc_analysis.h"

namespace fab::ui::report {

/// The main panel of the analysis' chart (individuals or X̄).
std::shared_ptr<chart::ChartModel> controlChartModel(const SpcParameterAnalysis& a);

/// Histogram of the values with LSL/target/USL lines and the normal densities
/// (σ within and σ overall) scaled to counts: n · bin width · φ((x − x̄)/σ)/σ.
std::shared_ptr<chart::HistogramModel> capabilityHistogramModel(const SpcParameterAnalysis& a);

}  // namespace fab::ui::report

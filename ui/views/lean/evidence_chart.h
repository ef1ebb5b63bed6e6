#pragma once
// The phase-split chart of a kaizen's evidence, drawn by the SPC view's own
// control-chart model: the individuals chart of the wafer means split at the
// change, each phase with its own centre line and limits, the change marked
// by the phase line. Nothing is computed here; core/lean computed the chart.
#include <memory>

#include "core/lean/evidence.h"
#include "ui/chart/chart_model.h"
#include "ui/views/spc/control_chart_data.h"

namespace fab::ui::lean {

/// The evidence's phase chart as control-chart data (one measurement row per
/// point, in phase order), so buildPanelModel and describeChartPoint apply.
ControlChartData evidenceChartData(const fab::lean::EvidenceInput& input, const fab::lean::KaizenEvidence& evidence);

/// The model the chart painter draws: buildPanelModel's panel 0 with the
/// evidence's title and axis label.
std::shared_ptr<chart::ChartModel> evidenceChartModel(const ControlChartData& data);

}  // namespace fab::ui::lean

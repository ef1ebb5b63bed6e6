#pragma once
// Chart models of a kanban board's flow: the cumulative flow diagram and an
// individuals (XmR) chart of cycle times. Plain functions over the core's
// flow metrics; the chart layer draws them.
#include <memory>

#include "core/lean/flow_metrics.h"
#include "ui/chart/chart_model.h"

namespace fab::ui::lean {

/// One line per column, stacked from the rightmost (done) column up, so the
/// band between two lines is the cards in a column; x is the end of each day.
std::shared_ptr<chart::ChartModel> cumulativeFlowChart(const fab::lean::KanbanBoard& board,
                                                       const fab::lean::FlowMetrics& metrics);

/// Cycle times of finished cards in the order they finished, with I-MR limits
/// from the SPC core. ChartPoint::row is the card id.
std::shared_ptr<chart::ChartModel> cycleTimeChart(const fab::lean::FlowMetrics& metrics);

}  // namespace fab::ui::lean

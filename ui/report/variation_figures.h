#pragma once
// The figures of "where the variation lives" and "which tool did it", built
// once from the analyses' results for the screen and the SPC report alike:
// the variability (multi-vari) chart, the components bar chart and the box
// plots by tool at a route step.
#include <QString>

#include <memory>

#include "core/variation/workspace_commonality.h"
#include "core/variation/workspace_variance_components.h"
#include "ui/chart/bar_chart_painter.h"
#include "ui/chart/box_plot_painter.h"
#include "ui/chart/chart_model.h"

namespace fab::ui::report {

/// Sites by wafer (x = the wafer's place in the series), wafer means joined,
/// each lot's mean as a level over its wafers.
std::shared_ptr<chart::ChartModel> variabilityChart(const variation::WorkspaceVarianceComponents& a,
                                                    const QString& parameter);

/// Each component's share of the total variance with its interval.
std::shared_ptr<chart::BarChartModel> componentsChart(const variation::VarianceComponentsResult& r);

/// Box plots of the groups at one step (its groupStats); `highlightLast` marks
/// the group with the highest median (the suspect at the top step).
std::shared_ptr<chart::BoxPlotModel> stepBoxPlots(const variation::StepTest& step, const QString& valueName,
                                                  const QString& grouping, bool highlightLast);

}  // namespace fab::ui::report

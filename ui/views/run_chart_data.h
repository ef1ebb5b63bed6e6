#pragma once
// A parameter's run chart: every value in time order with the spec limits in
// force, built as a chart model on a worker thread (no statistics computed).
#include <memory>
#include <string>

#include "core/store/database.h"
#include "core/store/measurements.h"
#include "ui/chart/chart_model.h"

namespace fab::ui {

struct RunChartData {
  std::shared_ptr<const chart::ChartModel> model;
  std::shared_ptr<const store::MeasurementSeries> series;  ///< ChartPoint::row indexes it
};

/// The chart of `series` with `spec` drawn as lines (x: time when every row has
/// one, else the sample number).
RunChartData makeRunChart(store::MeasurementSeries series, const std::optional<store::SpecLimits>& spec);

/// Loads the parameter and its spec (for the product with the most rows) and builds the chart.
RunChartData loadRunChart(store::Database& db, const std::string& parameter);

/// Tooltip text for point `row` of the series: lot, wafer, site, time, value, tool.
QString describePoint(const store::MeasurementSeries& series, std::size_t row);

}  // namespace fab::ui

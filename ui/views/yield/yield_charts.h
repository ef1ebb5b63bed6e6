#pragma once
// Chart models of the yield calculator: plain functions from the yield core's
// results to the chart layer's data.
#include <QStringList>

#include <memory>
#include <vector>

#include "core/yield/window_fit.h"
#include "core/yield/yield_model.h"
#include "core/yield/yield_pareto.h"
#include "ui/chart/bar_chart_painter.h"
#include "ui/chart/chart_model.h"

namespace fab::ui::yield {

struct YieldInputs {
  double areaCm2 = 1.0;
  double d0 = 0.5;  ///< cm⁻²
  fab::yield::ModelParameters parameters;
  double y0 = 1.0;
  double dieQuality = 0.99;  ///< KGD: probability a die shipped as good is good
  double assemblyYield = 1.0;
};

/// Y(D0) of every model at the inputs' area, D0 from 0 to `d0Max`, with a
/// vertical line at the inputs' D0.
std::shared_ptr<chart::ChartModel> yieldVersusD0Chart(const YieldInputs& in, double d0Max);

/// The window method: block yields of the data (markers, row = block index)
/// and each fitted model's block yield Y0·Y(m·A·D0) over the block sizes.
std::shared_ptr<chart::ChartModel> windowFitChart(const fab::yield::WindowFitResult& fit, double dieAreaCm2);

/// Package yield q^N × Y_assembly against die quality q for N in `dieCounts`.
std::shared_ptr<chart::ChartModel> kgdChart(const YieldInputs& in, const std::vector<int>& dieCounts);

/// The known-good-die table: rows are die qualities, columns N = 1..maxDies,
/// cells the package yield. Row labels "99.0 %" etc.
struct KgdTable {
  std::vector<double> qualities;
  int maxDies = 16;
  std::vector<std::vector<double>> yield;  ///< [row][N − 1]
};
KgdTable kgdTable(const std::vector<double>& qualities, int maxDies, double assemblyYield);

/// Failed dies per bin (bars, largest first) with the cumulative share of the
/// loss as a line scaled to the bars (100 % = all failed dies, marked right of
/// the plot). The calculator view and the yield report draw this.
chart::BarChartModel binParetoChart(const fab::yield::YieldPareto& pareto, const QString& title);

/// Failed dies per wafer zone (center disc, middle and edge rings of the die
/// centre's radius fraction), largest first, each category naming its radius
/// range and yield, with the cumulative share as for the bins. Without zones
/// (no die has a radius fraction) the chart is empty and its title says why.
chart::BarChartModel zoneParetoChart(const fab::yield::YieldPareto& pareto, const QString& title);

}  // namespace fab::ui::yield

#pragma once
// A parameter's control chart for the SPC view: what the engineer asked for
// (chart type, subgroups, baseline, rules, grouping), the chart computed by
// core/spc over the workspace rows, and the chart-layer models that draw it.
// Built on a worker thread; nothing here touches a widget.
#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/control_chart.h"
#include "core/spc/chart_types.h"
#include "core/spc/exceptions.h"
#include "core/spc/point_groups.h"
#include "core/store/database.h"
#include "core/store/measurements.h"
#include "core/store/spc_limits.h"
#include "ui/chart/chart_model.h"

namespace fab::ui {

/// How the x axis of a chart is labelled. The points stay evenly spaced in run
/// order (as SPC charts are read); the labels name the lot each run of points
/// belongs to (a tick and grid line where a lot starts), the date of the point,
/// or its index. The point's index is in every tooltip.
enum class XLabels { Lot, Time, Index };

struct ControlChartRequest {
  std::string parameter;
  std::string product;  ///< only this product's lots (its spec and limits); "" = every product
  spc::ChartType type = spc::ChartType::IndividualsMR;
  std::string subgroup;  ///< "" = individuals, else "wafer" or "lot"
  /// Phase I baseline: 1-based subgroup numbers, inclusive (unset = all points).
  std::optional<std::size_t> baselineFirst, baselineLast;
  std::string rules = "nelson";  ///< we | nelson | none (automatic requests: the approved rules)
  /// Set by hand: override the approved ones (unset: approved, else 3, 0.2, 0.5, 5).
  std::optional<double> L, lambda, k, h;
  bool useApproved = true;              ///< approved limits from the workspace when present
  bool showSpec = false;                ///< draw LSL / target / USL on the main panel
  std::optional<spc::GroupBy> groupBy;  ///< colour points by group
  std::string step = "GATE_ETCH";       ///< lot history step for tool and chamber
  bool phasePerGroup = false;           ///< order points by group, each group its own phase and limits
  /// The chart in force (core/analysis/chart_in_force.h): the chart of the latest
  /// approved limits, else the one the data call for; its approved rules.
  bool automatic = false;
  XLabels xLabels = XLabels::Lot;  ///< how the x axis is labelled (the analysis does not change)
};

/// The analysis (core/analysis/control_chart.h) and the chart models that draw it.
struct ControlChartData {
  ControlChartRequest request;  ///< as computed: the chart, subgroup and rules in force for automatic requests
  std::shared_ptr<const store::MeasurementSeries> series;
  spc::ChartResult result;
  std::vector<std::string> keys;    ///< per point: subgroup key or "lot/wafer/site time"
  std::vector<std::size_t> rowOf;   ///< per point: first input row
  std::vector<std::string> groups;  ///< per point: group label (empty without grouping)
  std::vector<spc::OpenViolation> open;
  std::optional<store::ApprovedLimits> approved;  ///< the limits in force that were used
  std::optional<store::SpecLimits> spec;
  spc::ChartOptions options;                ///< what the chart was computed with (for approving it)
  std::optional<std::size_t> subgroupSize;  ///< rows per subgroup when the chart in force groups by size
  std::string chartNote;                    ///< why this chart (automatic requests); empty otherwise
  std::string product;                      ///< the product spec and limits apply to (analysis::productInScope)
  std::string limitsSource;                 ///< where the limits came from, in words
  std::vector<std::shared_ptr<const chart::ChartModel>> panels;  ///< one chart model per result panel
  XLabels xLabels = XLabels::Lot;  ///< Lot falls back to Index without lots, Time to Index without times
};

/// Sets the x axis of `model` (a panel of `data`) to data.xLabels.
void labelXAxis(const ControlChartData& data, chart::ChartModel& model);

/// Loads the parameter, computes the chart and builds its models. Throws fab::Error.
ControlChartData computeControlChart(store::Database& db, const ControlChartRequest& request);

/// The chart models of an analysis already computed for `asked`.
ControlChartData controlChartData(analysis::ControlChartAnalysis analysis, const ControlChartRequest& asked);

/// The chart-layer model of one panel: stair-step limits, ±1σ/±2σ zones, phase
/// splits, violations flagged, points coloured by group, spec lines on request.
/// ChartPoint::row is the point index (look its input row up in rowOf).
std::shared_ptr<chart::ChartModel> buildPanelModel(const ControlChartData& data, std::size_t panel);

/// Tooltip of point `point` of panel `panel`: key, lot/wafer, value, group and
/// every rule it broke with its plain-language reason.
QString describeChartPoint(const ControlChartData& data, std::size_t panel, std::size_t point);

/// The analysis request the view's request stands for.
analysis::ControlChartRequest analysisRequest(const ControlChartRequest& request);

/// The last phase's estimate as limits to approve (who, why), for the view's action.
store::ApprovedLimits limitsToApprove(const ControlChartData& data, const std::string& who, const std::string& why);

}  // namespace fab::ui

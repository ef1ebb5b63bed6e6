#pragma once
// A control chart of a workspace parameter, as the engineer asks for it from
// the GUI, `fabkit-cli spc` or the SPC report: one function decides which
// rows, which chart, which approved limits, which points are excluded and
// which spec applies, and says each decision in words in the result
// (docs/ARCHITECTURE.md §2, the workspace-analysis layer).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/spec_in_scope.h"
#include "core/spc/chart_types.h"
#include "core/spc/exceptions.h"
#include "core/spc/point_groups.h"
#include "core/spc/subgroups.h"
#include "core/store/database.h"
#include "core/store/measurements.h"
#include "core/store/spc_limits.h"
#include "core/store/spc_notes.h"

namespace fab::analysis {

/// Chart parameters the engineer sets by hand; unset ones come from the
/// approved limits in force, else the defaults of spc::ChartOptions.
struct ChartSettings {
  std::optional<double> L, lambda, k, h, headStart, target;
  std::optional<double> knownCenter, knownSigma;
  std::optional<std::string> rules;  ///< we | nelson | rule1 | none
  spc::MovingRangeMethod movingRange = spc::MovingRangeMethod::Average;
  spc::WithinSpread withinSpread = spc::WithinSpread::Range;
};

struct ControlChartRequest {
  std::string parameter;
  std::string product;                   ///< only this product's lots; "" = every product
  std::vector<std::string> lots;         ///< empty = every lot
  std::optional<std::int64_t> from, to;  ///< ms since 1970 UTC, inclusive
  /// The chart; unset = the chart in force (chart_in_force.h) with its subgroups.
  std::optional<spc::ChartType> chart;
  std::string subgroup;                     ///< with `chart`: lot | wafer | time | tool | product; "" = none
  std::optional<std::size_t> subgroupSize;  ///< with `chart`: consecutive rows per subgroup
  bool useApproved = true;                  ///< false: estimate even when limits are approved
  ChartSettings settings;
  std::vector<std::size_t> splits;                         ///< 0-based points that start a new phase
  std::optional<std::size_t> baselineFirst, baselineLast;  ///< phase I points, 0-based inclusive
  std::vector<std::size_t> excludePoints;  ///< 0-based points left out of the estimate, besides the notes
  std::optional<spc::GroupBy> groupBy;     ///< label (colour) points by tool, chamber or product
  std::string step;                        ///< lot history step for tool and chamber
  bool phasePerGroup = false;              ///< order points by group, each group its own phase and limits
  std::optional<double> sampleSize;        ///< attribute charts: sample size of every row
};

struct ControlChartAnalysis {
  ControlChartRequest request;
  std::shared_ptr<const store::MeasurementSeries> series;
  std::string product;  ///< the product spec and limits were looked up for ("" = every product)
  spc::ChartType type = spc::ChartType::IndividualsMR;
  std::string subgroup;                     ///< the subgroup field used ("" = by size or individuals)
  std::optional<std::size_t> subgroupSize;  ///< rows per subgroup when grouped by size
  std::string chartReason;  ///< why this chart: "the approved three-way limits in force", "9 sites per wafer: …"
  std::optional<store::ApprovedLimits> approved;  ///< the approved limits the chart uses
  std::string limitsSource;  ///< "approved version 1 (three-way) by … on …: …" or "estimated …"
  std::string rules;         ///< the rule set in force, by name
  SpecInScope spec;
  std::optional<spc::Subgroups> groups;  ///< in plotting order; nullopt for individuals
  spc::ChartOptions options;             ///< exactly what the chart was computed with
  spc::ChartResult chart;
  std::vector<std::string> pointKeys;    ///< per point (point_keys.h)
  std::vector<std::size_t> rowOf;        ///< per point: its first input row
  std::vector<std::string> groupLabels;  ///< per point: its group (empty without groupBy)
  std::vector<std::string> excluded;     ///< keys of the points left out of the estimate
  std::vector<store::PointNote> notes;   ///< every note on the parameter's points
  std::vector<spc::OpenViolation> open;  ///< violations nobody acknowledged

  std::size_t violationCount() const;
  /// Input rows of the points that are not excluded (and, with `baselineOnly`, in a phase I baseline).
  std::vector<std::uint8_t> rowsInUse(bool baselineOnly) const;
};

/// Throws fab::Error for an unknown parameter, a parameter without rows in
/// scope, or a request the data cannot answer.
ControlChartAnalysis controlChart(store::Database& db, const ControlChartRequest& request);

/// Sets the chart parameters the engineer set by hand on `options` (over the approved ones).
void applyChartSettings(const ChartSettings& settings, spc::ChartOptions& options);

/// The last phase as limits to approve, with everything the chart used
/// (subgroups, rules, L, λ, k, h, head start, target).
store::ApprovedLimits limitsToApprove(const ControlChartAnalysis& analysis, const std::string& who,
                                      const std::string& why);

}  // namespace fab::analysis

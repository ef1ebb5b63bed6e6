#pragma once
// What one SPC report page shows, from the workspace-analysis layer
// (core/analysis): the control chart in force with its approved limits
// (estimated from the report's own data only when none were ever approved),
// its violations with the lot/wafer behind each point, and capability against
// the spec in force — the same numbers as the GUI and fabkit-cli. Plain C++:
// the report builder turns it into chart models and tables.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/spc/capability.h"
#include "core/spc/chart_types.h"
#include "core/store/database.h"
#include "core/store/measurements.h"
#include "core/store/spc_limits.h"
#include "core/store/spc_notes.h"

namespace fab::ui::report {

struct SpcScope {
  std::vector<std::string> parameters;   ///< empty = every parameter of the workspace
  std::string product;                   ///< only this product's lots (its spec and limits); "" = every product
  std::vector<std::string> lots;         ///< empty = every lot
  std::optional<std::int64_t> from, to;  ///< ms since 1970 UTC, inclusive
};

struct SpcParameterAnalysis {
  std::string parameter, unit;
  std::size_t rows = 0;                ///< measurement rows in scope
  std::vector<double> values;          ///< per row: the value capability uses (NaN = missing or left out)
  std::vector<std::string> pointKeys;  ///< per chart point: "lot/wafer/site" or the subgroup key
  spc::ChartResult chart;
  std::optional<store::ApprovedLimits> approved;  ///< the limits in force, when any were approved
  std::string limitsSource;                       ///< how the limits were obtained, in words
  std::string chartNote;  ///< why this chart when none was approved (store::defaultChart); may be empty
  spc::SpecLimits spec;
  bool hasSpec = false;
  std::string specSource;  ///< which spec, in words
  std::optional<spc::CapabilityResult> capability;
  std::string capabilityNote;  ///< why there is no capability (no spec, too few values…)
  std::vector<store::PointNote> notes;
  std::size_t violationCount() const;
  std::size_t rule1Count() const;  ///< points beyond a control limit (any panel)
};

/// Analyses one parameter over the scope. Throws fab::Error for an unknown
/// parameter; a parameter without rows in scope gives an analysis with rows = 0.
SpcParameterAnalysis analyseParameter(store::Database& db, const std::string& parameter, const SpcScope& scope);

/// Every parameter in scope (the workspace's, in name order, when none chosen).
std::vector<SpcParameterAnalysis> analyseParameters(store::Database& db, const SpcScope& scope,
                                                    const Feedback& feedback = {});

}  // namespace fab::ui::report

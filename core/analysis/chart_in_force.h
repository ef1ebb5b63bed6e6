#pragma once
// The control chart in force for a parameter when the engineer names none.
//
// Policy (one for the GUI, the CLI and the report): the chart whose approved
// limits in force were saved last (docs/ARCHITECTURE.md §3: "every view, CLI call and
// report uses the approved limits in force"), with the subgroups it was
// approved with; when nothing was ever approved for the parameter (and
// product), the chart the data call for (store::defaultChart: the three-way
// chart of wafer means with several sites per wafer, else I-MR).
#include <optional>
#include <string>

#include "core/spc/chart_types.h"
#include "core/store/database.h"
#include "core/store/measurements.h"
#include "core/store/spc_limits.h"

namespace fab::analysis {

struct ChartInForce {
  spc::ChartType type = spc::ChartType::IndividualsMR;
  std::string subgroup;                     ///< subgroup field ("wafer", "lot", …); "" = by size or individuals
  std::optional<std::size_t> subgroupSize;  ///< consecutive rows per subgroup when no field is named
  std::optional<store::ApprovedLimits> approved;
  std::string reason;  ///< why this chart, in words
};

/// The chart in force (see above) for the rows of `series`.
ChartInForce chartInForce(store::Database& db, const store::MeasurementSeries& series, const std::string& parameter,
                          const std::string& product);

/// The subgroups approved limits were made with: their key field, else their
/// size, else individuals (X̄ and three-way limits approved without either
/// were made with subgroups of 5, the CLI's old default).
void approvedSubgroups(const store::ApprovedLimits& approved, spc::ChartType type, std::string& field,
                       std::optional<std::size_t>& size);

/// "approved limits version 2 (imr), approved by J. Doe on 2026-09-20: reason" — where the limits came from.
std::string describeApproval(const store::ApprovedLimits& approved);

}  // namespace fab::analysis

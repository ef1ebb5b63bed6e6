#pragma once
// Approved limits and chart options, both ways, in one place: the limits in
// force become the options a chart is computed with (limit width L, EWMA λ,
// CUSUM k, h and head start, target, rules, the fixed process estimate of
// every phase), and a computed phase becomes the limits an engineer approves.
#include <optional>
#include <string>

#include "core/spc/chart_types.h"
#include "core/store/spc_limits.h"

namespace fab::analysis {

/// Sets every chart parameter the approval carries on `options` and fixes each
/// phase's estimate to the approved one (docs/ARCHITECTURE.md §3: approved limits
/// never drift with the data shown). Call after the phases are set.
void applyApprovedLimits(const store::ApprovedLimits& approved, spc::ChartOptions& options);

/// What the engineer approves: the chart type and subgroups it was computed
/// with, its rules and parameters, and the estimate of `phase` of `result`.
struct ApprovalBasis {
  std::string parameter, product;
  spc::ChartType type = spc::ChartType::IndividualsMR;
  std::string subgroupField;                ///< "" = by size or individuals
  std::optional<std::size_t> subgroupSize;  ///< consecutive rows per subgroup
  std::string rules = "nelson";
};

/// The limits to store for the last phase of `result` computed with `options`.
store::ApprovedLimits limitsToApprove(const ApprovalBasis& basis, const spc::ChartOptions& options,
                                      const spc::ChartResult& result, const std::string& who, const std::string& why);

}  // namespace fab::analysis

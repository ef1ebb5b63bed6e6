#pragma once
// Tool commonality on a workspace: the parameter's wafer means (or the die
// yield) joined to lot_history at every route step. The one place that
// decides the unit, the grouping and the split, so that the CLI, the GUI and a
// report give the same ranking. docs/ARCHITECTURE.md §2, §3 `lot_history`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/database.h"
#include "core/store/measurements.h"
#include "core/variation/commonality.h"

namespace fab::variation {

enum class ToolGrouping { Tool, Chamber, ToolAndChamber };
std::string_view toolGroupingName(ToolGrouping g);  ///< "tool", "chamber", "tool+chamber"
std::optional<ToolGrouping> toolGroupingFromName(std::string_view name);

/// The experimental unit of the tests. Wafers of a lot that ran together share
/// the lot's offset, so with lot-level history wafer-level p-values overstate
/// the evidence (core/lean/experimental_unit.h); lot units average the wafers
/// of a lot that ran on the same tool.
enum class CommonalityUnit { Wafer, Lot };

struct CommonalityRequest {
  std::string parameter;  ///< averaged per wafer; ignored with `yield`
  bool yield = false;     ///< the die yield per wafer, plus χ² on the die counts
  ToolGrouping grouping = ToolGrouping::ToolAndChamber;
  CommonalityUnit unit = CommonalityUnit::Wafer;
  /// Split every group at this time (track-in at the step): "ETCH-03/B before" / "after".
  std::optional<std::int64_t> splitAt;
  store::MeasurementFilter filter;  ///< time window, lots, product
  std::vector<std::string> steps;   ///< empty = every step in lot_history
  CommonalityOptions options;
};

struct WorkspaceCommonality {
  CommonalityResult result;
  std::size_t wafers = 0;  ///< wafers with a value
  std::string unitName;    ///< "wafer" or "lot"
  std::string valueName;   ///< "OX_THK wafer mean" or "die yield"
  /// What each step tested, in the order of the steps asked for: per group its
  /// units' values and names ("N2601A/3", or "N2601A" for lot units), for a
  /// view that draws every unit and names the wafer behind a point.
  std::vector<StepGrouping> groupings;
};

/// Throws fab::Error when the workspace has no route history, or the
/// parameter no values (naming the parameters present).
WorkspaceCommonality workspaceCommonality(store::Database& db, const CommonalityRequest& request);

}  // namespace fab::variation

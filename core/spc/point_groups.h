#pragma once
// Splitting or colouring a chart by where its points were processed: the
// process tool, the chamber (tool/chamber) or the product, read from the
// lot history at one route step. Pure: the caller loads the history.
#include <span>
#include <string>
#include <vector>

#include "core/store/measurements.h"

namespace fab::spc {

enum class GroupBy { Tool, Chamber, Product };

/// "tool", "chamber" or "product"; throws fab::Error naming them otherwise.
GroupBy parseGroupBy(const std::string& text);
const char* groupByName(GroupBy by);

/// Where a chart point comes from: the lot and wafer (0 = unknown) of its
/// first input row, and the lot's product.
struct PointOrigin {
  std::string lot;
  int wafer = 0;
  std::string product;
};

/// The label every point's group: the tool ("ETCH-03"), tool/chamber
/// ("ETCH-03/B") or product. A history row for the wafer wins over a row for
/// the whole lot (wafer 0); when a lot passed the step several times (rework)
/// the latest track-in counts. Points without history at the step get
/// kUnknownGroup. `history` need not be sorted.
std::vector<std::string> groupLabels(std::span<const PointOrigin> points,
                                     std::span<const store::ProcessContext> history, GroupBy by);

inline constexpr const char* kUnknownGroup = "(no history)";

/// The distinct labels in order of first appearance.
std::vector<std::string> distinctGroups(std::span<const std::string> labels);

}  // namespace fab::spc

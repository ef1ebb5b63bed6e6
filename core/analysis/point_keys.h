#pragma once
// The name of every control chart point, the one key that point notes
// (acknowledgements and exclusions, docs/ARCHITECTURE.md §3) are stored under.
// The chart in the GUI, `fabkit-cli spc` and the SPC report all name points
// with these functions, so a point excluded in one is excluded in the others.
#include <cstddef>
#include <string>
#include <vector>

#include "core/spc/subgroups.h"
#include "core/store/measurements.h"

namespace fab::analysis {

/// One measurement row: "lot/wafer/site time" (site and time when given),
/// e.g. "L2601/3/C 2026-09-14T08:30:00Z".
std::string rowKey(const store::MeasurementSeries& series, std::size_t row);

/// One key per chart point: the row key for individuals (`groups` null), else
/// the subgroup key ("L2601/3" for wafers), and for fixed-size subgroups
/// "subgroup g (first row's key)".
std::vector<std::string> pointKeys(const store::MeasurementSeries& series, const spc::Subgroups* groups);

/// Plain rows without a workspace (a CSV): the same naming over given row labels.
std::vector<std::string> pointKeys(const std::vector<std::string>& rowLabels, const spc::Subgroups* groups);

}  // namespace fab::analysis

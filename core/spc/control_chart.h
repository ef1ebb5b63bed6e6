#pragma once
// Control charts: the one entry point that turns data and options into a
// ChartResult, whatever the chart type. Pure: no database, no drawing.
//
//   auto groups = subgroupsOfSize(values.size(), 5);
//   ChartOptions o;  o.type = ChartType::XbarR;
//   o.phases = {{.start = 0, .baselineFirst = 0, .baselineLast = 24}};
//   ChartResult r = computeVariablesChart(values, &groups, o);
#include <cstdint>
#include <span>

#include "core/spc/chart_types.h"
#include "core/spc/subgroups.h"

namespace fab::spc {

/// Variables charts (I-MR, X̄-R, X̄-S, EWMA, CUSUM, three-way) over `values`
/// (NaN = missing), grouped by `groups` (nullptr: each row its own point).
ChartResult computeVariablesChart(std::span<const double> values, const Subgroups* groups, const ChartOptions& options);

/// Attribute charts (p, np, c, u, Laney p′/u′) over counts and sample sizes per
/// row, summed per subgroup when `groups` is given. For c charts `sizes` may be empty.
ChartResult computeAttributeChart(std::span<const double> counts, std::span<const double> sizes,
                                  const Subgroups* groups, const ChartOptions& options);

/// Phase starts (point indexes) for phase splits at the given times: a phase
/// begins at the first point whose time is ≥ each split time. `pointTimes`
/// must be non-decreasing (ms since 1970). Empty phases are dropped.
std::vector<PhaseSpec> phasesAtTimes(std::span<const std::int64_t> pointTimes,
                                     std::span<const std::int64_t> splitTimes);

/// Phases starting at the given point indexes (0 is added when missing).
std::vector<PhaseSpec> phasesAtPoints(std::span<const std::size_t> starts);

}  // namespace fab::spc

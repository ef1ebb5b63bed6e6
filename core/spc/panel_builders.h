#pragma once
// Panel pieces more than one chart draws, written once: an individuals chart
// with its moving range, and one point of an R or S chart.
#include <cstdint>
#include <span>

#include "core/spc/chart_types.h"
#include "core/spc/constants.h"

namespace fab::spc {

/// Individuals x[first, last) around `center` ± L·σ, and their moving ranges
/// (none at the phase's first point: ranges never span a phase split) with
/// centre d2(2)·σ and limits (d2 ± L·d3)·σ, clipped at 0 (Montgomery §6.4).
void plotIndividuals(std::span<const double> x, std::size_t first, std::size_t last, double center, double sigma,
                     double L, ChartPanel& individuals, ChartPanel& movingRange);

/// Point i of an R or S chart for a subgroup of n values with σ within:
/// centre d2(n)·σ (or c4·σ), σ of the statistic d3·σ (or √(1 − c4²)·σ),
/// limits centre ± L·that, clipped at 0. Subgroups with n < 2 get no limits.
void plotSpreadPoint(ChartPanel& panel, std::size_t i, double value, double n, double sigma, WithinSpread spread,
                     double L, ConstantsCache& constants);

}  // namespace fab::spc

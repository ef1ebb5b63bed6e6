#pragma once
// The sample quantile used wherever fabkit summarises a set of values by a percentile.
#include <vector>

namespace fab {

/// The p-quantile (0 ≤ p ≤ 1) of the values, linear interpolation between order statistics:
/// Hyndman & Fan (1996), "Sample quantiles in statistical packages", Am. Stat. 50(4), definition 7
/// (R's and numpy's default). Throws fab::Error for no values or p outside [0, 1].
double sampleQuantile(std::vector<double> values, double p);

}  // namespace fab

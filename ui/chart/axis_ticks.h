#pragma once
// Tick positions and labels for chart axes: "nice" numbers (1, 2, 5 × 10^k)
// for numeric axes and calendar steps for time axes.
#include <QString>

#include <vector>

namespace fab::ui::chart {

struct AxisTicks {
  std::vector<double> values;   ///< inside [min, max], ascending
  std::vector<QString> labels;  ///< one per value
  double step = 0;
};

/// The nice number nearest `x` (round) or not smaller than `x` (ceiling) among
/// 1, 2, 5 × 10^k. Heckbert, "Nice numbers for graph labels", Graphics Gems I
/// (1990), pp. 61–63.
double niceNumber(double x, bool round);

/// About `target` ticks at multiples of the nice step nearest
/// (max − min) / (target − 1), inside [min, max], labelled with just
/// enough decimals to tell neighbours apart. Empty when the range is not finite
/// or not positive.
AxisTicks numericTicks(double min, double max, int target = 6);

/// Ticks for a time axis in milliseconds since 1970 UTC: seconds, minutes,
/// hours, days, weeks, calendar months or years, whichever step gives about
/// `target` ticks; labels in UTC in the precision the step needs.
AxisTicks timeTicks(double minMs, double maxMs, int target = 6);

/// A value printed with `decimals` places, "−0" avoided.
QString formatNumber(double value, int decimals);

/// Decimal places that tell multiples of `step` apart (0 for steps ≥ 1).
int decimalsForStep(double step);

}  // namespace fab::ui::chart

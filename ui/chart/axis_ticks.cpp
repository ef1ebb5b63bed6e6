#include "ui/chart/axis_ticks.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <cmath>

namespace fab::ui::chart {
namespace {

constexpr double kSecond = 1000.0, kMinute = 60 * kSecond, kHour = 60 * kMinute, kDay = 24 * kHour;

QDateTime utc(double ms) { return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(std::llround(ms)), Qt::UTC); }

QString timeLabel(double ms, double step) {
  const QDateTime t = utc(ms);
  if (step < kMinute) return t.toString("hh:mm:ss");
  if (step < kDay) return t.toString("MM-dd hh:mm");
  if (step < 28 * kDay) return t.toString("yyyy-MM-dd");
  if (step < 365 * kDay) return t.toString("yyyy-MM");
  return t.toString("yyyy");
}

/// Month-based ticks (first day of every `months`-th month, UTC).
AxisTicks monthTicks(double minMs, double maxMs, int months) {
  AxisTicks ticks;
  ticks.step = months * 30.44 * kDay;
  const QDate first = utc(minMs).date();
  int monthIndex = first.year() * 12 + first.month() - 1;
  monthIndex = (monthIndex + months - 1) / months * months;
  for (;; monthIndex += months) {
    const QDateTime t(QDate(monthIndex / 12, monthIndex % 12 + 1, 1), QTime(0, 0), Qt::UTC);
    const double ms = static_cast<double>(t.toMSecsSinceEpoch());
    if (ms < minMs) continue;
    if (ms > maxMs) break;
    ticks.values.push_back(ms);
    ticks.labels.push_back(timeLabel(ms, ticks.step));
  }
  return ticks;
}

}  // namespace

double niceNumber(double x, bool round) {
  if (!(x > 0) || !std::isfinite(x)) return 1;
  const double exponent = std::floor(std::log10(x));
  const double power = std::pow(10.0, exponent);
  const double f = x / power;
  double nice;
  if (round)
    nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else
    nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nice * power;
}

int decimalsForStep(double step) {
  if (!(step > 0) || !std::isfinite(step)) return 0;
  return std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
}

QString formatNumber(double value, int decimals) {
  if (std::abs(value) < 0.5 * std::pow(10.0, -decimals)) value = 0;  // no "-0.00"
  return QString::number(value, 'f', decimals);
}

AxisTicks numericTicks(double min, double max, int target) {
  AxisTicks ticks;
  if (!std::isfinite(min) || !std::isfinite(max) || !(max > min)) return ticks;
  target = std::max(target, 2);
  // Heckbert rounds the range up to a nice number first; dividing the range
  // itself keeps the count nearer the target on short axes.
  const double step = niceNumber((max - min) / (target - 1), true);
  const int decimals = decimalsForStep(step);
  ticks.step = step;
  const double tolerance = step * 1e-9;
  for (double k = std::ceil((min - tolerance) / step);; k += 1) {
    const double v = k * step;
    if (v > max + tolerance) break;
    ticks.values.push_back(std::abs(v) < tolerance ? 0.0 : v);
    ticks.labels.push_back(formatNumber(ticks.values.back(), decimals));
    if (ticks.values.size() > 1000) break;  // guards against a step lost to rounding
  }
  return ticks;
}

AxisTicks timeTicks(double minMs, double maxMs, int target) {
  if (!std::isfinite(minMs) || !std::isfinite(maxMs) || !(maxMs > minMs)) return {};
  target = std::max(target, 2);
  const double wanted = (maxMs - minMs) / target;
  static constexpr std::array<double, 24> fixedSteps = {1 * kSecond,
                                                        2 * kSecond,
                                                        5 * kSecond,
                                                        10 * kSecond,
                                                        15 * kSecond,
                                                        30 * kSecond,
                                                        1 * kMinute,
                                                        2 * kMinute,
                                                        5 * kMinute,
                                                        10 * kMinute,
                                                        15 * kMinute,
                                                        30 * kMinute,
                                                        1 * kHour,
                                                        2 * kHour,
                                                        3 * kHour,
                                                        6 * kHour,
                                                        12 * kHour,
                                                        1 * kDay,
                                                        2 * kDay,
                                                        7 * kDay,
                                                        14 * kDay,
                                                        0,
                                                        0,
                                                        0};
  if (wanted < kSecond) {
    // Sub-second spans: plain numeric steps of milliseconds.
    AxisTicks ticks = numericTicks(minMs, maxMs, target);
    for (std::size_t i = 0; i < ticks.values.size(); ++i)
      ticks.labels[i] = utc(ticks.values[i]).toString("hh:mm:ss.zzz");
    return ticks;
  }
  for (double step : fixedSteps) {
    if (step == 0 || step < wanted) continue;
    AxisTicks ticks;
    ticks.step = step;
    for (double v = std::ceil(minMs / step) * step; v <= maxMs; v += step) {
      ticks.values.push_back(v);
      ticks.labels.push_back(timeLabel(v, step));
    }
    return ticks;
  }
  for (int months : {1, 2, 3, 6, 12, 24, 60, 120}) {
    if (months * 30.44 * kDay >= wanted) return monthTicks(minMs, maxMs, months);
  }
  return monthTicks(minMs, maxMs, 120);
}

}  // namespace fab::ui::chart

#include "ui/report/report_format.h"

#include <cmath>

#include "core/io/field_parse.h"

namespace fab::ui::report {

QString fixed(double v, int decimals) { return std::isfinite(v) ? QString::number(v, 'f', decimals) : "—"; }

QString percent(double fraction, int decimals) {
  return std::isfinite(fraction) ? QString::number(100.0 * fraction, 'f', decimals) + " %" : "—";
}

QString dateOf(std::int64_t ms) { return QString::fromStdString(io::formatTimestamp(ms)).left(10); }

}  // namespace fab::ui::report

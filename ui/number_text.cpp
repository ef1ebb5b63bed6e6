#include "ui/number_text.h"

#include <cmath>

namespace fab::ui {

QString significant(double v, int digits) { return std::isfinite(v) ? QString::number(v, 'g', digits) : "—"; }

QString fixed(double v, int decimals) { return std::isfinite(v) ? QString::number(v, 'f', decimals) : "—"; }

QString percent(double fraction, int decimals) {
  return std::isfinite(fraction) ? QString::number(100.0 * fraction, 'f', decimals) + " %" : "—";
}

}  // namespace fab::ui

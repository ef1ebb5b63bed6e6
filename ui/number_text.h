#pragma once
// How a number reads on screen and on paper: one set of formatters for every
// view and report, so a value reads the same wherever it is shown. A value
// that is not finite reads "—".
#include <QString>

namespace fab::ui {

/// To `digits` significant digits (QString::number 'g').
QString significant(double v, int digits = 4);
/// With `decimals` decimals.
QString fixed(double v, int decimals);
/// A fraction as a percentage with `decimals` decimals ("93.41 %").
QString percent(double fraction, int decimals = 2);

}  // namespace fab::ui

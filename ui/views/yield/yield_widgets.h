#pragma once
// Small widget helpers shared by the yield calculator's panels.
#include <QDoubleSpinBox>
#include <QString>

#include <string_view>

namespace fab::ui::yield {

/// A spin box that reports only finished edits (no signal per keystroke).
inline QDoubleSpinBox* spin(double min, double max, double value, int decimals, double step,
                            const QString& suffix = {}) {
  auto* s = new QDoubleSpinBox;
  s->setRange(min, max);
  s->setDecimals(decimals);
  s->setSingleStep(step);
  s->setValue(value);
  s->setSuffix(suffix);
  s->setKeyboardTracking(false);
  return s;
}

inline QString utf8(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<int>(s.size())); }

}  // namespace fab::ui::yield

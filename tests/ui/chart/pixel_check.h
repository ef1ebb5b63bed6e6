#pragma once
// Pixel comparisons for chart rendering tests.
#include <QColor>
#include <QImage>

#include <cstdlib>
#include <string>

namespace fab::test {

/// Each channel within `tolerance` (antialiasing blends only edge pixels).
inline bool sameColour(QColor a, QColor b, int tolerance = 12) {
  return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
         std::abs(a.blue() - b.blue()) <= tolerance;
}

inline std::string describe(QColor c) {
  return "rgb(" + std::to_string(c.red()) + "," + std::to_string(c.green()) + "," + std::to_string(c.blue()) + ")";
}

}  // namespace fab::test

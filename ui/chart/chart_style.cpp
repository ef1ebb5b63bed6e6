#include "ui/chart/chart_style.h"

#include <array>

namespace fab::ui::chart {

QFont ChartStyle::font() const {
  QFont f(fontFamily);
  f.setPixelSize(fontPixels);
  return f;
}

QFont ChartStyle::titleFont() const {
  QFont f(fontFamily);
  f.setPixelSize(titlePixels);
  f.setBold(true);
  return f;
}

QColor ChartStyle::palette(int index) {
  // Tableau 10, readable on white and for the common colour-vision deficiencies.
  static const std::array<QColor, 10> colours = {
      QColor(31, 119, 180), QColor(255, 127, 14),  QColor(44, 160, 44),   QColor(214, 39, 40),  QColor(148, 103, 189),
      QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34), QColor(23, 190, 207)};
  return colours[static_cast<std::size_t>(index < 0 ? 0 : index) % colours.size()];
}

}  // namespace fab::ui::chart

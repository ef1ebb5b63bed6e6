#pragma once
// Colours, fonts and spacing shared by every painter of the chart layer, so a
// chart looks the same on screen, in SVG/PNG exports and in printed reports.
#include <QColor>
#include <QFont>
#include <QMarginsF>

#include <optional>

namespace fab::ui::chart {

struct ChartStyle {
  QColor background = Qt::white;
  QColor plotBackground = Qt::white;
  QColor frame{90, 90, 90};
  QColor grid{228, 228, 228};
  QColor text{30, 30, 30};
  QColor violation{214, 39, 40};   ///< markers of points breaking a rule
  QColor excluded{160, 160, 160};  ///< hollow markers of excluded points
  QColor highlight{255, 127, 14};  ///< rings around highlighted points
  QColor phaseLine{120, 120, 120};
  QString fontFamily = "DejaVu Sans";
  int fontPixels = 12;  ///< pixel sizes, so text measures the same on every device
  int titlePixels = 14;
  double padding = 6;  ///< pixels between text blocks and the plot area
  /// Margins around the plot area. When unset they are computed from the
  /// title, legend and tick labels (tests and reports can pin them).
  std::optional<QMarginsF> fixedMargins;
  QFont font() const;
  QFont titleFont() const;
  /// Series colours used in order when a series has no colour of its own.
  static QColor palette(int index);
};

}  // namespace fab::ui::chart

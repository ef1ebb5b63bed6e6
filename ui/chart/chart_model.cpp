#include "ui/chart/chart_model.h"

#include <algorithm>

namespace fab::ui::chart {

StepLine StepLine::constant(const QString& label, double x0, double x1, double y, QColor color, Qt::PenStyle style) {
  StepLine line;
  line.label = label;
  line.color = color;
  line.style = style;
  line.steps.push_back({x0, x1, y});
  return line;
}

StepLine StepLine::perPoint(const QString& label, std::span<const double> x, std::span<const double> y, QColor color,
                            Qt::PenStyle style) {
  StepLine line;
  line.label = label;
  line.color = color;
  line.style = style;
  const std::size_t n = std::min(x.size(), y.size());
  for (std::size_t i = 0; i < n; ++i) {
    const double left = i > 0 ? (x[i - 1] + x[i]) / 2 : (n > 1 ? x[0] - (x[1] - x[0]) / 2 : x[0] - 0.5);
    const double right = i + 1 < n ? (x[i] + x[i + 1]) / 2 : (n > 1 ? x[i] + (x[i] - x[i - 1]) / 2 : x[i] + 0.5);
    line.steps.push_back({left, right, y[i]});
  }
  return line;
}

}  // namespace fab::ui::chart

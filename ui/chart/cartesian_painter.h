#pragma once
// The frame shared by x-y charts: title, legend, axes with nice ticks, grid
// and labels right of the plot. Subclasses draw only their content.
#include <QColor>
#include <QString>

#include <vector>

#include "ui/chart/axis_ticks.h"
#include "ui/chart/chart_model.h"
#include "ui/chart/chart_painter.h"

namespace fab::ui::chart {

struct LegendEntry {
  QString name;
  QColor color;
  bool line = true;    ///< a short line sample
  bool marker = true;  ///< a dot sample
  bool box = false;    ///< a filled square sample (bars) instead of line and dot
};

/// A label drawn right of the plot at a data y (limit and centre-line values).
struct EdgeLabel {
  double y = 0;
  QString text;
  QColor color;
};

class CartesianPainter : public ChartPainter {
 public:
  void paint(QPainter& painter, const QRectF& rect) const final;
  PlotTransform transform(const QRectF& rect) const final;

 protected:
  virtual QString title() const = 0;
  virtual const AxisSpec& xAxis() const = 0;
  virtual const AxisSpec& yAxis() const = 0;
  virtual std::vector<LegendEntry> legend() const { return {}; }
  virtual std::vector<EdgeLabel> edgeLabels(const DataRange& visible) const { return {}; }
  /// Draws the data; the painter is clipped to the plot area.
  virtual void paintContent(QPainter& painter, const PlotTransform& transform) const = 0;

  /// `min`..`max` widened by 5 % each side (a degenerate range by ±1 or ±10 %),
  /// unless the axis fixes either end.
  static std::pair<double, double> paddedRange(const AxisSpec& axis, double min, double max);

 private:
  struct Layout {
    QRectF plot;
    AxisTicks xTicks, yTicks;
  };
  Layout layout(const QRectF& rect) const;
  AxisTicks ticksFor(const AxisSpec& axis, double min, double max, double lengthPx, bool horizontal) const;
  void paintFrame(QPainter& painter, const QRectF& rect, const Layout& layout) const;
  void paintLegend(QPainter& painter, const QRectF& rect, double top) const;
  void paintEdgeLabels(QPainter& painter, const QRectF& rect, const PlotTransform& transform) const;
};

}  // namespace fab::ui::chart

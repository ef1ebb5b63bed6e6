#pragma once
// Data space ↔ pixel space for one plot area: the one mapping every painter,
// hit test and zoom gesture of the chart layer uses.
#include <QPointF>
#include <QRectF>

namespace fab::ui::chart {

/// A rectangle in data units (x to the right, y up).
struct DataRange {
  double xMin = 0, xMax = 1, yMin = 0, yMax = 1;

  double width() const { return xMax - xMin; }
  double height() const { return yMax - yMin; }
  /// Finite bounds with a positive extent on both axes.
  bool isValid() const;
  /// Scales the range by `factor` on each axis (< 1 zooms in) keeping the data
  /// point (anchorX, anchorY) where it is.
  DataRange zoomed(double factorX, double factorY, double anchorX, double anchorY) const;
  DataRange translated(double dx, double dy) const { return {xMin + dx, xMax + dx, yMin + dy, yMax + dy}; }
  bool operator==(const DataRange&) const = default;
};

/// Maps data coordinates into `plot` (pixels, y down): xMin → plot.left(),
/// xMax → plot.right(), yMax → plot.top(), yMin → plot.bottom().
class PlotTransform {
 public:
  PlotTransform() = default;
  PlotTransform(const QRectF& plot, const DataRange& range) : plot_(plot), range_(range) {}

  double xToPixel(double x) const { return plot_.left() + (x - range_.xMin) / range_.width() * plot_.width(); }
  double yToPixel(double y) const { return plot_.bottom() - (y - range_.yMin) / range_.height() * plot_.height(); }
  QPointF toPixel(double x, double y) const { return {xToPixel(x), yToPixel(y)}; }
  double xToData(double px) const { return range_.xMin + (px - plot_.left()) / plot_.width() * range_.width(); }
  double yToData(double py) const { return range_.yMin + (plot_.bottom() - py) / plot_.height() * range_.height(); }
  QPointF toData(const QPointF& pixel) const { return {xToData(pixel.x()), yToData(pixel.y())}; }

  const QRectF& plot() const { return plot_; }
  const DataRange& range() const { return range_; }

 private:
  QRectF plot_;
  DataRange range_;
};

}  // namespace fab::ui::chart

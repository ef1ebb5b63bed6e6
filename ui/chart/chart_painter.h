#pragma once
// The interface every chart of the chart layer implements: draw into any
// QPainter and rectangle (widget, PNG, SVG, PDF report), map data ↔ pixels,
// and find the point under the cursor. Painters hold no widgets.
//
// Units: the rectangle and all sizes are logical pixels at 96 dpi. To draw on
// a high-resolution device (a printer), scale the painter by dpi / 96 and pass
// the rectangle in logical pixels.
#include <QPainter>
#include <QRectF>

#include <cstdint>
#include <optional>

#include "ui/chart/chart_style.h"
#include "ui/chart/plot_transform.h"

namespace fab::ui::chart {

/// The data point nearest a pixel, as found by ChartPainter::hitTest.
struct ChartHit {
  int series = -1;        ///< index in the painter's series (or -1 for a map's die/defect: see `kind`)
  std::size_t index = 0;  ///< index of the point (or die, or defect) in its container
  double x = 0, y = 0;    ///< data coordinates
  std::int64_t row = -1;  ///< the input row behind the point
  QPointF pixel;          ///< where it is drawn
  int kind = 0;           ///< painter-specific: e.g. WaferMapPainter::kHitDie / kHitDefect
};

class ChartPainter {
 public:
  virtual ~ChartPainter() = default;

  /// Draws the whole chart (background, title, axes, content, legend) into `rect`.
  virtual void paint(QPainter& painter, const QRectF& rect) const = 0;
  /// The plot area inside `rect` and the visible data range mapped onto it.
  virtual PlotTransform transform(const QRectF& rect) const = 0;
  /// The data extent shown when not zoomed.
  virtual DataRange fullRange() const = 0;
  /// The drawn point nearest `pixel` within `maxDistance` pixels, if any.
  virtual std::optional<ChartHit> hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const {
    return std::nullopt;
  }
  /// True for maps: one data unit is as long on both axes, whatever the zoom.
  virtual bool keepsAspectRatio() const { return false; }

  /// Zoom and pan: the data range to show; nullopt shows fullRange().
  void setView(std::optional<DataRange> view) { view_ = view; }
  const std::optional<DataRange>& view() const { return view_; }
  DataRange visibleRange() const { return view_ ? *view_ : fullRange(); }

  const ChartStyle& style() const { return style_; }
  void setStyle(const ChartStyle& style) { style_ = style; }

 protected:
  /// For maps: the visible range fitted into `rect` (less the title and a
  /// side panel `sideWidth` wide) with one data unit as long on both axes, centred.
  PlotTransform equalAspectTransform(const QRectF& rect, bool hasTitle, double sideWidth) const;
  /// For maps: saves the painter, turns antialiasing on, fills `rect` with the
  /// background and draws `title` centred at its top (elided to fit). The caller restores.
  void beginMap(QPainter& painter, const QRectF& rect, const QString& title) const;

 private:
  std::optional<DataRange> view_;
  ChartStyle style_;
};

}  // namespace fab::ui::chart

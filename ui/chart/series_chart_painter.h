#pragma once
// Line + marker charts over x (sample, time…): control charts, run charts,
// trend plots. Draws a ChartModel: zones, phase splits, stair-step limits,
// series (decimated per pixel column when long), flagged points, annotations.
#include <memory>
#include <vector>

#include "ui/chart/cartesian_painter.h"
#include "ui/chart/chart_model.h"

namespace fab::ui::chart {

class SeriesChartPainter : public CartesianPainter {
 public:
  explicit SeriesChartPainter(std::shared_ptr<const ChartModel> model);

  const ChartModel& model() const { return *model_; }
  DataRange fullRange() const override { return full_; }
  /// The nearest point of any series (markers, not line segments).
  std::optional<ChartHit> hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const override;

  /// Number of points the last paint drew as line vertices (for the decimation check).
  std::size_t lastDrawnVertices() const { return lastDrawnVertices_; }

 protected:
  QString title() const override { return model_->title; }
  const AxisSpec& xAxis() const override { return model_->xAxis; }
  const AxisSpec& yAxis() const override { return model_->yAxis; }
  std::vector<LegendEntry> legend() const override;
  std::vector<EdgeLabel> edgeLabels(const DataRange& visible) const override;
  void paintContent(QPainter& painter, const PlotTransform& transform) const override;

 private:
  QColor seriesColor(std::size_t i) const;
  void paintZones(QPainter& painter, const PlotTransform& t) const;
  void paintPhases(QPainter& painter, const PlotTransform& t) const;
  void paintLimits(QPainter& painter, const PlotTransform& t) const;
  void paintSeries(QPainter& painter, const PlotTransform& t, std::size_t index) const;
  void paintMarkers(QPainter& painter, const PlotTransform& t, std::size_t index) const;
  void paintAnnotations(QPainter& painter, const PlotTransform& t) const;
  /// [first, last) indices of a series' points inside the visible x range.
  std::pair<std::size_t, std::size_t> visibleIndices(std::size_t index, const DataRange& range) const;

  std::shared_ptr<const ChartModel> model_;
  std::vector<bool> sorted_;  ///< per series: points in x order (enables binary search and decimation)
  DataRange full_;
  mutable std::size_t lastDrawnVertices_ = 0;
};

}  // namespace fab::ui::chart

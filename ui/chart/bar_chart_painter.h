#pragma once
// Bar charts over named categories: grouped bars with optional interval
// whiskers, horizontal reference lines and lines through the categories (a
// Pareto chart's cumulative share). The gauge view's agreement and
// components-of-variation charts and the yield-loss Pareto charts draw this.
#include <QColor>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

#include "ui/chart/cartesian_painter.h"
#include "ui/chart/chart_model.h"

namespace fab::ui::chart {

struct BarSeries {
  QString name;                ///< legend entry
  QColor color;                ///< invalid = palette colour of the series
  std::vector<double> values;  ///< one per category; NaN = no bar
  /// Interval ends per category (both empty = no whiskers; NaN = none for that bar).
  std::vector<double> low, high;
};

/// A line through the category centres, in bar units (e.g. the cumulative
/// share of a Pareto scaled so that 100 % is the sum of the bars).
struct CategoryLine {
  QString name;  ///< legend entry
  QColor color{214, 39, 40};
  std::vector<double> values;  ///< one per category; NaN = a gap
};

struct BarChartModel {
  QString title;
  std::vector<QString> categories;     ///< bar groups, left to right (x = 0, 1, …)
  QString categoryLabel;               ///< the x axis title
  std::vector<BarSeries> series;       ///< bars within each group
  AxisSpec yAxis;                      ///< the x axis names the categories
  std::vector<double> referenceLines;  ///< horizontal dashed lines (e.g. 10 % and 30 %)
  std::vector<CategoryLine> lines;     ///< drawn over the bars
  std::vector<EdgeLabel> edgeLabels;   ///< labels right of the plot at a bar-unit y ("80 %")
  bool valueLabels = false;            ///< print each bar's value above it
};

class BarChartPainter : public CartesianPainter {
 public:
  static constexpr int kHitBar = 1;  ///< ChartHit::kind of a bar: series and index = category

  explicit BarChartPainter(std::shared_ptr<const BarChartModel> model);
  const BarChartModel& model() const { return *model_; }
  DataRange fullRange() const override { return full_; }
  std::optional<ChartHit> hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const override;
  /// The data-x extent of bar `series` in category `category`.
  std::pair<double, double> barSpan(std::size_t series, std::size_t category) const;

 protected:
  QString title() const override { return model_->title; }
  const AxisSpec& xAxis() const override { return xAxis_; }
  const AxisSpec& yAxis() const override { return model_->yAxis; }
  std::vector<LegendEntry> legend() const override;
  std::vector<EdgeLabel> edgeLabels(const DataRange&) const override { return model_->edgeLabels; }
  void paintContent(QPainter& painter, const PlotTransform& transform) const override;

 private:
  QColor seriesColor(std::size_t series) const;
  void paintValueLabels(QPainter& painter, const PlotTransform& t) const;

  std::shared_ptr<const BarChartModel> model_;
  AxisSpec xAxis_;
  DataRange full_;
};

}  // namespace fab::ui::chart

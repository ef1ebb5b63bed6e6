#pragma once
// Grouped bar charts with optional interval whiskers, drawn through the chart
// layer's CartesianPainter: the per-appraiser agreement chart (percent with its
// Clopper–Pearson interval) and the components-of-variation chart of a gauge
// R&R (%contribution, %study variation, %tolerance side by side).
#include <QColor>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

#include "ui/chart/cartesian_painter.h"
#include "ui/chart/chart_model.h"

namespace fab::ui::gauge {

struct BarSeries {
  QString name;  ///< legend entry
  QColor color;
  std::vector<double> values;  ///< one per category; NaN = no bar
  /// Interval ends per category (both empty = no whiskers; NaN = none for that bar).
  std::vector<double> low, high;
};

struct BarChartModel {
  QString title;
  std::vector<QString> categories;     ///< bar groups, left to right (x = 0, 1, …)
  std::vector<BarSeries> series;       ///< bars within each group
  chart::AxisSpec yAxis;               ///< the x axis names the categories
  std::vector<double> referenceLines;  ///< horizontal dashed lines (e.g. 10 % and 30 %)
};

class BarChartPainter : public chart::CartesianPainter {
 public:
  static constexpr int kHitBar = 1;  ///< ChartHit::kind of a bar: series and index = category

  explicit BarChartPainter(std::shared_ptr<const BarChartModel> model);
  const BarChartModel& model() const { return *model_; }
  chart::DataRange fullRange() const override { return full_; }
  std::optional<chart::ChartHit> hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const override;
  /// The data-x extent of bar `series` in category `category`.
  std::pair<double, double> barSpan(std::size_t series, std::size_t category) const;

 protected:
  QString title() const override { return model_->title; }
  const chart::AxisSpec& xAxis() const override { return xAxis_; }
  const chart::AxisSpec& yAxis() const override { return model_->yAxis; }
  std::vector<chart::LegendEntry> legend() const override;
  void paintContent(QPainter& painter, const chart::PlotTransform& transform) const override;

 private:
  std::shared_ptr<const BarChartModel> model_;
  chart::AxisSpec xAxis_;
  chart::DataRange full_;
};

}  // namespace fab::ui::gauge

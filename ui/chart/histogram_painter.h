#pragma once
// Histograms with vertical reference lines (spec limits, target, mean) and
// optional overlaid curves (a fitted density scaled to counts): the
// capability view and report page draw this.
#include <QColor>
#include <QString>

#include <memory>
#include <vector>

#include "ui/chart/cartesian_painter.h"
#include "ui/chart/chart_model.h"

namespace fab::ui::chart {

struct HistogramModel {
  struct VerticalLine {
    double x = 0;
    QString label;  ///< drawn at the top of the plot ("LSL 9.5")
    QColor color{214, 39, 40};
    Qt::PenStyle style = Qt::DashLine;
  };
  struct Curve {
    std::vector<double> x, y;  ///< in count units, x ascending
    QString name;
    QColor color{30, 30, 30};
  };

  QString title;
  AxisSpec xAxis;
  AxisSpec yAxis = [] {
    AxisSpec axis;
    axis.label = "count";
    return axis;
  }();
  std::vector<double> edges;   ///< bin edges, ascending, counts.size() + 1 of them
  std::vector<double> counts;  ///< one per bin
  QColor barColor{31, 119, 180, 170};
  std::vector<VerticalLine> lines;
  std::vector<Curve> curves;
};

class HistogramPainter : public CartesianPainter {
 public:
  static constexpr int kHitBar = 1;  ///< ChartHit::kind of a bar (index = bin)

  explicit HistogramPainter(std::shared_ptr<const HistogramModel> model);
  const HistogramModel& model() const { return *model_; }
  DataRange fullRange() const override { return full_; }
  /// The bar under `pixel` (or within `maxDistance` above it).
  std::optional<ChartHit> hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const override;

 protected:
  QString title() const override { return model_->title; }
  const AxisSpec& xAxis() const override { return model_->xAxis; }
  const AxisSpec& yAxis() const override { return model_->yAxis; }
  std::vector<LegendEntry> legend() const override;
  void paintContent(QPainter& painter, const PlotTransform& transform) const override;

 private:
  std::shared_ptr<const HistogramModel> model_;
  DataRange full_;
};

}  // namespace fab::ui::chart

#pragma once
// Box plots over named groups (Tukey 1977, "Exploratory Data Analysis", ch. 2):
// the box from the first to the third quartile with the median across it,
// whiskers to the furthest values within 1.5 IQR, the values beyond drawn as
// dots, and the group mean as a diamond. The tool-commonality view and report
// draw this; the statistics come from the analysis' result, not from here.
#include <QColor>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

#include "ui/chart/cartesian_painter.h"
#include "ui/chart/chart_model.h"

namespace fab::ui::chart {

struct BoxPlotGroup {
  QString name;  ///< x tick label ("FURN-02")
  double q1 = 0, median = 0, q3 = 0;
  double whiskerLow = 0, whiskerHigh = 0;  ///< furthest values within 1.5 IQR of the box
  double mean = 0;                         ///< NaN = not drawn
  std::vector<double> outliers;            ///< values beyond the whiskers
  std::size_t n = 0;                       ///< shown under the name
  bool highlighted = false;                ///< drawn in the highlight colour (the suspect)
};

struct BoxPlotModel {
  QString title;
  QString groupLabel;  ///< the x axis title
  AxisSpec yAxis;
  std::vector<BoxPlotGroup> groups;
  QColor boxColor{31, 119, 180, 120};
  QColor highlightColor{214, 39, 40, 150};
  std::vector<double> referenceLines;  ///< horizontal dashed lines (e.g. the grand median)
};

class BoxPlotPainter : public CartesianPainter {
 public:
  static constexpr int kHitBox = 1;  ///< ChartHit::kind of a box: index = group

  explicit BoxPlotPainter(std::shared_ptr<const BoxPlotModel> model);
  const BoxPlotModel& model() const { return *model_; }
  DataRange fullRange() const override { return full_; }
  std::optional<ChartHit> hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const override;

 protected:
  QString title() const override { return model_->title; }
  const AxisSpec& xAxis() const override { return xAxis_; }
  const AxisSpec& yAxis() const override { return model_->yAxis; }
  void paintContent(QPainter& painter, const PlotTransform& transform) const override;

 private:
  std::shared_ptr<const BoxPlotModel> model_;
  AxisSpec xAxis_;
  DataRange full_;
};

}  // namespace fab::ui::chart

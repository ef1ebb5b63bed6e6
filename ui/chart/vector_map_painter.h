#pragma once
// A wafer vector map: at each measured site an arrow of its (dx, dy) error,
// magnified so that the largest arrow is a readable share of the wafer, with
// the scale arrow drawn in the corner ("10 nm"). The overlay view draws the
// measured, the modelled and the residual errors this way, side by side or in
// turn; the numbers come from the overlay model's result, not from here.
#include <QColor>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

#include "ui/chart/chart_painter.h"
#include "ui/chart/wafer_map_model.h"

namespace fab::ui::chart {

struct VectorMapModel {
  struct Arrow {
    double xMm = 0, yMm = 0;  ///< the site on the wafer (origin at the centre, y up)
    double dx = 0, dy = 0;    ///< the error, in `unit`
    std::int64_t row = -1;    ///< the input row behind the site
  };
  QString title;
  QString unit = "nm";
  double diameterMm = 300;
  double edgeExclusionMm = 3;
  WaferMapModel::Notch notch = WaferMapModel::Notch::Down;
  QColor color{31, 119, 180};
  std::vector<Arrow> arrows;
  /// Arrow length per unit of error in mm on the wafer; 0 = the longest arrow is 6 % of the diameter.
  double mmPerUnit = 0;
};

class VectorMapPainter : public ChartPainter {
 public:
  static constexpr int kHitSite = 1;  ///< ChartHit::kind; index into arrows

  explicit VectorMapPainter(std::shared_ptr<const VectorMapModel> model);
  const VectorMapModel& model() const { return *model_; }
  /// The scale used: mm on the wafer per unit of error.
  double mmPerUnit() const { return mmPerUnit_; }
  void paint(QPainter& painter, const QRectF& rect) const override;
  PlotTransform transform(const QRectF& rect) const override;
  DataRange fullRange() const override;
  std::optional<ChartHit> hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const override;
  bool keepsAspectRatio() const override { return true; }

 private:
  std::shared_ptr<const VectorMapModel> model_;
  double mmPerUnit_ = 1;
};

}  // namespace fab::ui::chart

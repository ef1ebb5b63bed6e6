#include "ui/chart/wafer_outline.h"

#include <QPen>

namespace fab::ui::chart {
namespace {

QPainterPath circle(const PlotTransform& t, QPointF centre, double radius) {
  QPainterPath p;
  p.addEllipse(
      QRectF(t.toPixel(centre.x() - radius, centre.y() + radius), t.toPixel(centre.x() + radius, centre.y() - radius)));
  return p;
}

}  // namespace

QPointF WaferOutline::notchCentre() const {
  const double r = diameterMm / 2;
  switch (notch) {
    case WaferMapModel::Notch::Up:
      return {0, r};
    case WaferMapModel::Notch::Left:
      return {-r, 0};
    case WaferMapModel::Notch::Right:
      return {r, 0};
    case WaferMapModel::Notch::Down:
      break;
  }
  return {0, -r};
}

QPainterPath WaferOutline::waferPath(const PlotTransform& t) const {
  const double notchR = std::isnan(notchRadiusMm) ? diameterMm * kNotchRadiusShare : notchRadiusMm;
  return circle(t, {0, 0}, diameterMm / 2).subtracted(circle(t, notchCentre(), notchR));
}

QPainterPath WaferOutline::exclusionRing(const PlotTransform& t) const {
  const double r = diameterMm / 2;
  if (!(edgeExclusionMm > 0 && edgeExclusionMm < r)) return {};
  return waferPath(t).subtracted(circle(t, {0, 0}, r - edgeExclusionMm));
}

void WaferOutline::paint(QPainter& painter, const PlotTransform& t) const {
  painter.setPen(QPen(kEdge, 1.2));
  painter.setBrush(kFill);
  painter.drawPath(waferPath(t));
  const double r = diameterMm / 2;
  if (edgeExclusionMm > 0 && edgeExclusionMm < r) {
    painter.setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(circle(t, {0, 0}, r - edgeExclusionMm));
  }
  painter.setBrush(Qt::NoBrush);
}

}  // namespace fab::ui::chart

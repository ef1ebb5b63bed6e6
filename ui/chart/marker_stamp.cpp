#include "ui/chart/marker_stamp.h"

#include <QPaintEngine>

#include <cmath>

namespace fab::ui::chart {

MarkerStamp::MarkerStamp(QPainter& painter, bool many)
    : painter_(painter),
      stamp_(many && painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Raster) {}

const MarkerStamp::Sprite& MarkerStamp::sprite(double radius, const QPen& pen, const QBrush& brush) {
  const bool hasPen = pen.style() != Qt::NoPen, hasBrush = brush.style() != Qt::NoBrush;
  const QRgb penRgb = hasPen ? pen.color().rgba() : 0, brushRgb = hasBrush ? brush.color().rgba() : 0;
  for (const auto& s : sprites_)
    if (s.radius == radius && s.hasPen == hasPen && s.hasBrush == hasBrush && s.pen == penRgb && s.brush == brushRgb &&
        s.penWidth == pen.widthF())
      return s;
  Sprite s{penRgb, brushRgb, pen.widthF(), radius, hasPen, hasBrush, {}, 0};
  s.half = std::ceil(radius + (hasPen ? pen.widthF() : 0) + 1);
  const double dpr = painter_.device() ? painter_.device()->devicePixelRatioF() : 1.0;
  s.image = QImage(QSize(static_cast<int>(2 * s.half * dpr), static_cast<int>(2 * s.half * dpr)),
                   QImage::Format_ARGB32_Premultiplied);
  s.image.setDevicePixelRatio(dpr);
  s.image.fill(Qt::transparent);
  QPainter p(&s.image);
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setPen(pen);
  p.setBrush(brush);
  p.drawEllipse(QPointF(s.half, s.half), radius, radius);
  p.end();
  sprites_.push_back(std::move(s));
  return sprites_.back();
}

void MarkerStamp::draw(const QPointF& centre, double radius, const QPen& pen, const QBrush& brush) {
  if (!stamp_) {
    painter_.setPen(pen);
    painter_.setBrush(brush);
    painter_.drawEllipse(centre, radius, radius);
    return;
  }
  const Sprite& s = sprite(radius, pen, brush);
  painter_.drawImage(QPointF(centre.x() - s.half, centre.y() - s.half), s.image);
}

}  // namespace fab::ui::chart

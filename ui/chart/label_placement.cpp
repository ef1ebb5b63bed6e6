#include "ui/chart/label_placement.h"

#include <algorithm>

namespace fab::ui::chart {

QRectF keepInside(QRectF box, const QRectF& area) {
  if (box.right() > area.right()) box.moveRight(area.right());
  if (box.left() < area.left()) box.moveLeft(area.left());
  if (box.bottom() > area.bottom()) box.moveBottom(area.bottom());
  if (box.top() < area.top()) box.moveTop(area.top());
  return box;
}

QRectF labelBesideLine(double x, double top, QSizeF size, const QRectF& area, double gap) {
  QRectF box(QPointF(x + gap, top), size);
  if (box.right() > area.right()) box.moveRight(x - gap);
  return keepInside(box, area);
}

}  // namespace fab::ui::chart

#include "ui/chart/chart_painter.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace fab::ui::chart {

PlotTransform ChartPainter::equalAspectTransform(const QRectF& rect, bool hasTitle, double sideWidth) const {
  const ChartStyle& s = style();
  QRectF area;
  if (s.fixedMargins) {
    area = rect.marginsRemoved(*s.fixedMargins);
  } else {
    const double top = s.padding + (hasTitle ? QFontMetricsF(s.titleFont()).height() + s.padding : 0);
    area = QRectF(rect.left() + s.padding, rect.top() + top, rect.width() - 2 * s.padding - sideWidth,
                  rect.height() - top - s.padding);
  }
  const DataRange range = visibleRange();
  const double scale = std::max(1e-9, std::min(area.width() / range.width(), area.height() / range.height()));
  const QSizeF size(range.width() * scale, range.height() * scale);
  return {QRectF(area.center().x() - size.width() / 2, area.center().y() - size.height() / 2, size.width(),
                 size.height()),
          range};
}

void ChartPainter::beginMap(QPainter& painter, const QRectF& rect, const QString& title) const {
  const ChartStyle& s = style();
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.fillRect(rect, s.background);
  if (title.isEmpty()) return;
  painter.setFont(s.titleFont());
  painter.setPen(s.text);
  const QFontMetricsF tfm(s.titleFont());
  painter.drawText(QRectF(rect.left(), rect.top() + s.padding, rect.width(), tfm.height()), Qt::AlignCenter,
                   tfm.elidedText(title, Qt::ElideRight, rect.width() - 2 * s.padding));
}

}  // namespace fab::ui::chart

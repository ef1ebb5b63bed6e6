#include "ui/chart/chart_export.h"

#include <QFile>
#include <QPainter>
#include <QSvgGenerator>

namespace fab::ui::chart {

QImage renderImage(const ChartPainter& chart, QSize size, double devicePixelRatio) {
  QImage image(size * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
  image.setDevicePixelRatio(devicePixelRatio);
  image.fill(chart.style().background);
  QPainter painter(&image);
  chart.paint(painter, QRectF(QPointF(0, 0), QSizeF(size)));
  return image;
}

QString exportPng(const ChartPainter& chart, const QString& path, QSize size, double devicePixelRatio) {
  if (size.isEmpty()) return QString("cannot export '%1': the chart has no size").arg(path);
  const QImage image = renderImage(chart, size, devicePixelRatio);
  if (!image.save(path, "PNG")) return QString("cannot write '%1': check the folder exists and is writable").arg(path);
  return {};
}

QString exportSvg(const ChartPainter& chart, const QString& path, QSize size, const QString& title) {
  if (size.isEmpty()) return QString("cannot export '%1': the chart has no size").arg(path);
  {
    QFile probe(path);
    if (!probe.open(QIODevice::WriteOnly)) return QString("cannot write '%1': %2").arg(path, probe.errorString());
  }
  QSvgGenerator svg;
  svg.setFileName(path);
  svg.setSize(size);
  svg.setViewBox(QRect(QPoint(0, 0), size));
  svg.setResolution(96);  // logical pixels, as on screen
  svg.setTitle(title);
  svg.setDescription("fabkit chart");
  QPainter painter;
  if (!painter.begin(&svg)) return QString("cannot write '%1'").arg(path);
  chart.paint(painter, QRectF(QPointF(0, 0), QSizeF(size)));
  painter.end();
  return {};
}

}  // namespace fab::ui::chart

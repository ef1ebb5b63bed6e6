#pragma once
// Export of any chart through the same painter the screen uses: PNG (raster)
// and SVG (vectors), so what the engineer sees is what is saved.
#include <QImage>
#include <QSize>
#include <QString>

#include "ui/chart/chart_painter.h"

namespace fab::ui::chart {

/// Renders the chart into a new image of `size` logical pixels, at
/// `devicePixelRatio` physical pixels per logical pixel.
QImage renderImage(const ChartPainter& chart, QSize size, double devicePixelRatio = 1.0);

/// Writes a PNG file. Returns an empty string, or a message naming the file and the problem.
QString exportPng(const ChartPainter& chart, const QString& path, QSize size, double devicePixelRatio = 2.0);

/// Writes an SVG file with a viewBox of `size` logical pixels. Returns an empty
/// string, or a message naming the file and the problem.
QString exportSvg(const ChartPainter& chart, const QString& path, QSize size, const QString& title = {});

}  // namespace fab::ui::chart

#pragma once
// Where text labels go inside a plot, so that none is cut at the plot's edge
// (painters clip their content to the plot area).
#include <QRectF>
#include <QSizeF>

namespace fab::ui::chart {

/// `box` moved (not resized) the least distance that puts it inside `area`;
/// a box larger than the area is aligned with its left or top edge.
QRectF keepInside(QRectF box, const QRectF& area);

/// A label of `size` beside a vertical line at pixel x with its top at `top`:
/// `gap` pixels right of the line, or left of it when it would leave `area`
/// on the right; then kept inside the area.
QRectF labelBesideLine(double x, double top, QSizeF size, const QRectF& area, double gap = 4);

}  // namespace fab::ui::chart

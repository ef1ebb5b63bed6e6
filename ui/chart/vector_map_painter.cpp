#include "ui/chart/vector_map_painter.h"

#include <QFontMetricsF>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

#include "ui/chart/wafer_outline.h"

namespace fab::ui::chart {
namespace {

constexpr double kLongestShare = 0.06;  ///< the longest arrow as a share of the diameter

void drawArrow(QPainter& painter, const QPointF& from, const QPointF& to) {
  painter.drawLine(from, to);
  const QPointF d = to - from;
  const double length = std::hypot(d.x(), d.y());
  if (length < 2) return;
  const double head = std::min(5.0, length / 3);
  const QPointF u = d / length, n(-u.y(), u.x());
  painter.drawPolygon(QPolygonF({to, to - u * head + n * head * 0.45, to - u * head - n * head * 0.45}));
}

/// 1, 2 or 5 × 10^k not above `v`: a round length for the scale arrow.
double roundDown125(double v) {
  if (!(v > 0)) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {5.0, 2.0, 1.0})
    if (m * p <= v) return m * p;
  return p;
}

}  // namespace

VectorMapPainter::VectorMapPainter(std::shared_ptr<const VectorMapModel> model) : model_(std::move(model)) {
  double longest = 0;
  for (const auto& a : model_->arrows)
    if (std::isfinite(a.dx) && std::isfinite(a.dy)) longest = std::max(longest, std::hypot(a.dx, a.dy));
  mmPerUnit_ = model_->mmPerUnit > 0 ? model_->mmPerUnit
                                     : (longest > 0 ? kLongestShare * model_->diameterMm / longest : 1.0);
}

DataRange VectorMapPainter::fullRange() const {
  const double r = model_->diameterMm / 2 * 1.08;
  return {-r, r, -r, r};
}

PlotTransform VectorMapPainter::transform(const QRectF& rect) const {
  return equalAspectTransform(rect, !model_->title.isEmpty(), 0);
}

void VectorMapPainter::paint(QPainter& painter, const QRectF& rect) const {
  const ChartStyle& s = style();
  const PlotTransform t = transform(rect);
  beginMap(painter, rect, model_->title);
  painter.save();
  painter.setClipRect(t.plot().intersected(rect));
  const WaferOutline outline{model_->diameterMm, model_->edgeExclusionMm, model_->notch};
  outline.paint(painter, t);
  painter.setPen(QPen(model_->color, 1.3));
  painter.setBrush(model_->color);
  for (const auto& a : model_->arrows) {
    if (!std::isfinite(a.dx) || !std::isfinite(a.dy)) continue;
    drawArrow(painter, t.toPixel(a.xMm, a.yMm), t.toPixel(a.xMm + a.dx * mmPerUnit_, a.yMm + a.dy * mmPerUnit_));
  }
  painter.restore();
  // The scale: a round length of error as an arrow in the lower left corner.
  const double maxUnits = kLongestShare * model_->diameterMm / mmPerUnit_;
  const double scale = roundDown125(maxUnits);
  const double r = model_->diameterMm / 2;
  const QPointF from = t.toPixel(-r, -r * 1.02), to = t.toPixel(-r + scale * mmPerUnit_, -r * 1.02);
  painter.setPen(QPen(s.text, 1.3));
  painter.setBrush(s.text);
  drawArrow(painter, from, to);
  painter.setFont(s.font());
  const QString label = QStringLiteral("%1 %2").arg(scale, 0, 'g', 3).arg(model_->unit);
  painter.drawText(QPointF(to.x() + 4, to.y() + QFontMetricsF(s.font()).ascent() / 2 - 1), label);
  painter.restore();
}

std::optional<ChartHit> VectorMapPainter::hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const {
  const PlotTransform t = transform(rect);
  std::optional<ChartHit> best;
  double bestDistance = maxDistance;
  for (std::size_t i = 0; i < model_->arrows.size(); ++i) {
    const auto& a = model_->arrows[i];
    const QPointF p = t.toPixel(a.xMm, a.yMm);
    const double d = std::hypot(p.x() - pixel.x(), p.y() - pixel.y());
    if (d > bestDistance) continue;
    bestDistance = d;
    ChartHit hit;
    hit.kind = kHitSite;
    hit.index = i;
    hit.x = a.xMm;
    hit.y = a.yMm;
    hit.row = a.row;
    hit.pixel = p;
    best = hit;
  }
  return best;
}

}  // namespace fab::ui::chart

#include "ui/chart/histogram_painter.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/chart/label_placement.h"

namespace fab::ui::chart {

HistogramPainter::HistogramPainter(std::shared_ptr<const HistogramModel> model) : model_(std::move(model)) {
  const auto& m = *model_;
  double xMin = std::numeric_limits<double>::infinity(), xMax = -xMin, yMax = 0;
  auto addX = [&](double x) {
    if (std::isfinite(x)) {
      xMin = std::min(xMin, x);
      xMax = std::max(xMax, x);
    }
  };
  for (double e : m.edges) addX(e);
  for (const auto& l : m.lines) addX(l.x);
  for (double c : m.counts)
    if (std::isfinite(c)) yMax = std::max(yMax, c);
  for (const auto& c : m.curves)
    for (double y : c.y)
      if (std::isfinite(y)) yMax = std::max(yMax, y);
  auto [x0, x1] = paddedRange(m.xAxis, xMin, xMax);
  // Bars stand on zero; headroom above the tallest bar for the line labels.
  full_ = {x0, x1, m.yAxis.min.value_or(0), m.yAxis.max.value_or(yMax > 0 ? yMax * 1.15 : 1)};
}

std::vector<LegendEntry> HistogramPainter::legend() const {
  std::vector<LegendEntry> out;
  for (const auto& c : model_->curves)
    if (!c.name.isEmpty()) out.push_back({c.name, c.color, true, false});
  return out;
}

void HistogramPainter::paintContent(QPainter& painter, const PlotTransform& t) const {
  const auto& m = *model_;
  const std::size_t bins = std::min(m.counts.size(), m.edges.size() > 0 ? m.edges.size() - 1 : 0);
  painter.setPen(QPen(m.barColor.darker(140), 1));
  painter.setBrush(m.barColor);
  for (std::size_t i = 0; i < bins; ++i) {
    if (!(m.counts[i] > 0)) continue;
    painter.drawRect(QRectF(t.toPixel(m.edges[i], m.counts[i]), t.toPixel(m.edges[i + 1], 0)).normalized());
  }
  painter.setBrush(Qt::NoBrush);
  for (const auto& c : m.curves) {
    QPolygonF poly;
    for (std::size_t i = 0; i < std::min(c.x.size(), c.y.size()); ++i)
      if (std::isfinite(c.y[i])) poly << t.toPixel(c.x[i], c.y[i]);
    painter.setPen(QPen(c.color, 1.5));
    painter.drawPolyline(poly);
  }
  // Reference lines, their labels stacked downwards when they would overlap.
  const QFontMetricsF fm(style().font());
  painter.setFont(style().font());
  std::vector<QRectF> placed;
  for (const auto& l : m.lines) {
    const double x = t.xToPixel(l.x);
    painter.setPen(QPen(l.color, 1.5, l.style, Qt::FlatCap));
    painter.drawLine(QPointF(x, t.plot().top()), QPointF(x, t.plot().bottom()));
    if (l.label.isEmpty()) continue;
    QRectF box =
        labelBesideLine(x, t.plot().top() + 2, QSizeF(fm.horizontalAdvance(l.label) + 4, fm.height()), t.plot(), 3);
    while (std::any_of(placed.begin(), placed.end(), [&](const QRectF& r) { return r.intersects(box); }))
      box.translate(0, fm.height());
    placed.push_back(box);
    painter.setPen(l.color.darker(120));
    painter.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, l.label);
  }
}

std::optional<ChartHit> HistogramPainter::hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const {
  const PlotTransform t = transform(rect);
  if (!t.plot().contains(pixel)) return std::nullopt;
  const auto& m = *model_;
  const double x = t.xToData(pixel.x());
  const auto it = std::upper_bound(m.edges.begin(), m.edges.end(), x);
  if (it == m.edges.begin() || it == m.edges.end()) return std::nullopt;
  const auto bin = static_cast<std::size_t>(it - m.edges.begin() - 1);
  if (bin >= m.counts.size()) return std::nullopt;
  const double top = t.yToPixel(m.counts[bin]);
  if (pixel.y() < top - maxDistance) return std::nullopt;
  const double centre = (m.edges[bin] + m.edges[bin + 1]) / 2;
  return ChartHit{-1, bin, centre, m.counts[bin], -1, t.toPixel(centre, m.counts[bin]), kHitBar};
}

}  // namespace fab::ui::chart

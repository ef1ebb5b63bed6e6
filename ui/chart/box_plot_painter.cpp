#include "ui/chart/box_plot_painter.h"

#include <QPen>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fab::ui::chart {
namespace {
constexpr double kBoxWidth = 0.5;  ///< share of a group's unit width the box fills
}

BoxPlotPainter::BoxPlotPainter(std::shared_ptr<const BoxPlotModel> model) : model_(std::move(model)) {
  const auto& m = *model_;
  std::vector<QString> names;
  for (const auto& g : m.groups) names.push_back(g.n > 0 ? g.name + QStringLiteral(" (n=%1)").arg(g.n) : g.name);
  xAxis_.label = m.groupLabel;
  xAxis_.format = [names](double x) {
    const double r = std::round(x);
    if (std::abs(x - r) > 1e-6 || r < 0 || r >= static_cast<double>(names.size())) return QString();
    return names[static_cast<std::size_t>(r)];
  };
  for (std::size_t i = 0; i < m.groups.size(); ++i) xAxis_.ticks.push_back(static_cast<double>(i));
  double yMin = std::numeric_limits<double>::infinity(), yMax = -yMin;
  auto add = [&](double v) {
    if (std::isfinite(v)) {
      yMin = std::min(yMin, v);
      yMax = std::max(yMax, v);
    }
  };
  for (const auto& g : m.groups) {
    add(g.whiskerLow);
    add(g.whiskerHigh);
    add(g.mean);
    for (double v : g.outliers) add(v);
  }
  for (double v : m.referenceLines) add(v);
  if (!std::isfinite(yMin)) yMin = 0, yMax = 1;
  const auto [y0, y1] = paddedRange(m.yAxis, yMin, yMax);
  full_ = {-0.5, static_cast<double>(std::max<std::size_t>(m.groups.size(), 1)) - 0.5, y0, y1};
}

void BoxPlotPainter::paintContent(QPainter& painter, const PlotTransform& t) const {
  const auto& m = *model_;
  painter.setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
  for (double y : m.referenceLines)
    painter.drawLine(QPointF(t.plot().left(), t.yToPixel(y)), QPointF(t.plot().right(), t.yToPixel(y)));
  for (std::size_t i = 0; i < m.groups.size(); ++i) {
    const auto& g = m.groups[i];
    const double x = static_cast<double>(i);
    const QColor fill = g.highlighted ? m.highlightColor : m.boxColor;
    const QColor edge = fill.darker(160);
    const double xm = t.xToPixel(x), half = (t.xToPixel(x + kBoxWidth / 2) - t.xToPixel(x - kBoxWidth / 2)) / 2;
    const double cap = half / 2;
    painter.setPen(QPen(edge, 1.2));
    painter.drawLine(QPointF(xm, t.yToPixel(g.whiskerLow)), QPointF(xm, t.yToPixel(g.q1)));
    painter.drawLine(QPointF(xm, t.yToPixel(g.q3)), QPointF(xm, t.yToPixel(g.whiskerHigh)));
    painter.drawLine(QPointF(xm - cap, t.yToPixel(g.whiskerLow)), QPointF(xm + cap, t.yToPixel(g.whiskerLow)));
    painter.drawLine(QPointF(xm - cap, t.yToPixel(g.whiskerHigh)), QPointF(xm + cap, t.yToPixel(g.whiskerHigh)));
    painter.setBrush(fill);
    painter.drawRect(QRectF(QPointF(xm - half, t.yToPixel(g.q3)), QPointF(xm + half, t.yToPixel(g.q1))).normalized());
    painter.setPen(QPen(edge.darker(130), 2));
    painter.drawLine(QPointF(xm - half, t.yToPixel(g.median)), QPointF(xm + half, t.yToPixel(g.median)));
    painter.setPen(QPen(edge, 1));
    painter.setBrush(Qt::NoBrush);
    for (double v : g.outliers) painter.drawEllipse(QPointF(xm, t.yToPixel(v)), 2.5, 2.5);
    if (std::isfinite(g.mean)) {
      const QPointF c(xm, t.yToPixel(g.mean));
      painter.setBrush(Qt::white);
      painter.drawPolygon(QPolygonF({c + QPointF(0, -4), c + QPointF(4, 0), c + QPointF(0, 4), c + QPointF(-4, 0)}));
      painter.setBrush(Qt::NoBrush);
    }
  }
}

std::optional<ChartHit> BoxPlotPainter::hitTest(const QRectF& rect, const QPointF& pixel, double) const {
  const PlotTransform t = transform(rect);
  if (!t.plot().contains(pixel)) return std::nullopt;
  const double x = std::round(t.xToData(pixel.x()));
  if (x < 0 || x >= static_cast<double>(model_->groups.size())) return std::nullopt;
  ChartHit hit;
  hit.kind = kHitBox;
  hit.index = static_cast<std::size_t>(x);
  hit.x = x;
  hit.y = t.yToData(pixel.y());
  hit.pixel = pixel;
  return hit;
}

}  // namespace fab::ui::chart

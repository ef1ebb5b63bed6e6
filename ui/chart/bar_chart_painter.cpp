#include "ui/chart/bar_chart_painter.h"

#include <QFontMetricsF>
#include <QPen>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/chart/label_placement.h"

namespace fab::ui::chart {
namespace {

constexpr double kGroupWidth = 0.8;  ///< share of a category's unit width the bars fill

bool finite(double v) { return std::isfinite(v); }

}  // namespace

BarChartPainter::BarChartPainter(std::shared_ptr<const BarChartModel> model) : model_(std::move(model)) {
  const auto& m = *model_;
  const auto categories = m.categories;
  xAxis_.label = m.categoryLabel;
  xAxis_.format = [categories](double x) {
    const double r = std::round(x);
    if (std::abs(x - r) > 1e-6 || r < 0 || r >= static_cast<double>(categories.size())) return QString();
    return categories[static_cast<std::size_t>(r)];
  };
  for (std::size_t c = 0; c < m.categories.size(); ++c) xAxis_.ticks.push_back(static_cast<double>(c));
  double yMin = 0, yMax = 0;
  auto add = [&](double v) {
    if (finite(v)) {
      yMin = std::min(yMin, v);
      yMax = std::max(yMax, v);
    }
  };
  for (const auto& s : m.series) {
    for (double v : s.values) add(v);
    for (double v : s.high) add(v);
    for (double v : s.low) add(v);
  }
  for (const auto& l : m.lines)
    for (double v : l.values) add(v);
  for (double v : m.referenceLines) add(v);
  // Bars stand on zero; headroom above the tallest whisker (and the value labels).
  const double span = yMax - yMin > 0 ? yMax - yMin : 1.0;
  const double headroom = m.valueLabels ? 0.12 : 0.08;
  full_ = {-0.5, static_cast<double>(std::max<std::size_t>(m.categories.size(), 1)) - 0.5,
           m.yAxis.min.value_or(yMin < 0 ? yMin - 0.05 * span : 0), m.yAxis.max.value_or(yMax + headroom * span)};
}

QColor BarChartPainter::seriesColor(std::size_t s) const {
  const QColor& c = model_->series[s].color;
  return c.isValid() ? c : ChartStyle::palette(static_cast<int>(s));
}

std::pair<double, double> BarChartPainter::barSpan(std::size_t series, std::size_t category) const {
  const double n = static_cast<double>(std::max<std::size_t>(model_->series.size(), 1));
  const double width = kGroupWidth / n;
  const double x0 = static_cast<double>(category) - kGroupWidth / 2 + width * static_cast<double>(series);
  return {x0, x0 + width};
}

std::vector<LegendEntry> BarChartPainter::legend() const {
  std::vector<LegendEntry> out;
  // One series needs no legend unless a line must be told from it.
  if (model_->series.size() >= 2 || !model_->lines.empty())
    for (std::size_t s = 0; s < model_->series.size(); ++s)
      if (!model_->series[s].name.isEmpty()) out.push_back({model_->series[s].name, seriesColor(s), false, true, true});
  for (const auto& l : model_->lines)
    if (!l.name.isEmpty()) out.push_back({l.name, l.color, true, true});
  return out;
}

void BarChartPainter::paintContent(QPainter& painter, const PlotTransform& t) const {
  const auto& m = *model_;
  painter.setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
  for (double y : m.referenceLines)
    painter.drawLine(QPointF(t.plot().left(), t.yToPixel(y)), QPointF(t.plot().right(), t.yToPixel(y)));
  for (std::size_t s = 0; s < m.series.size(); ++s) {
    const auto& series = m.series[s];
    const QColor color = seriesColor(s);
    for (std::size_t c = 0; c < std::min(series.values.size(), m.categories.size()); ++c) {
      const double v = series.values[c];
      if (!finite(v)) continue;
      const auto [x0, x1] = barSpan(s, c);
      const double inset = (x1 - x0) * 0.06;
      painter.setPen(QPen(color.darker(140), 1));
      painter.setBrush(color);
      painter.drawRect(QRectF(t.toPixel(x0 + inset, v), t.toPixel(x1 - inset, 0)).normalized());
      if (c >= series.low.size() || c >= series.high.size()) continue;
      const double lo = series.low[c], hi = series.high[c];
      if (!finite(lo) || !finite(hi)) continue;
      // Interval whisker: a vertical line with caps, in black over the bar.
      const double xm = t.xToPixel((x0 + x1) / 2), cap = std::min(6.0, (t.xToPixel(x1) - t.xToPixel(x0)) / 4);
      painter.setPen(QPen(QColor(20, 20, 20), 1.5));
      painter.drawLine(QPointF(xm, t.yToPixel(lo)), QPointF(xm, t.yToPixel(hi)));
      painter.drawLine(QPointF(xm - cap, t.yToPixel(lo)), QPointF(xm + cap, t.yToPixel(lo)));
      painter.drawLine(QPointF(xm - cap, t.yToPixel(hi)), QPointF(xm + cap, t.yToPixel(hi)));
    }
  }
  painter.setBrush(Qt::NoBrush);
  if (m.valueLabels) paintValueLabels(painter, t);
  for (const auto& line : m.lines) {
    QPolygonF poly;
    auto flush = [&] {
      painter.setPen(QPen(line.color, 1.5));
      painter.drawPolyline(poly);
      poly.clear();
    };
    for (std::size_t c = 0; c < std::min(line.values.size(), m.categories.size()); ++c) {
      if (finite(line.values[c]))
        poly << t.toPixel(static_cast<double>(c), line.values[c]);
      else
        flush();
    }
    flush();
    painter.setPen(Qt::NoPen);
    painter.setBrush(line.color);
    for (std::size_t c = 0; c < std::min(line.values.size(), m.categories.size()); ++c)
      if (finite(line.values[c])) painter.drawEllipse(t.toPixel(static_cast<double>(c), line.values[c]), 3, 3);
    painter.setBrush(Qt::NoBrush);
  }
}

void BarChartPainter::paintValueLabels(QPainter& painter, const PlotTransform& t) const {
  const auto& m = *model_;
  const QFontMetricsF fm(style().font());
  painter.setFont(style().font());
  for (std::size_t s = 0; s < m.series.size(); ++s)
    for (std::size_t c = 0; c < std::min(m.series[s].values.size(), m.categories.size()); ++c) {
      const double v = m.series[s].values[c];
      if (!finite(v)) continue;
      const auto [x0, x1] = barSpan(s, c);
      const QString text = QString::number(v, 'g', 6);
      const QSizeF size(fm.horizontalAdvance(text) + 4, fm.height());
      const QPointF top = t.toPixel((x0 + x1) / 2, v);
      const double barHeight = std::abs(t.yToPixel(0) - top.y());
      const double barWidth = std::abs(t.xToPixel(x1) - t.xToPixel(x0));
      // Inside the bar's top in white when it fits (a line's dot may sit on the bar's top), else above it.
      const bool inside = barHeight > 2.5 * size.height() && barWidth > size.width() + 4;
      const double y = v >= 0 ? (inside ? top.y() + 3 : top.y() - size.height() - 1)
                              : (inside ? top.y() - size.height() - 3 : top.y() + 1);
      const QRectF box = keepInside(QRectF(QPointF(top.x() - size.width() / 2, y), size), t.plot());
      painter.setPen(inside ? QColor(Qt::white) : style().text);
      painter.drawText(box, Qt::AlignCenter, text);
    }
}

std::optional<ChartHit> BarChartPainter::hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const {
  const PlotTransform t = transform(rect);
  if (!t.plot().contains(pixel)) return std::nullopt;
  const double x = t.xToData(pixel.x());
  const auto& m = *model_;
  for (std::size_t s = 0; s < m.series.size(); ++s)
    for (std::size_t c = 0; c < std::min(m.series[s].values.size(), m.categories.size()); ++c) {
      const auto [x0, x1] = barSpan(s, c);
      const double v = m.series[s].values[c];
      if (x < x0 || x > x1 || !finite(v)) continue;
      const double top = t.yToPixel(std::max(v, 0.0)) - maxDistance, bottom = t.yToPixel(std::min(v, 0.0));
      if (pixel.y() < top || pixel.y() > bottom) continue;
      ChartHit hit;
      hit.series = static_cast<int>(s);
      hit.index = c;
      hit.x = static_cast<double>(c);
      hit.y = v;
      hit.pixel = t.toPixel((x0 + x1) / 2, v);
      hit.kind = kHitBar;
      return hit;
    }
  return std::nullopt;
}

}  // namespace fab::ui::chart

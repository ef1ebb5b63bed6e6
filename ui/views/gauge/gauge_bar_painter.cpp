#include "ui/views/gauge/gauge_bar_painter.h"

#include <QPen>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fab::ui::gauge {
namespace {

constexpr double kGroupWidth = 0.8;  ///< share of a category's unit width the bars fill

bool finite(double v) { return std::isfinite(v); }

}  // namespace

BarChartPainter::BarChartPainter(std::shared_ptr<const BarChartModel> model) : model_(std::move(model)) {
  const auto& m = *model_;
  const auto categories = m.categories;
  xAxis_.format = [categories](double x) {
    const double r = std::round(x);
    if (std::abs(x - r) > 1e-6 || r < 0 || r >= static_cast<double>(categories.size())) return QString();
    return categories[static_cast<std::size_t>(r)];
  };
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
  for (double v : m.referenceLines) add(v);
  // Bars stand on zero; a little headroom above the tallest whisker.
  const double span = yMax - yMin > 0 ? yMax - yMin : 1.0;
  full_ = {-0.5, static_cast<double>(std::max<std::size_t>(m.categories.size(), 1)) - 0.5,
           m.yAxis.min.value_or(yMin < 0 ? yMin - 0.05 * span : 0), m.yAxis.max.value_or(yMax + 0.08 * span)};
}

std::pair<double, double> BarChartPainter::barSpan(std::size_t series, std::size_t category) const {
  const double n = static_cast<double>(std::max<std::size_t>(model_->series.size(), 1));
  const double width = kGroupWidth / n;
  const double x0 = static_cast<double>(category) - kGroupWidth / 2 + width * static_cast<double>(series);
  return {x0, x0 + width};
}

std::vector<chart::LegendEntry> BarChartPainter::legend() const {
  std::vector<chart::LegendEntry> out;
  if (model_->series.size() < 2) return out;
  for (const auto& s : model_->series) out.push_back({s.name, s.color, false, true});
  return out;
}

void BarChartPainter::paintContent(QPainter& painter, const chart::PlotTransform& t) const {
  const auto& m = *model_;
  painter.setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
  for (double y : m.referenceLines)
    painter.drawLine(QPointF(t.plot().left(), t.yToPixel(y)), QPointF(t.plot().right(), t.yToPixel(y)));
  for (std::size_t s = 0; s < m.series.size(); ++s) {
    const auto& series = m.series[s];
    const QColor color = series.color.isValid() ? series.color : chart::ChartStyle::palette(static_cast<int>(s));
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
}

std::optional<chart::ChartHit> BarChartPainter::hitTest(const QRectF& rect, const QPointF& pixel,
                                                        double maxDistance) const {
  const chart::PlotTransform t = transform(rect);
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
      chart::ChartHit hit;
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

}  // namespace fab::ui::gauge

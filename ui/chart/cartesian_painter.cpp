#include "ui/chart/cartesian_painter.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace fab::ui::chart {
namespace {

constexpr double kTickLength = 4;
constexpr double kLegendSample = 18, kLegendGap = 14;  ///< a legend entry's line sample, and the gap after its name

double legendEntryWidth(const QFontMetricsF& fm, const LegendEntry& e) {
  return kLegendSample + 4 + fm.horizontalAdvance(e.name) + kLegendGap;
}

/// The index of each legend row's first entry: entries fill a row while they fit `width`.
std::vector<std::size_t> legendRowStarts(const std::vector<LegendEntry>& entries, const QFontMetricsF& fm, double width) {
  std::vector<std::size_t> starts;
  double used = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const double w = legendEntryWidth(fm, entries[i]);
    if (starts.empty() || used + w - kLegendGap > width) {
      starts.push_back(i);
      used = 0;
    }
    used += w;
  }
  return starts;
}

double widestLabel(const QFontMetricsF& fm, const std::vector<QString>& labels) {
  double w = 0;
  for (const auto& l : labels) w = std::max(w, fm.horizontalAdvance(l));
  return w;
}

/// The axis' own ticks inside [min, max], every k-th so that about `target` remain.
AxisTicks givenTicks(const std::vector<double>& values, double min, double max, int target) {
  std::vector<double> inside;
  for (double v : values)
    if (v >= min && v <= max) inside.push_back(v);
  const std::size_t every = std::max<std::size_t>(
      1, (inside.size() + static_cast<std::size_t>(target) - 1) / static_cast<std::size_t>(target));
  AxisTicks t;
  for (std::size_t i = 0; i < inside.size(); i += every) {
    t.values.push_back(inside[i]);
    t.labels.push_back(QString::number(inside[i], 'g', 6));
  }
  return t;
}

}  // namespace

std::pair<double, double> CartesianPainter::paddedRange(const AxisSpec& axis, double min, double max) {
  if (!std::isfinite(min) || !std::isfinite(max)) {
    min = 0;
    max = 1;
  }
  double pad = (max - min) * 0.05;
  if (!(pad > 0)) pad = min == 0 ? 1 : std::abs(min) * 0.1;
  double lo = axis.min.value_or(min - pad);
  double hi = axis.max.value_or(max + pad);
  if (!(hi > lo)) hi = lo + 1;
  return {lo, hi};
}

AxisTicks CartesianPainter::ticksFor(const AxisSpec& axis, double min, double max, double lengthPx,
                                     bool horizontal) const {
  const QFontMetricsF fm(style().font());
  auto make = [&](int target) {
    AxisTicks t = !axis.ticks.empty()           ? givenTicks(axis.ticks, min, max, target)
                  : axis.kind == AxisKind::Time ? timeTicks(min, max, target)
                                                : numericTicks(min, max, target);
    if (axis.format)
      for (std::size_t i = 0; i < t.values.size(); ++i) t.labels[i] = axis.format(t.values[i]);
    return t;
  };
  if (!horizontal) return make(std::max(2, static_cast<int>(lengthPx / (3 * fm.height()))));
  // Given ticks (categories) all labelled while they fit; nice numbers about every 90 px.
  int target = axis.ticks.empty() ? std::max(2, static_cast<int>(lengthPx / 90))
                                  : std::max(1, static_cast<int>(axis.ticks.size()));
  AxisTicks ticks = make(target);
  // Fewer ticks until the labels fit side by side.
  for (int attempt = 0; attempt < 4 && target > (axis.ticks.empty() ? 2 : 1); ++attempt) {
    const double needed = static_cast<double>(ticks.values.size()) * (widestLabel(fm, ticks.labels) + 16);
    if (needed <= lengthPx) break;
    target = std::max(axis.ticks.empty() ? 2 : 1, static_cast<int>(target * lengthPx / needed));
    ticks = make(target);
  }
  return ticks;
}

CartesianPainter::Layout CartesianPainter::layout(const QRectF& rect) const {
  const ChartStyle& s = style();
  const QFontMetricsF fm(s.font()), tfm(s.titleFont());
  const DataRange range = visibleRange();
  Layout out;
  if (s.fixedMargins) {
    out.plot = rect.marginsRemoved(*s.fixedMargins);
    out.yTicks = ticksFor(yAxis(), range.yMin, range.yMax, out.plot.height(), false);
    out.xTicks = ticksFor(xAxis(), range.xMin, range.xMax, out.plot.width(), true);
    return out;
  }
  const double line = fm.height(), pad = s.padding;
  double top = pad;
  if (!title().isEmpty()) top += tfm.height() + pad;
  if (const auto entries = legend(); !entries.empty())
    top += static_cast<double>(legendRowStarts(entries, fm, rect.width() - 2 * pad).size()) * line + pad;
  if (top == pad) top += line / 2;  // room for the top tick label
  double bottom = kTickLength + 2 + line + pad;
  if (!xAxis().label.isEmpty()) bottom += line + pad / 2;
  double right = pad + fm.horizontalAdvance("0000") / 2;
  for (const auto& label : edgeLabels(range))
    right = std::max(right, kTickLength + 2 + fm.horizontalAdvance(label.text) + pad);

  out.yTicks = ticksFor(yAxis(), range.yMin, range.yMax, std::max(1.0, rect.height() - top - bottom), false);
  double left = pad + widestLabel(fm, out.yTicks.labels) + kTickLength + 2;
  if (!yAxis().label.isEmpty()) left += line + pad / 2;
  out.plot = QRectF(rect.left() + left, rect.top() + top, std::max(1.0, rect.width() - left - right),
                    std::max(1.0, rect.height() - top - bottom));
  out.xTicks = ticksFor(xAxis(), range.xMin, range.xMax, out.plot.width(), true);
  return out;
}

PlotTransform CartesianPainter::transform(const QRectF& rect) const { return {layout(rect).plot, visibleRange()}; }

void CartesianPainter::paint(QPainter& painter, const QRectF& rect) const {
  const ChartStyle& s = style();
  const Layout l = layout(rect);
  const PlotTransform t(l.plot, visibleRange());
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.fillRect(rect, s.background);
  painter.fillRect(l.plot, s.plotBackground);

  painter.setPen(QPen(s.grid, 1));
  for (double v : l.yTicks.values)
    painter.drawLine(QPointF(l.plot.left(), t.yToPixel(v)), QPointF(l.plot.right(), t.yToPixel(v)));
  for (double v : l.xTicks.values)
    painter.drawLine(QPointF(t.xToPixel(v), l.plot.top()), QPointF(t.xToPixel(v), l.plot.bottom()));

  painter.save();
  painter.setClipRect(l.plot);
  paintContent(painter, t);
  painter.restore();

  paintFrame(painter, rect, l);
  paintEdgeLabels(painter, rect, t);
  painter.restore();
}

void CartesianPainter::paintFrame(QPainter& painter, const QRectF& rect, const Layout& l) const {
  const ChartStyle& s = style();
  const QFontMetricsF fm(s.font()), tfm(s.titleFont());
  const PlotTransform t(l.plot, visibleRange());
  const double line = fm.height();
  painter.setBrush(Qt::NoBrush);
  painter.setPen(QPen(s.frame, 1));
  painter.drawRect(l.plot);

  painter.setFont(s.font());
  for (std::size_t i = 0; i < l.yTicks.values.size(); ++i) {
    const double y = t.yToPixel(l.yTicks.values[i]);
    painter.setPen(QPen(s.frame, 1));
    painter.drawLine(QPointF(l.plot.left() - kTickLength, y), QPointF(l.plot.left(), y));
    painter.setPen(s.text);
    const QRectF box(rect.left(), y - line / 2, l.plot.left() - kTickLength - 2 - rect.left(), line);
    painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter, l.yTicks.labels[i]);
  }
  for (std::size_t i = 0; i < l.xTicks.values.size(); ++i) {
    const double x = t.xToPixel(l.xTicks.values[i]);
    painter.setPen(QPen(s.frame, 1));
    painter.drawLine(QPointF(x, l.plot.bottom()), QPointF(x, l.plot.bottom() + kTickLength));
    painter.setPen(s.text);
    const double w = fm.horizontalAdvance(l.xTicks.labels[i]) + 4;
    painter.drawText(QRectF(x - w / 2, l.plot.bottom() + kTickLength + 2, w, line), Qt::AlignCenter,
                     l.xTicks.labels[i]);
  }

  painter.setPen(s.text);
  if (!xAxis().label.isEmpty())
    painter.drawText(
        QRectF(l.plot.left(), l.plot.bottom() + kTickLength + 2 + line + s.padding / 2, l.plot.width(), line),
        Qt::AlignCenter, xAxis().label);
  if (!yAxis().label.isEmpty()) {
    painter.save();
    painter.translate(rect.left() + s.padding, l.plot.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-l.plot.height() / 2, 0, l.plot.height(), line), Qt::AlignCenter, yAxis().label);
    painter.restore();
  }
  double top = rect.top() + s.padding;
  if (!title().isEmpty()) {
    painter.setFont(s.titleFont());
    painter.drawText(QRectF(rect.left(), top, rect.width(), tfm.height()), Qt::AlignCenter, title());
    top += tfm.height() + s.padding;
    painter.setFont(s.font());
  }
  paintLegend(painter, rect, top);
}

void CartesianPainter::paintLegend(QPainter& painter, const QRectF& rect, double top) const {
  const auto entries = legend();
  if (entries.empty()) return;
  const QFontMetricsF fm(style().font());
  const double line = fm.height();
  auto starts = legendRowStarts(entries, fm, rect.width() - 2 * style().padding);
  starts.push_back(entries.size());
  for (std::size_t row = 0; row + 1 < starts.size(); ++row, top += line) {
    double total = 0;
    for (auto i = starts[row]; i < starts[row + 1]; ++i) total += legendEntryWidth(fm, entries[i]);
    double x = rect.left() + std::max(0.0, (rect.width() - total + kLegendGap) / 2);
    const double cy = top + line / 2;
    for (auto i = starts[row]; i < starts[row + 1]; ++i) {
      const auto& e = entries[i];
      painter.setPen(QPen(e.color, 1.5));
      if (e.box) {
        const double side = line - 4;
        painter.setPen(QPen(e.color.darker(140), 1));
        painter.setBrush(e.color);
        painter.drawRect(QRectF(x + (kLegendSample - side) / 2, cy - side / 2, side, side));
        painter.setBrush(Qt::NoBrush);
      } else if (e.line) {
        painter.drawLine(QPointF(x, cy), QPointF(x + kLegendSample, cy));
      }
      if (e.marker && !e.box) {
        painter.setBrush(e.color);
        painter.drawEllipse(QPointF(x + kLegendSample / 2, cy), 3, 3);
        painter.setBrush(Qt::NoBrush);
      }
      x += kLegendSample + 4;
      painter.setPen(style().text);
      const double w = fm.horizontalAdvance(e.name);
      painter.drawText(QRectF(x, top, w + 2, line), Qt::AlignLeft | Qt::AlignVCenter, e.name);
      x += w + kLegendGap;
    }
  }
}

void CartesianPainter::paintEdgeLabels(QPainter& painter, const QRectF& rect, const PlotTransform& t) const {
  auto labels = edgeLabels(t.range());
  if (labels.empty()) return;
  const QFontMetricsF fm(style().font());
  const double line = fm.height();
  std::vector<std::pair<double, const EdgeLabel*>> placed;
  for (const auto& l : labels) {
    const double y = t.yToPixel(l.y);
    if (y >= t.plot().top() - 0.5 && y <= t.plot().bottom() + 0.5) placed.emplace_back(y, &l);
  }
  std::sort(placed.begin(), placed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < placed.size(); ++i)
    placed[i].first = std::max(placed[i].first, placed[i - 1].first + line);
  painter.setFont(style().font());
  const double x = t.plot().right() + kTickLength;
  for (const auto& [y, label] : placed) {
    painter.setPen(label->color);
    painter.drawText(QRectF(x, y - line / 2, rect.right() - x, line), Qt::AlignLeft | Qt::AlignVCenter, label->text);
  }
}

}  // namespace fab::ui::chart

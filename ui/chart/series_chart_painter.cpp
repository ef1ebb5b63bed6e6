#include "ui/chart/series_chart_painter.h"

#include <QFontMetricsF>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "ui/chart/decimation.h"
#include "ui/chart/label_placement.h"
#include "ui/chart/marker_stamp.h"

namespace fab::ui::chart {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Extent {
  double xMin = kInf, xMax = -kInf, yMin = kInf, yMax = -kInf;
  void addX(double x) {
    if (!std::isfinite(x)) return;
    xMin = std::min(xMin, x);
    xMax = std::max(xMax, x);
  }
  void addY(double y) {
    if (!std::isfinite(y)) return;
    yMin = std::min(yMin, y);
    yMax = std::max(yMax, y);
  }
};

}  // namespace

SeriesChartPainter::SeriesChartPainter(std::shared_ptr<const ChartModel> model) : model_(std::move(model)) {
  Extent e;
  for (const auto& s : model_->series) {
    sorted_.push_back(sortedByX(s.points));
    for (const auto& p : s.points) {
      if (std::isnan(p.y)) continue;
      e.addX(p.x);
      e.addY(p.y);
    }
  }
  for (const auto& line : model_->limits)
    for (const auto& step : line.steps) e.addY(step.y);
  for (const auto& a : model_->annotations) e.addY(a.y);
  if (!std::isfinite(e.xMin))
    for (const auto& line : model_->limits)
      for (const auto& step : line.steps) {
        e.addX(step.x0);
        e.addX(step.x1);
      }
  // Padded unless the axis fixes its range; an empty chart gets 0..1.
  auto [x0, x1] = paddedRange(model_->xAxis, e.xMin, e.xMax);
  auto [y0, y1] = paddedRange(model_->yAxis, e.yMin, e.yMax);
  full_ = {x0, x1, y0, y1};
}

QColor SeriesChartPainter::seriesColor(std::size_t i) const {
  const QColor& c = model_->series[i].color;
  return c.isValid() ? c : ChartStyle::palette(static_cast<int>(i));
}

std::vector<LegendEntry> SeriesChartPainter::legend() const {
  std::vector<LegendEntry> out;
  if (!model_->legend) return out;
  for (std::size_t i = 0; i < model_->series.size(); ++i) {
    const auto& s = model_->series[i];
    if (!s.name.isEmpty()) out.push_back({s.name, seriesColor(i), s.drawLine, s.drawMarkers});
  }
  return out;
}

std::vector<EdgeLabel> SeriesChartPainter::edgeLabels(const DataRange& visible) const {
  std::vector<EdgeLabel> out;
  for (const auto& line : model_->limits) {
    if (line.label.isEmpty()) continue;
    // The level in force at the right edge of the view, else the last one visible.
    const StepLine::Step* chosen = nullptr;
    for (const auto& step : line.steps)
      if (!std::isnan(step.y) && step.x0 <= visible.xMax && step.x1 >= visible.xMin) chosen = &step;
    if (chosen) out.push_back({chosen->y, line.label + " " + QString::number(chosen->y, 'g', 5), line.color});
  }
  return out;
}

std::pair<std::size_t, std::size_t> SeriesChartPainter::visibleIndices(std::size_t index, const DataRange& r) const {
  const auto& pts = model_->series[index].points;
  if (!sorted_[index]) return {0, pts.size()};
  return visibleSpan(pts, r.xMin, r.xMax);
}

void SeriesChartPainter::paintContent(QPainter& painter, const PlotTransform& t) const {
  lastDrawnVertices_ = 0;
  paintZones(painter, t);
  paintPhases(painter, t);
  paintLimits(painter, t);
  for (std::size_t i = 0; i < model_->series.size(); ++i) paintSeries(painter, t, i);
  for (std::size_t i = 0; i < model_->series.size(); ++i) paintMarkers(painter, t, i);
  paintAnnotations(painter, t);
}

void SeriesChartPainter::paintZones(QPainter& painter, const PlotTransform& t) const {
  const DataRange& r = t.range();
  const QFontMetricsF fm(style().font());
  painter.setFont(style().font());
  for (const auto& z : model_->zones) {
    const double x0 = std::max(z.x0, r.xMin), x1 = std::min(z.x1, r.xMax);
    if (!(x1 > x0)) continue;
    const QRectF band = QRectF(t.toPixel(x0, std::max(z.y0, z.y1)), t.toPixel(x1, std::min(z.y0, z.y1))).normalized();
    painter.fillRect(band, z.fill);
    if (!z.label.isEmpty() && band.height() >= fm.height()) {
      painter.setPen(style().text);
      painter.drawText(band.adjusted(3, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, z.label);
    }
  }
}

void SeriesChartPainter::paintPhases(QPainter& painter, const PlotTransform& t) const {
  const QFontMetricsF fm(style().font());
  painter.setFont(style().font());
  for (const auto& phase : model_->phases) {
    const double x = t.xToPixel(phase.x);
    painter.setPen(QPen(style().phaseLine, 1.2, Qt::DashDotLine));
    painter.drawLine(QPointF(x, t.plot().top()), QPointF(x, t.plot().bottom()));
    if (!phase.label.isEmpty()) {
      painter.setPen(style().text);
      // Right of the line, or left of it near the right edge: never cut by the plot's clip.
      const QSizeF size(fm.horizontalAdvance(phase.label) + 4, fm.height());
      const QRectF box = labelBesideLine(x, t.plot().top() + 2, size, t.plot());
      // A veil behind the text keeps it legible over the curves.
      QColor veil = style().plotBackground;
      veil.setAlpha(200);
      painter.fillRect(box, veil);
      painter.drawText(box, Qt::AlignCenter, phase.label);
    }
  }
}

void SeriesChartPainter::paintLimits(QPainter& painter, const PlotTransform& t) const {
  painter.setBrush(Qt::NoBrush);
  for (const auto& line : model_->limits) {
    QPainterPath path;
    const StepLine::Step* previous = nullptr;
    for (const auto& step : line.steps) {
      if (std::isnan(step.y)) {
        previous = nullptr;
        continue;
      }
      const QPointF a = t.toPixel(step.x0, step.y), b = t.toPixel(step.x1, step.y);
      // Steps that touch are joined by a vertical riser: the staircase.
      if (previous && previous->x1 == step.x0)
        path.lineTo(a);
      else
        path.moveTo(a);
      path.lineTo(b);
      previous = &step;
    }
    painter.setPen(QPen(line.color, line.width, line.style, Qt::FlatCap));
    painter.drawPath(path);
  }
}

void SeriesChartPainter::paintSeries(QPainter& painter, const PlotTransform& t, std::size_t index) const {
  const Series& s = model_->series[index];
  if (!s.drawLine || s.points.size() < 2) return;
  const DataRange& r = t.range();
  // Separate segments, not one polyline: Qt strokes a long self-crossing
  // polyline as one path, which takes seconds for a few thousand vertices.
  QVector<QLineF> segments;
  std::optional<QPointF> previous;
  auto to = [&](const ChartPoint& p) {
    const QPointF px = t.toPixel(p.x, p.y);
    if (previous) segments.append(QLineF(*previous, px));
    previous = px;
    ++lastDrawnVertices_;
  };
  if (sorted_[index]) {
    for (std::size_t i : decimateMinMax(s.points, r.xMin, r.xMax, static_cast<int>(std::ceil(t.plot().width()))))
      to(s.points[i]);
  } else {
    for (const auto& p : s.points) {
      if (std::isnan(p.y))
        previous.reset();  // a gap in the line
      else
        to(p);
    }
  }
  painter.setPen(QPen(seriesColor(index), 1.2));  // square caps: round ones cost 10× more
  painter.drawLines(segments);
}

void SeriesChartPainter::paintMarkers(QPainter& painter, const PlotTransform& t, std::size_t index) const {
  const Series& s = model_->series[index];
  const ChartStyle& st = style();
  const auto [first, last] = visibleIndices(index, t.range());
  // With a line, plain markers only while they stay apart; a scatter (no line)
  // always shows its markers. Flagged points are always marked.
  const bool dense = static_cast<double>(last - first) > t.plot().width() / 3;
  const bool plain = s.drawMarkers && (!dense || !s.drawLine);
  const double r = s.markerRadius;
  const QPen none(Qt::NoPen), excludedPen(st.excluded, 1.2), violationPen(st.violation.darker(130), 1),
      ringPen(st.highlight, 2);
  const QBrush fill(seriesColor(index)), violationFill(st.violation), noFill(Qt::NoBrush);
  MarkerStamp stamp(painter, dense);
  // Dense series: one marker per cell of about the marker's radius (a million-point
  // scatter stays quick). Bit 1: a plain marker was drawn in the cell; bit 2: a flagged one.
  const double cellSize = std::max(1.0, std::floor(r));
  const auto cellsWide = static_cast<std::size_t>(t.plot().width() / cellSize) + 2;
  const auto cellsHigh = static_cast<std::size_t>(t.plot().height() / cellSize) + 2;
  std::vector<std::uint8_t> drawn(dense ? cellsWide * cellsHigh : 0, 0);
  for (std::size_t i = first; i < last; ++i) {
    const ChartPoint& p = s.points[i];
    if (std::isnan(p.y) || (!plain && p.flags == kFlagNone)) continue;
    const QPointF px = t.toPixel(p.x, p.y);
    if (dense) {
      const double cx = std::floor((px.x() - t.plot().left()) / cellSize);
      const double cy = std::floor((px.y() - t.plot().top()) / cellSize);
      if (cx < 0 || cy < 0 || cx >= static_cast<double>(cellsWide) || cy >= static_cast<double>(cellsHigh)) continue;
      const auto cell = static_cast<std::size_t>(cy) * cellsWide + static_cast<std::size_t>(cx);
      const std::uint8_t kind = p.flags == kFlagNone ? 1 : 2;
      if (drawn[cell] & kind) continue;
      drawn[cell] |= kind;
    }
    if (p.flags & kFlagExcluded)
      stamp.draw(px, r, excludedPen, noFill);
    else if (p.flags & kFlagViolation)
      stamp.draw(px, r + 1, violationPen, violationFill);
    else if (plain)
      stamp.draw(px, r, none, fill);
    if (p.flags & kFlagHighlighted) stamp.draw(px, r + 4, ringPen, noFill);
  }
  painter.setBrush(Qt::NoBrush);
}

void SeriesChartPainter::paintAnnotations(QPainter& painter, const PlotTransform& t) const {
  const QFontMetricsF fm(style().font());
  painter.setFont(style().font());
  for (const auto& a : model_->annotations) {
    const QPointF px = t.toPixel(a.x, a.y);
    painter.setPen(a.color);
    const QSizeF size(fm.horizontalAdvance(a.text) + 4, fm.height());
    painter.drawText(labelBesideLine(px.x(), px.y() - fm.height() - 2, size, t.plot(), 6),
                     Qt::AlignLeft | Qt::AlignVCenter, a.text);
  }
}

std::optional<ChartHit> SeriesChartPainter::hitTest(const QRectF& rect, const QPointF& pixel,
                                                    double maxDistance) const {
  const PlotTransform t = transform(rect);
  if (!t.plot().adjusted(-maxDistance, -maxDistance, maxDistance, maxDistance).contains(pixel)) return std::nullopt;
  const double dx = maxDistance / t.plot().width() * t.range().width();
  DataRange window = t.range();
  window.xMin = t.xToData(pixel.x()) - dx;
  window.xMax = t.xToData(pixel.x()) + dx;
  std::optional<ChartHit> best;
  double bestDistance = maxDistance * maxDistance;
  for (std::size_t si = 0; si < model_->series.size(); ++si) {
    const auto& pts = model_->series[si].points;
    const auto [first, last] = visibleIndices(si, window);
    for (std::size_t i = first; i < last; ++i) {
      if (std::isnan(pts[i].y)) continue;
      const QPointF px = t.toPixel(pts[i].x, pts[i].y);
      const double d2 = (px.x() - pixel.x()) * (px.x() - pixel.x()) + (px.y() - pixel.y()) * (px.y() - pixel.y());
      if (d2 <= bestDistance) {
        bestDistance = d2;
        best = ChartHit{static_cast<int>(si), i, pts[i].x, pts[i].y, pts[i].row, px, 0};
      }
    }
  }
  return best;
}

}  // namespace fab::ui::chart

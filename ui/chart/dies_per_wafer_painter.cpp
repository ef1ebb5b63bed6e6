#include "ui/chart/dies_per_wafer_painter.h"

#include <QFontMetricsF>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

#include "ui/chart/wafer_outline.h"

namespace fab::ui::chart {
namespace {

constexpr double kValueGap = 16;  ///< pixels between a fact's label and its value

QFont boldFont(const ChartStyle& s) {
  QFont f = s.font();
  f.setBold(true);
  return f;
}

}  // namespace

DiesPerWaferPainter::DiesPerWaferPainter(std::shared_ptr<const DiesPerWaferModel> model) : model_(std::move(model)) {
  for (const auto& d : model_->dies) complete_ += d.complete ? 1 : 0;
}

DataRange DiesPerWaferPainter::fullRange() const {
  const double r = model_->diameterMm / 2 * 1.04;
  return {-r, r, -r, r};
}

double DiesPerWaferPainter::panelWidth() const {
  const ChartStyle& s = style();
  const QFontMetricsF fm(s.font()), bold(boldFont(s));
  const double swatch = fm.height();
  double w = swatch + 6 +
             std::max(fm.horizontalAdvance(model_->completeLabel + "  00000"),
                      fm.horizontalAdvance(model_->partialLabel + "  00000"));
  for (const auto& f : model_->facts)
    w = std::max(w, f.heading ? bold.horizontalAdvance(f.label)
                              : fm.horizontalAdvance(f.label) + kValueGap + fm.horizontalAdvance(f.value));
  return w + 3 * s.padding;
}

PlotTransform DiesPerWaferPainter::transform(const QRectF& rect) const {
  return equalAspectTransform(rect, !model_->title.isEmpty(), panelWidth());
}

void DiesPerWaferPainter::paint(QPainter& painter, const QRectF& rect) const {
  const ChartStyle& s = style();
  const PlotTransform t = transform(rect);
  beginMap(painter, rect, model_->title);
  painter.save();
  painter.setClipRect(t.plot().intersected(rect));
  // The notch no deeper than the edge exclusion (at least 1 mm): a real notch lies
  // inside the exclusion, and complete dies must not look cut by it.
  const double notchR =
      std::min(model_->diameterMm * WaferOutline::kNotchRadiusShare, std::max(model_->edgeExclusionMm, 1.0));
  const WaferOutline outline{model_->diameterMm, model_->edgeExclusionMm, model_->notch, notchR};
  outline.paint(painter, t);
  // The edge exclusion, where no die is complete, lightly shaded.
  painter.fillPath(outline.exclusionRing(t), QColor(214, 39, 40, 26));
  paintDies(painter, t);
  // The wafer's edge again, over the partial dies' outlines.
  painter.setPen(QPen(WaferOutline::kEdge, 1.4));
  painter.setBrush(Qt::NoBrush);
  painter.drawPath(outline.waferPath(t));
  painter.restore();
  if (!s.fixedMargins) {
    const double w = panelWidth();
    paintPanel(painter, QRectF(rect.right() - w, t.plot().top() + s.padding, w, rect.bottom() - t.plot().top()));
  }
  painter.restore();
}

void DiesPerWaferPainter::paintDies(QPainter& painter, const PlotTransform& t) const {
  const auto& m = *model_;
  const double wPx = m.dieWidthMm / t.range().width() * t.plot().width();
  const double hPx = m.dieHeightMm / t.range().height() * t.plot().height();
  // Large dies get a darker rim; tiny ones are plain fills (partial ones translucent).
  const bool tiny = wPx < 3 || hPx < 3;
  const QPen completePen = wPx >= 6 && hPx >= 6 ? QPen(kComplete.darker(150), 0.6) : QPen(Qt::NoPen);
  const QPen partialPen = tiny ? QPen(Qt::NoPen) : QPen(kPartialEdge, 1.0);
  const QBrush partialBrush =
      tiny ? QBrush(QColor(kPartialEdge.red(), kPartialEdge.green(), kPartialEdge.blue(), 90)) : QBrush(Qt::NoBrush);
  for (const auto& d : m.dies) {
    const QRectF box(t.xToPixel(d.xMm) - wPx / 2, t.yToPixel(d.yMm) - hPx / 2, wPx, hPx);
    if (!box.intersects(t.plot())) continue;
    if (d.complete) {
      painter.setPen(completePen);
      painter.setBrush(kComplete);
    } else {
      painter.setPen(partialPen);
      painter.setBrush(partialBrush);
    }
    painter.drawRect(tiny || !d.complete ? box : box.adjusted(0.3, 0.3, -0.3, -0.3));
  }
  painter.setBrush(Qt::NoBrush);
}

void DiesPerWaferPainter::paintPanel(QPainter& painter, const QRectF& area) const {
  const ChartStyle& s = style();
  const QFontMetricsF fm(s.font());
  const double line = fm.height() + 4, swatch = fm.height() - 2;
  const double left = area.left() + s.padding, right = area.right() - s.padding;
  double y = area.top();
  painter.setFont(s.font());
  // Legend: what filled and outlined cells mean, with their counts.
  const std::size_t partial = model_->dies.size() - complete_;
  const struct {
    bool filled;
    QString text;
  } legend[] = {{true, QString("%1  %2").arg(model_->completeLabel).arg(complete_)},
                {false, QString("%1  %2").arg(model_->partialLabel).arg(partial)}};
  for (const auto& entry : legend) {
    const QRectF box(left, y + (line - swatch) / 2, swatch, swatch);
    painter.setPen(entry.filled ? QPen(kComplete.darker(150), 0.8) : QPen(kPartialEdge, 1.2));
    painter.setBrush(entry.filled ? QBrush(kComplete) : QBrush(Qt::NoBrush));
    painter.drawRect(box);
    painter.setPen(s.text);
    painter.drawText(QRectF(box.right() + 6, y, right - box.right() - 6, line), Qt::AlignLeft | Qt::AlignVCenter,
                     entry.text);
    y += line;
  }
  painter.setBrush(Qt::NoBrush);
  y += line / 2;
  for (const auto& f : model_->facts) {
    if (y + line > area.bottom()) break;
    if (f.heading) {
      y += line / 3;
      painter.setFont(boldFont(s));
      painter.setPen(s.text);
      painter.drawText(QRectF(left, y, right - left, line), Qt::AlignLeft | Qt::AlignVCenter, f.label);
      painter.setFont(s.font());
      y += line;
      continue;
    }
    painter.setPen(s.text);
    painter.drawText(QRectF(left, y, right - left, line), Qt::AlignLeft | Qt::AlignVCenter, f.label);
    painter.drawText(QRectF(left, y, right - left, line), Qt::AlignRight | Qt::AlignVCenter, f.value);
    y += line;
  }
}

std::optional<ChartHit> DiesPerWaferPainter::hitTest(const QRectF& rect, const QPointF& pixel, double) const {
  const PlotTransform t = transform(rect);
  if (!t.plot().contains(pixel)) return std::nullopt;
  const QPointF mm = t.toData(pixel);
  const auto& m = *model_;
  for (std::size_t i = 0; i < m.dies.size(); ++i) {
    const auto& d = m.dies[i];
    if (std::abs(mm.x() - d.xMm) <= m.dieWidthMm / 2 && std::abs(mm.y() - d.yMm) <= m.dieHeightMm / 2)
      return ChartHit{-1, i, d.xMm, d.yMm, static_cast<std::int64_t>(i), t.toPixel(d.xMm, d.yMm), kHitDie};
  }
  return std::nullopt;
}

}  // namespace fab::ui::chart

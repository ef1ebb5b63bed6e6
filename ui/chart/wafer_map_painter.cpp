#include "ui/chart/wafer_map_painter.h"

#include <QFontMetricsF>
#include <QImage>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

#include "ui/chart/marker_stamp.h"
#include "ui/chart/wafer_outline.h"

namespace fab::ui::chart {
namespace {

std::int64_t dieKey(int x, int y) { return (static_cast<std::int64_t>(x) << 32) ^ static_cast<std::uint32_t>(y); }

const QColor kPass(44, 160, 44);
const QColor kFail(214, 39, 40);
const QColor kUntested(205, 205, 205);

/// Colouring::Heat: white (0) → yellow → red (1).
QColor heatColour(double v) {
  if (!std::isfinite(v)) return kUntested;
  v = std::clamp(v, 0.0, 1.0);
  if (v < 0.5) return QColor::fromRgbF(1.0, 1.0, 1.0 - 1.6 * v);
  return QColor::fromRgbF(1.0, 1.0 - 1.7 * (v - 0.5), 0.2 - 0.4 * (v - 0.5));
}

/// More defects than this are drawn as stamped images, once per pixel and colour (display only).
constexpr std::size_t kManyDefects = 2000;

/// Failing bins: distinct colours, none of them green (green means pass).
QColor failBinColour(int index) {
  static const QColor colours[] = {
      QColor(214, 39, 40),   QColor(255, 127, 14), QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194),
      QColor(127, 127, 127), QColor(188, 189, 34), QColor(23, 190, 207),  QColor(31, 119, 180), QColor(255, 187, 120)};
  return colours[static_cast<std::size_t>(index) % std::size(colours)];
}

}  // namespace

WaferMapPainter::WaferMapPainter(std::shared_ptr<const WaferMapModel> model) : model_(std::move(model)) {
  int minX = 0, maxX = 0, minY = 0, maxY = 0;
  for (std::size_t i = 0; i < model_->dies.size(); ++i) {
    const auto& d = model_->dies[i];
    dieIndex_[dieKey(d.x, d.y)] = i;
    minX = i == 0 ? d.x : std::min(minX, d.x);
    maxX = i == 0 ? d.x : std::max(maxX, d.x);
    minY = i == 0 ? d.y : std::min(minY, d.y);
    maxY = i == 0 ? d.y : std::max(maxY, d.y);
  }
  for (const auto& d : model_->dies)
    if (d.tested && !d.pass) failColours_.emplace(d.bin, QColor());
  int rank = 0;
  for (auto& [bin, colour] : failColours_) colour = failBinColour(rank++);
  centreDieX_ = model_->centreDieX.value_or((minX + maxX) / 2.0);
  centreDieY_ = model_->centreDieY.value_or((minY + maxY) / 2.0);
}

QPointF WaferMapPainter::dieCentre(int i, int j) const {
  return {(i - centreDieX_) * model_->dieWidthMm, (j - centreDieY_) * model_->dieHeightMm};
}

DataRange WaferMapPainter::fullRange() const {
  const double r = model_->diameterMm / 2 * 1.04;
  return {-r, r, -r, r};
}

QColor WaferMapPainter::dieColour(const WaferMapModel::Die& die) const {
  if (model_->colouring == WaferMapModel::Colouring::Heat) return heatColour(die.value);
  if (!die.tested) return kUntested;
  if (model_->colouring == WaferMapModel::Colouring::PassFail) return die.pass ? kPass : kFail;
  if (auto it = model_->binColours.find(die.bin); it != model_->binColours.end()) return it->second;
  if (die.pass) return die.bin <= 1 ? kPass : kPass.lighter(100 + 15 * std::min(die.bin, 6));
  const auto it = failColours_.find(die.bin);
  return it != failColours_.end() ? it->second : failBinColour(0);
}

QColor WaferMapPainter::classColour(int defectClass) const {
  if (auto it = model_->classColours.find(defectClass); it != model_->classColours.end()) return it->second;
  static const QColor colours[] = {QColor(20, 20, 20),    QColor(31, 119, 180), QColor(255, 127, 14),
                                   QColor(148, 103, 189), QColor(23, 190, 207), QColor(227, 119, 194)};
  return colours[static_cast<std::size_t>(std::abs(defectClass)) % std::size(colours)];
}

double WaferMapPainter::dotRadius(double sizeUm) {
  // Logarithmic: inspection sizes span 0.05–50 µm; a 0.1 µm defect is about 3 px, 1 µm 6 px.
  if (!(sizeUm > 0)) return kMinDotRadius;
  return std::clamp(kMinDotRadius + 1.5 * std::log2(1 + 4 * sizeUm), kMinDotRadius, 8.0);
}

std::vector<WaferMapPainter::LegendItem> WaferMapPainter::legendItems() const {
  std::vector<LegendItem> items;
  if (!model_->legend) return items;
  const auto& m = *model_;
  if (m.colouring == WaferMapModel::Colouring::Heat && !m.dies.empty()) {
    items.push_back({QColor(), m.heatLabel});
    for (int k = 0; k <= 4; ++k) items.push_back({heatColour(k / 4.0), QString("%1 %").arg(25 * k)});
  } else if (!m.dies.empty()) {
    std::size_t pass = 0, tested = 0;
    for (const auto& d : m.dies) {
      pass += d.tested && d.pass ? 1 : 0;
      tested += d.tested ? 1 : 0;
    }
    if (m.colouring == WaferMapModel::Colouring::PassFail) {
      items.push_back({kPass, QString("pass  %1").arg(pass)});
      items.push_back({kFail, QString("fail  %1").arg(tested - pass)});
    } else {
      std::map<int, std::pair<std::size_t, const WaferMapModel::Die*>> bins;
      for (const auto& d : m.dies) {
        if (!d.tested) continue;
        auto& [count, example] = bins[d.bin];
        ++count;
        example = &d;
      }
      for (const auto& [bin, entry] : bins) {
        auto name = m.binNames.count(bin) ? m.binNames.at(bin) : QString("bin %1").arg(bin);
        items.push_back({dieColour(*entry.second), QString("%1  %2").arg(name).arg(entry.first)});
      }
    }
    if (tested < m.dies.size()) items.push_back({kUntested, QString("not tested  %1").arg(m.dies.size() - tested)});
    if (tested > 0) items.push_back({QColor(), QString("yield %1 %").arg(100.0 * pass / tested, 0, 'f', 1)});
    const auto uninspected = std::count_if(m.dies.begin(), m.dies.end(), [](const auto& d) { return !d.inspected; });
    if (uninspected > 0) items.push_back({QColor(), QString("hatched: not inspected  %1").arg(uninspected)});
  }
  std::map<int, std::size_t> classes;
  for (const auto& d : m.defects) ++classes[d.defectClass];
  for (const auto& [cls, count] : classes)
    items.push_back({classColour(cls),
                     QString("%1  %2")
                         .arg(m.classNames.count(cls) ? m.classNames.at(cls) : QString("class %1").arg(cls))
                         .arg(count),
                     true});
  return items;
}

double WaferMapPainter::legendWidth() const {
  const QFontMetricsF fm(style().font());
  double w = 0;
  for (const auto& item : legendItems()) w = std::max(w, fm.horizontalAdvance(item.text));
  return w > 0 ? w + fm.height() + 3 * style().padding : 0;
}

PlotTransform WaferMapPainter::transform(const QRectF& rect) const {
  return equalAspectTransform(rect, !model_->title.isEmpty(), legendWidth());
}

void WaferMapPainter::paint(QPainter& painter, const QRectF& rect) const {
  const PlotTransform t = transform(rect);
  beginMap(painter, rect, model_->title);
  painter.save();
  painter.setClipRect(t.plot().intersected(rect));
  paintWafer(painter, t);
  paintDies(painter, t);
  paintDensity(painter, t);
  paintDefects(painter, t);
  painter.restore();
  const double lw = legendWidth();
  if (lw > 0) paintLegend(painter, QRectF(rect.right() - lw, t.plot().top(), lw, rect.bottom() - t.plot().top()));
  painter.restore();
}

void WaferMapPainter::paintWafer(QPainter& painter, const PlotTransform& t) const {
  WaferOutline{model_->diameterMm, model_->edgeExclusionMm, model_->notch}.paint(painter, t);
}

void WaferMapPainter::paintDies(QPainter& painter, const PlotTransform& t) const {
  const auto& m = *model_;
  const double wPx = m.dieWidthMm / t.range().width() * t.plot().width();
  const double hPx = m.dieHeightMm / t.range().height() * t.plot().height();
  // Grid lines only while dies are large enough to show them.
  const bool outline = wPx >= 5 && hPx >= 5;
  painter.setPen(outline ? QPen(QColor(255, 255, 255), 0.8) : QPen(Qt::NoPen));
  for (const auto& d : m.dies) {
    const QPointF c = dieCentre(d.x, d.y);
    const QRectF box(t.xToPixel(c.x()) - wPx / 2, t.yToPixel(c.y()) - hPx / 2, wPx, hPx);
    if (!box.intersects(t.plot())) continue;
    painter.setBrush(dieColour(d));
    painter.drawRect(box);
  }
  // Dies outside the inspection's sample test plan: hatched over their colour.
  painter.setPen(Qt::NoPen);
  painter.setBrush(QBrush(QColor(60, 60, 60, 150), Qt::BDiagPattern));
  for (const auto& d : m.dies) {
    if (d.inspected) continue;
    const QPointF c = dieCentre(d.x, d.y);
    const QRectF box(t.xToPixel(c.x()) - wPx / 2, t.yToPixel(c.y()) - hPx / 2, wPx, hPx);
    if (box.intersects(t.plot())) painter.drawRect(box);
  }
}

void WaferMapPainter::paintDensity(QPainter& painter, const PlotTransform& t) const {
  const auto& d = model_->density;
  if (!d || d->nx < 2 || d->ny < 2 || d->values.size() != static_cast<std::size_t>(d->nx) * d->ny) return;
  const double top = *std::max_element(d->values.begin(), d->values.end());
  if (!(top > 0)) return;
  // One image pixel per node (row 0 at the top), alpha and colour growing with the density.
  QImage image(d->nx, d->ny, QImage::Format_ARGB32);
  for (int j = 0; j < d->ny; ++j)
    for (int i = 0; i < d->nx; ++i) {
      const double v = std::clamp(d->values[static_cast<std::size_t>(j) * d->nx + i] / top, 0.0, 1.0);
      image.setPixelColor(i, d->ny - 1 - j,
                          QColor::fromRgbF(0.15 + 0.55 * v, 0.1, 0.75 - 0.45 * v, 0.65 * std::sqrt(v)));
    }
  const QPointF a = t.toPixel(d->x0Mm - d->dxMm / 2, d->y0Mm + (d->ny - 0.5) * d->dyMm);
  const QPointF b = t.toPixel(d->x0Mm + (d->nx - 0.5) * d->dxMm, d->y0Mm - d->dyMm / 2);
  painter.save();
  painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
  painter.drawImage(QRectF(a, b), image);
  painter.restore();
}

void WaferMapPainter::paintDefects(QPainter& painter, const PlotTransform& t) const {
  const auto& defects = model_->defects;
  const bool many = defects.size() > kManyDefects;
  MarkerStamp stamp(painter, many);
  // Many defects: each pixel is drawn once per colour and dot size (display only; hit tests see every defect).
  std::unordered_set<std::uint64_t> drawn;
  const QRectF plot = t.plot();
  for (const auto& d : defects) {
    const QPointF px = t.toPixel(d.xMm, d.yMm);
    double r = dotRadius(d.sizeUm);
    if (many) {
      if (!plot.adjusted(-r, -r, r, r).contains(px)) continue;
      r = std::round(r * 2) / 2;  // a few sprite sizes
      const auto key = (static_cast<std::uint64_t>(std::lround(px.x()) & 0xffff) << 48) |
                       (static_cast<std::uint64_t>(std::lround(px.y()) & 0xffff) << 32) |
                       (static_cast<std::uint64_t>(d.defectClass & 0xffff) << 16) | static_cast<std::uint64_t>(r * 2);
      if (!drawn.insert(key).second) continue;
    }
    const QColor c = classColour(d.defectClass);
    stamp.draw(px, r, QPen(c.darker(220), 0.8), QBrush(c));  // a dark rim keeps light dots visible on pass dies
  }
  painter.setBrush(Qt::NoBrush);
}

void WaferMapPainter::paintLegend(QPainter& painter, const QRectF& area) const {
  const QFontMetricsF fm(style().font());
  const double line = fm.height() + 3, swatch = fm.height() - 2;
  painter.setFont(style().font());
  double y = area.top();
  for (const auto& item : legendItems()) {
    if (y + line > area.bottom()) break;
    const QRectF box(area.left() + style().padding, y + 2, swatch, swatch);
    if (item.colour.isValid()) {
      painter.setPen(Qt::NoPen);
      painter.setBrush(item.colour);
      if (item.dot)
        painter.drawEllipse(box.center(), swatch / 3, swatch / 3);
      else
        painter.drawRect(box);
    }
    painter.setPen(style().text);
    painter.drawText(QRectF(box.right() + 6, y, area.width() - swatch - 6, line), Qt::AlignLeft | Qt::AlignVCenter,
                     item.text);
    y += line;
  }
  painter.setBrush(Qt::NoBrush);
}

std::optional<ChartHit> WaferMapPainter::hitTest(const QRectF& rect, const QPointF& pixel, double maxDistance) const {
  const PlotTransform t = transform(rect);
  if (!t.plot().contains(pixel)) return std::nullopt;
  std::optional<ChartHit> best;
  double bestD2 = maxDistance * maxDistance;
  const auto& defects = model_->defects;
  for (std::size_t i = 0; i < defects.size(); ++i) {
    const QPointF px = t.toPixel(defects[i].xMm, defects[i].yMm);
    const double d2 = QPointF::dotProduct(px - pixel, px - pixel);
    if (d2 <= bestD2) {
      bestD2 = d2;
      best = ChartHit{-1, i, defects[i].xMm, defects[i].yMm, defects[i].row, px, kHitDefect};
    }
  }
  if (best) return best;
  const QPointF mm = t.toData(pixel);
  const int i = static_cast<int>(std::lround(mm.x() / model_->dieWidthMm + centreDieX_));
  const int j = static_cast<int>(std::lround(mm.y() / model_->dieHeightMm + centreDieY_));
  const auto it = dieIndex_.find(dieKey(i, j));
  if (it == dieIndex_.end()) return std::nullopt;
  const QPointF c = dieCentre(i, j);
  return ChartHit{-1, it->second, c.x(), c.y(), model_->dies[it->second].row, t.toPixel(c.x(), c.y()), kHitDie};
}

}  // namespace fab::ui::chart

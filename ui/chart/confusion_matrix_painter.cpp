#include "ui/chart/confusion_matrix_painter.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/common/error.h"

namespace fab::ui::chart {
namespace {

struct Layout {
  QRectF title, grid;
  double cell = 0;
};

}  // namespace

ConfusionMatrixPainter::ConfusionMatrixPainter(std::shared_ptr<const ConfusionMatrixModel> model)
    : model_(std::move(model)) {
  const auto n = static_cast<std::size_t>(model_->classes.size());
  if (model_->counts.size() != n) throw Error("a confusion matrix needs one row of counts per class");
  for (const auto& row : model_->counts) {
    if (row.size() != n) throw Error("a confusion matrix needs one count per class in every row");
    rowTotals_.push_back(std::accumulate(row.begin(), row.end(), 0));
  }
}

DataRange ConfusionMatrixPainter::fullRange() const {
  const double n = std::max(1, classCount());
  return {0, n, 0, n};
}

PlotTransform ConfusionMatrixPainter::transform(const QRectF& rect) const {
  const ChartStyle& s = style();
  const QFontMetricsF fm(s.font());
  double nameWidth = 0;
  for (const auto& c : model_->classes) nameWidth = std::max(nameWidth, fm.horizontalAdvance(c));
  QString widest = "n = 0";
  for (int t : rowTotals_)
    widest = std::max(widest, QString("n = %1").arg(t), [&](const QString& a, const QString& b) {
      return fm.horizontalAdvance(a) < fm.horizontalAdvance(b);
    });
  QRectF area;
  if (s.fixedMargins) {
    area = rect.marginsRemoved(*s.fixedMargins);
  } else {
    const double top = s.padding + (model_->title.isEmpty() ? 0 : QFontMetricsF(s.titleFont()).height() + s.padding);
    const double left = s.padding + fm.height() + s.padding + nameWidth + s.padding;  // axis label, class names
    const double bottom = s.padding + nameWidth + s.padding + fm.height() + s.padding;
    const double right = s.padding + fm.horizontalAdvance(widest) + s.padding;
    area = rect.adjusted(left, top, -right, -bottom);
  }
  // Square cells, centred in the space left.
  const double side = std::max(1.0, std::min(area.width(), area.height()));
  const QRectF grid(area.center().x() - side / 2, area.top(), side, side);
  return PlotTransform(grid, fullRange());
}

QRectF ConfusionMatrixPainter::cellRect(const QRectF& rect, int row, int column) const {
  const PlotTransform t = transform(rect);
  const double n = std::max(1, classCount());
  return QRectF(t.toPixel(column, n - row), t.toPixel(column + 1, n - row - 1)).normalized();
}

double ConfusionMatrixPainter::rowShare(int row, int column) const {
  const int total = rowTotals_[static_cast<std::size_t>(row)];
  return total > 0 ? double(model_->counts[row][column]) / total : 0.0;
}

QColor ConfusionMatrixPainter::shareColour(double share) {
  share = std::clamp(std::isfinite(share) ? share : 0.0, 0.0, 1.0);
  const QColor full = fullColour();
  auto mix = [share](int to) { return static_cast<int>(std::lround(255 + (to - 255) * share)); };
  return {mix(full.red()), mix(full.green()), mix(full.blue())};
}

QColor ConfusionMatrixPainter::cellColour(int row, int column) const { return shareColour(rowShare(row, column)); }

void ConfusionMatrixPainter::paint(QPainter& painter, const QRectF& rect) const {
  const ChartStyle& s = style();
  painter.save();
  painter.fillRect(rect, s.background);
  const PlotTransform t = transform(rect);
  const QRectF grid = t.plot();
  const int n = classCount();
  if (!model_->title.isEmpty()) {
    painter.setFont(s.titleFont());
    painter.setPen(s.text);
    painter.drawText(QRectF(rect.left(), rect.top() + s.padding, rect.width(), QFontMetricsF(s.titleFont()).height()),
                     Qt::AlignHCenter | Qt::AlignVCenter, model_->title);
  }
  if (n == 0) {
    painter.restore();
    return;
  }
  const double cell = grid.width() / n;
  QFont countFont = s.font();
  countFont.setPixelSize(std::clamp(static_cast<int>(cell * 0.36), 7, s.fontPixels));
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) {
      const QRectF box = cellRect(rect, r, c);
      const double share = rowShare(r, c);
      painter.fillRect(box, cellColour(r, c));
      const int count = model_->counts[r][c];
      painter.setFont(countFont);
      painter.setPen(count == 0 ? QColor(190, 190, 190) : share > 0.5 ? QColor(Qt::white) : s.text);
      painter.drawText(box, Qt::AlignCenter, QString::number(count));
    }
  }
  // Cell borders and the frame; the diagonal (correct predictions) outlined.
  painter.setPen(QPen(QColor(255, 255, 255), 1));
  for (int k = 1; k < n; ++k) {
    painter.drawLine(QPointF(grid.left() + k * cell, grid.top()), QPointF(grid.left() + k * cell, grid.bottom()));
    painter.drawLine(QPointF(grid.left(), grid.top() + k * cell), QPointF(grid.right(), grid.top() + k * cell));
  }
  painter.setPen(QPen(s.frame, 1));
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(grid);

  // Class names: rows at the left, columns below (turned to read upwards), totals at the right.
  painter.setFont(s.font());
  painter.setPen(s.text);
  const QFontMetricsF fm(s.font());
  for (int k = 0; k < n; ++k) {
    const QRectF row = cellRect(rect, k, 0);
    painter.drawText(QRectF(rect.left(), row.top(), row.left() - s.padding - rect.left(), row.height()),
                     Qt::AlignRight | Qt::AlignVCenter, model_->classes[k]);
    painter.drawText(QRectF(grid.right() + s.padding, row.top(), rect.right() - grid.right(), row.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, QString("n = %1").arg(rowTotals_[static_cast<std::size_t>(k)]));
    const QRectF col = cellRect(rect, n - 1, k);
    painter.save();
    painter.translate(col.center().x(), grid.bottom() + s.padding);
    painter.rotate(-90);
    painter.drawText(QRectF(-fm.horizontalAdvance(model_->classes[k]) - 1, -fm.height() / 2,
                            fm.horizontalAdvance(model_->classes[k]) + 1, fm.height()),
                     Qt::AlignRight | Qt::AlignVCenter, model_->classes[k]);
    painter.restore();
  }
  double nameWidth = 0;
  for (const auto& c : model_->classes) nameWidth = std::max(nameWidth, fm.horizontalAdvance(c));
  painter.drawText(QRectF(grid.left(), grid.bottom() + 2 * s.padding + nameWidth, grid.width(), fm.height()),
                   Qt::AlignHCenter | Qt::AlignVCenter, model_->columnLabel);
  painter.save();
  painter.translate(grid.left() - 3 * s.padding - nameWidth - fm.height() / 2, grid.center().y());
  painter.rotate(-90);
  painter.drawText(QRectF(-grid.height() / 2, -fm.height() / 2, grid.height(), fm.height()), Qt::AlignCenter,
                   model_->rowLabel);
  painter.restore();
  painter.restore();
}

std::optional<ChartHit> ConfusionMatrixPainter::hitTest(const QRectF& rect, const QPointF& pixel, double) const {
  const PlotTransform t = transform(rect);
  const int n = classCount();
  if (n == 0 || !t.plot().contains(pixel)) return std::nullopt;
  const int column = std::clamp(static_cast<int>(std::floor(t.xToData(pixel.x()))), 0, n - 1);
  const int row = std::clamp(static_cast<int>(std::floor(n - t.yToData(pixel.y()))), 0, n - 1);
  ChartHit hit;
  hit.kind = kHitCell;
  hit.index = static_cast<std::size_t>(row * n + column);
  hit.x = column;
  hit.y = row;
  hit.pixel = cellRect(rect, row, column).center();
  return hit;
}

}  // namespace fab::ui::chart

#include "ui/chart/chart_widget.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QRubberBand>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

#include "ui/chart/chart_export.h"

namespace fab::ui::chart {
namespace {

constexpr double kHoverDistance = 8;  ///< pixels
constexpr double kWheelStep = 0.8;    ///< range factor per wheel notch

}  // namespace

ChartWidget::ChartWidget(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setAttribute(Qt::WA_OpaquePaintEvent);
  band_ = new QRubberBand(QRubberBand::Rectangle, this);
}

ChartWidget::ChartWidget(std::shared_ptr<ChartPainter> painter, QWidget* parent) : ChartWidget(parent) {
  setChart(std::move(painter));
}

void ChartWidget::setChart(std::shared_ptr<ChartPainter> painter) {
  painter_ = std::move(painter);
  hover_.reset();
  refresh();
}

void ChartWidget::refresh() {
  cacheValid_ = false;
  update();
}

void ChartWidget::setView(const DataRange& range) {
  if (!painter_ || !range.isValid()) return;
  // Keep zoom within sane bounds: no further out than 20× the full extent,
  // no further in than a millionth of it.
  const DataRange full = painter_->fullRange();
  if (range.width() > 20 * full.width() || range.height() > 20 * full.height()) return;
  if (range.width() < full.width() * 1e-6 || range.height() < full.height() * 1e-6) return;
  painter_->setView(range);
  hover_.reset();
  refresh();
  emit viewChanged();
}

void ChartWidget::resetZoom() {
  if (!painter_) return;
  painter_->setView(std::nullopt);
  hover_.reset();
  refresh();
  emit viewChanged();
}

void ChartWidget::zoomAt(double factorX, double factorY, const QPointF& pixel) {
  if (!painter_) return;
  const PlotTransform t = painter_->transform(rect());
  const QPointF anchor = t.plot().contains(pixel) ? t.toData(pixel) : t.toData(t.plot().center());
  if (painter_->keepsAspectRatio()) factorX = factorY = factorX != 1 ? factorX : factorY;  // maps zoom evenly
  setView(t.range().zoomed(factorX, factorY, anchor.x(), anchor.y()));
}

void ChartWidget::panBy(const QPointF& pixels) {
  if (!painter_) return;
  const PlotTransform t = painter_->transform(rect());
  const double dx = -pixels.x() / t.plot().width() * t.range().width();
  const double dy = pixels.y() / t.plot().height() * t.range().height();
  setView(t.range().translated(dx, dy));
}

void ChartWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  if (!painter_) {
    p.fillRect(rect(), palette().window());
    return;
  }
  const double dpr = devicePixelRatioF();
  if (!cacheValid_ || cache_.size() != size() * dpr) {
    cache_ = QPixmap(size() * dpr);
    cache_.setDevicePixelRatio(dpr);
    cache_.fill(painter_->style().background);
    QPainter cp(&cache_);
    painter_->paint(cp, QRectF(rect()));
    cacheValid_ = true;
  }
  p.drawPixmap(0, 0, cache_);
  if (hover_) {
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(painter_->style().highlight, 2));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(hover_->pixel, 7, 7);
  }
}

void ChartWidget::resizeEvent(QResizeEvent*) {
  hover_.reset();
  cacheValid_ = false;
}

void ChartWidget::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps == 0) return;
  const double factor = std::pow(kWheelStep, steps);
  const auto mods = event->modifiers();
  zoomAt(mods & Qt::ControlModifier ? 1.0 : factor, mods & Qt::ShiftModifier ? 1.0 : factor, event->position());
  event->accept();
}

void ChartWidget::mousePressEvent(QMouseEvent* event) {
  dragStart_ = dragLast_ = event->pos();
  if (event->button() == Qt::MiddleButton ||
      (event->button() == Qt::LeftButton && event->modifiers() & Qt::ControlModifier)) {
    drag_ = Drag::Pan;
    setCursor(Qt::ClosedHandCursor);
  } else if (event->button() == Qt::LeftButton) {
    drag_ = Drag::Band;
    band_->setGeometry(QRect(dragStart_, QSize()));
    band_->show();
  }
}

void ChartWidget::mouseMoveEvent(QMouseEvent* event) {
  switch (drag_) {
    case Drag::Pan:
      panBy(event->pos() - dragLast_);
      dragLast_ = event->pos();
      break;
    case Drag::Band:
      band_->setGeometry(QRect(dragStart_, event->pos()).normalized());
      break;
    case Drag::None:
      updateHover(event->position(), event->globalPosition().toPoint());
      break;
  }
}

void ChartWidget::mouseReleaseEvent(QMouseEvent* event) {
  const Drag drag = std::exchange(drag_, Drag::None);
  unsetCursor();
  if (drag != Drag::Band) return;
  band_->hide();
  const QRect box = QRect(dragStart_, event->pos()).normalized();
  if (!painter_) return;
  if (box.width() < 5 || box.height() < 5) {
    // A click, not a band: report the point under the cursor.
    if (auto hit = painter_->hitTest(rect(), event->position(), kHoverDistance)) emit pointClicked(*hit);
    return;
  }
  const PlotTransform t = painter_->transform(rect());
  const QPointF a = t.toData(dragStart_), b = t.toData(event->position());
  setView({std::min(a.x(), b.x()), std::max(a.x(), b.x()), std::min(a.y(), b.y()), std::max(a.y(), b.y())});
}

void ChartWidget::mouseDoubleClickEvent(QMouseEvent*) { resetZoom(); }

void ChartWidget::keyPressEvent(QKeyEvent* event) {
  const QPointF centre = rect().center();
  switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
      zoomAt(kWheelStep, kWheelStep, centre);
      break;
    case Qt::Key_Minus:
      zoomAt(1 / kWheelStep, 1 / kWheelStep, centre);
      break;
    case Qt::Key_0:
    case Qt::Key_Home:
      resetZoom();
      break;
    case Qt::Key_Left:
      panBy({width() / 10.0, 0});
      break;
    case Qt::Key_Right:
      panBy({-width() / 10.0, 0});
      break;
    case Qt::Key_Up:
      panBy({0, height() / 10.0});
      break;
    case Qt::Key_Down:
      panBy({0, -height() / 10.0});
      break;
    default:
      QWidget::keyPressEvent(event);
  }
}

void ChartWidget::leaveEvent(QEvent*) {
  if (hover_) {
    hover_.reset();
    update();
  }
}

void ChartWidget::updateHover(const QPointF& pixel, const QPoint& globalPos) {
  if (!painter_) return;
  auto hit = painter_->hitTest(rect(), pixel, kHoverDistance);
  const bool changed =
      hit.has_value() != hover_.has_value() ||
      (hit && (hit->series != hover_->series || hit->index != hover_->index || hit->kind != hover_->kind));
  hover_ = hit;
  if (!changed) return;
  update();
  if (hit && tooltip_) {
    const QString text = tooltip_(*hit);
    if (!text.isEmpty()) {
      QToolTip::showText(globalPos, text, this);
      return;
    }
  }
  QToolTip::hideText();
}

QString ChartWidget::exportPng(const QString& path) const {
  return painter_ ? chart::exportPng(*painter_, path, size()) : QString("no chart to export");
}

QString ChartWidget::exportSvg(const QString& path) const {
  return painter_ ? chart::exportSvg(*painter_, path, size(), windowTitle()) : QString("no chart to export");
}

void ChartWidget::exportWithDialog(bool svg) {
  const QString filter = svg ? tr("SVG image (*.svg)") : tr("PNG image (*.png)");
  QString path =
      QFileDialog::getSaveFileName(this, svg ? tr("Export chart as SVG") : tr("Export chart as PNG"), {}, filter);
  if (path.isEmpty()) return;
  const QString suffix = svg ? ".svg" : ".png";
  if (!path.endsWith(suffix, Qt::CaseInsensitive)) path += suffix;
  const QString error = svg ? exportSvg(path) : exportPng(path);
  if (!error.isEmpty()) QMessageBox::warning(this, tr("Export failed"), error);
}

void ChartWidget::contextMenuEvent(QContextMenuEvent* event) {
  if (!painter_) return;
  QMenu menu(this);
  menu.addAction(tr("Reset zoom"), this, &ChartWidget::resetZoom)->setEnabled(painter_->view().has_value());
  menu.addSeparator();
  menu.addAction(tr("Copy image"), this, [this] {
    QGuiApplication::clipboard()->setImage(renderImage(*painter_, size(), devicePixelRatioF()));
  });
  menu.addAction(tr("Export PNG…"), this, [this] { exportWithDialog(false); });
  menu.addAction(tr("Export SVG…"), this, [this] { exportWithDialog(true); });
  menu.exec(event->globalPos());
}

}  // namespace fab::ui::chart

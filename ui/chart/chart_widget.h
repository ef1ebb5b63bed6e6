#pragma once
// A QWidget that shows any ChartPainter with zoom, pan, hover tooltips and
// PNG/SVG export. The widget keeps only view state; the painter draws.
//
// Mouse: wheel zooms about the cursor (Shift: x only, Ctrl: y only); left drag
// draws a rubber band to zoom into; middle drag or Ctrl + left drag pans;
// double click resets. Keys: + / − zoom, arrows pan, 0 or Home resets.
#include <QPixmap>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

#include "ui/chart/chart_painter.h"

class QRubberBand;

namespace fab::ui::chart {

class ChartWidget : public QWidget {
  Q_OBJECT
 public:
  using TooltipProvider = std::function<QString(const ChartHit&)>;

  explicit ChartWidget(QWidget* parent = nullptr);
  explicit ChartWidget(std::shared_ptr<ChartPainter> painter, QWidget* parent = nullptr);

  void setChart(std::shared_ptr<ChartPainter> painter);
  ChartPainter* chart() const { return painter_.get(); }
  /// Text shown when the cursor rests on a point; the hit names the point's input row.
  void setTooltipProvider(TooltipProvider provider) { tooltip_ = std::move(provider); }
  /// Redraws after the painter's data or style changed.
  void refresh();

  void resetZoom();
  /// Zooms by `factor` (< 1 zooms in) about a pixel of the widget.
  void zoomAt(double factorX, double factorY, const QPointF& pixel);
  void panBy(const QPointF& pixels);

  /// Writes what is shown (current zoom) at the widget's size. Empty string or an error message.
  QString exportPng(const QString& path) const;
  QString exportSvg(const QString& path) const;

  QSize sizeHint() const override { return {640, 400}; }
  QSize minimumSizeHint() const override { return {200, 140}; }

 signals:
  void pointClicked(const fab::ui::chart::ChartHit& hit);
  void viewChanged();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;

 private:
  enum class Drag { None, Band, Pan };
  void setView(const DataRange& range);
  void updateHover(const QPointF& pixel, const QPoint& globalPos);
  void exportWithDialog(bool svg);

  std::shared_ptr<ChartPainter> painter_;
  TooltipProvider tooltip_;
  QPixmap cache_;
  bool cacheValid_ = false;
  std::optional<ChartHit> hover_;
  Drag drag_ = Drag::None;
  QPoint dragStart_, dragLast_;
  QRubberBand* band_ = nullptr;
};

}  // namespace fab::ui::chart

#include "ui/chart/chart_widget.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QMouseEvent>
#include <QWheelEvent>

#include "ui/chart/series_chart_painter.h"
#include "ui/chart/wafer_map_painter.h"

namespace fab::ui::chart {
namespace {

std::shared_ptr<SeriesChartPainter> painter() {
  auto m = std::make_shared<ChartModel>();
  m->xAxis.min = 0;
  m->xAxis.max = 10;
  m->yAxis.min = 0;
  m->yAxis.max = 10;
  Series s;
  for (int i = 0; i <= 10; ++i) s.points.push_back({double(i), double(i), 500 + i, 0});
  m->series.push_back(s);
  auto p = std::make_shared<SeriesChartPainter>(m);
  ChartStyle style;
  style.fixedMargins = QMarginsF(50, 50, 50, 50);
  p->setStyle(style);
  return p;
}

// Widget 400 × 300: plot 300 × 200 at (50, 50); x → 50 + 30·x, y → 250 − 20·y.
class ChartWidgetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    chart = painter();
    widget.setChart(chart);
    widget.resize(400, 300);
  }
  void mouse(QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons,
             Qt::KeyboardModifiers mods = Qt::NoModifier) {
    QMouseEvent e(type, pos, widget.mapToGlobal(pos), button, buttons, mods);
    QApplication::sendEvent(&widget, &e);
  }
  std::shared_ptr<SeriesChartPainter> chart;
  ChartWidget widget;
};

TEST_F(ChartWidgetTest, WheelZoomKeepsThePointUnderTheCursor) {
  const QPointF cursor(110, 190);  // data (2, 3)
  QWheelEvent wheel(cursor, widget.mapToGlobal(cursor), {}, QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(&widget, &wheel);
  const DataRange r = chart->visibleRange();
  EXPECT_NEAR(r.width(), 8, 1e-9);  // one notch: 0.8 of the range
  EXPECT_NEAR(r.height(), 8, 1e-9);
  const QPointF under = chart->transform(widget.rect()).toData(cursor);
  EXPECT_NEAR(under.x(), 2, 1e-9);
  EXPECT_NEAR(under.y(), 3, 1e-9);
}

TEST_F(ChartWidgetTest, RubberBandZoomsIntoTheBoxAndDoubleClickResets) {
  mouse(QEvent::MouseButtonPress, {80, 230}, Qt::LeftButton, Qt::LeftButton);  // data (1, 1)
  mouse(QEvent::MouseMove, {200, 150}, Qt::NoButton, Qt::LeftButton);
  mouse(QEvent::MouseButtonRelease, {200, 150}, Qt::LeftButton, Qt::NoButton);  // data (5, 5)
  const DataRange r = chart->visibleRange();
  EXPECT_NEAR(r.xMin, 1, 1e-9);
  EXPECT_NEAR(r.xMax, 5, 1e-9);
  EXPECT_NEAR(r.yMin, 1, 1e-9);
  EXPECT_NEAR(r.yMax, 5, 1e-9);
  mouse(QEvent::MouseButtonDblClick, {200, 150}, Qt::LeftButton, Qt::LeftButton);
  EXPECT_FALSE(chart->view().has_value());
}

TEST_F(ChartWidgetTest, DragWithControlPans) {
  mouse(QEvent::MouseButtonPress, {200, 150}, Qt::LeftButton, Qt::LeftButton, Qt::ControlModifier);
  mouse(QEvent::MouseMove, {230, 130}, Qt::NoButton, Qt::LeftButton, Qt::ControlModifier);  // +1 x, +1 y data
  mouse(QEvent::MouseButtonRelease, {230, 130}, Qt::LeftButton, Qt::NoButton, Qt::ControlModifier);
  const DataRange r = chart->visibleRange();
  EXPECT_NEAR(r.xMin, -1, 1e-9);  // the content moved right: the view moved left
  EXPECT_NEAR(r.yMin, -1, 1e-9);
  EXPECT_NEAR(r.width(), 10, 1e-9);
}

TEST_F(ChartWidgetTest, HoverAsksForTheTooltipOfThePointsRowAndClickReportsIt) {
  std::int64_t askedRow = -1;
  widget.setTooltipProvider([&](const ChartHit& hit) {
    askedRow = hit.row;
    return QString("row %1").arg(hit.row);
  });
  mouse(QEvent::MouseMove, {142, 188}, Qt::NoButton, Qt::NoButton);  // near data (3, 3) at (140, 190)
  EXPECT_EQ(askedRow, 503);
  std::optional<ChartHit> clicked;
  QObject::connect(&widget, &ChartWidget::pointClicked, [&](const ChartHit& h) { clicked = h; });
  mouse(QEvent::MouseButtonPress, {231, 129}, Qt::LeftButton, Qt::LeftButton);  // data (6, 6)
  mouse(QEvent::MouseButtonRelease, {231, 129}, Qt::LeftButton, Qt::NoButton);
  ASSERT_TRUE(clicked);
  EXPECT_EQ(clicked->row, 506);
  EXPECT_FALSE(chart->view().has_value());  // a click does not zoom
}

TEST_F(ChartWidgetTest, GrabShowsTheChartAndExportsUseTheCurrentView) {
  const QImage shown = widget.grab().toImage();
  EXPECT_EQ(shown.size(), QSize(400, 300) * widget.devicePixelRatioF());
  widget.zoomAt(0.5, 0.5, QPointF(200, 150));
  EXPECT_NEAR(chart->visibleRange().width(), 5, 1e-9);
}

TEST(ChartWidgetMaps, ZoomKeepsTheAspectRatio) {
  auto m = std::make_shared<WaferMapModel>();
  m->diameterMm = 100;
  auto map = std::make_shared<WaferMapPainter>(m);
  ChartWidget widget(map);
  widget.resize(500, 400);
  QPointF cursor(250, 200);
  QWheelEvent wheel(cursor, widget.mapToGlobal(cursor), {}, QPoint(0, 120), Qt::NoButton, Qt::ShiftModifier,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(&widget, &wheel);  // Shift (x only) is ignored for maps
  const DataRange r = map->visibleRange();
  EXPECT_NEAR(r.width(), r.height(), 1e-9);
  EXPECT_NEAR(r.width(), 104 * 0.8, 1e-9);
}

}  // namespace
}  // namespace fab::ui::chart

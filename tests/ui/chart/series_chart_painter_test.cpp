#include "ui/chart/series_chart_painter.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/ui/chart/pixel_check.h"
#include "ui/chart/chart_export.h"

namespace fab::ui::chart {
namespace {

using test::describe;
using test::sameColour;

const QColor kBlue(0, 0, 255), kRed(255, 0, 0), kGreen(0, 160, 0);

// A 400 × 300 image with 50-pixel margins: the plot is 300 × 200 pixels at (50, 50),
// data 0..10 on both axes, so x → 50 + 30·x and y → 250 − 20·y.
constexpr int kWidth = 400, kHeight = 300;
QPointF expectedPixel(double x, double y) { return {50 + 30 * x, 250 - 20 * y}; }

std::shared_ptr<ChartModel> baseModel() {
  auto m = std::make_shared<ChartModel>();
  m->xAxis.min = 0;
  m->xAxis.max = 10;
  m->yAxis.min = 0;
  m->yAxis.max = 10;
  m->legend = false;
  return m;
}

ChartStyle pinnedStyle() {
  ChartStyle s;
  s.fixedMargins = QMarginsF(50, 50, 50, 50);
  s.grid = Qt::white;  // no grid lines crossing the checked pixels
  return s;
}

QImage render(const ChartPainter& painter) { return renderImage(painter, QSize(kWidth, kHeight)); }

QColor at(const QImage& image, QPointF p) { return image.pixelColor(static_cast<int>(p.x()), static_cast<int>(p.y())); }

TEST(SeriesChartPainter, MapsDataToThePlotArea) {
  SeriesChartPainter painter(baseModel());
  painter.setStyle(pinnedStyle());
  const PlotTransform t = painter.transform(QRectF(0, 0, kWidth, kHeight));
  EXPECT_EQ(t.plot(), QRectF(50, 50, 300, 200));
  EXPECT_EQ(t.toPixel(5, 5), expectedPixel(5, 5));
  EXPECT_EQ(t.toPixel(0, 0), QPointF(50, 250));
  EXPECT_EQ(t.toPixel(10, 10), QPointF(350, 50));
  EXPECT_EQ(t.toData(QPointF(200, 150)), QPointF(5, 5));
}

TEST(SeriesChartPainter, DrawsAMarkerWhereThePointIs) {
  auto m = baseModel();
  Series s;
  s.color = kBlue;
  s.drawLine = false;
  s.markerRadius = 4;
  s.points = {{2.5, 7.5, 0, kFlagNone}, {8, 1, 1, kFlagViolation}};
  m->series.push_back(s);
  SeriesChartPainter painter(m);
  painter.setStyle(pinnedStyle());
  const QImage image = render(painter);
  EXPECT_TRUE(sameColour(at(image, expectedPixel(2.5, 7.5)), kBlue)) << describe(at(image, expectedPixel(2.5, 7.5)));
  EXPECT_TRUE(sameColour(at(image, expectedPixel(8, 1)), painter.style().violation));
  // Nothing drawn where there is no point.
  EXPECT_TRUE(sameColour(at(image, expectedPixel(5, 5)), Qt::white));
  EXPECT_TRUE(sameColour(at(image, expectedPixel(7.5, 2.5)), Qt::white));
}

TEST(SeriesChartPainter, DrawsPerPointLimitsAsAStaircase) {
  auto m = baseModel();
  const std::vector<double> x = {2, 6}, ucl = {8, 4};
  // Steps [0, 4] at 8 and [4, 8] at 4, joined by a riser at x = 4.
  m->limits.push_back(StepLine::perPoint("UCL", x, ucl, kRed, Qt::SolidLine));
  m->limits.back().width = 2;
  SeriesChartPainter painter(m);
  painter.setStyle(pinnedStyle());
  const QImage image = render(painter);
  for (auto [px, py, red] : std::vector<std::tuple<double, double, bool>>{
           {3, 8, true}, {3, 4, false}, {7, 4, true}, {7, 8, false}, {4, 6, true}, {9, 4, false}}) {
    const QColor c = at(image, expectedPixel(px, py));
    EXPECT_EQ(sameColour(c, kRed), red) << "at (" << px << ", " << py << "): " << describe(c);
  }
}

TEST(SeriesChartPainter, DrawsZonesAndPhaseSplits) {
  auto m = baseModel();
  m->zones.push_back({-INFINITY, 5, 2, 4, kGreen, {}});
  m->phases.push_back({7, {}});
  SeriesChartPainter painter(m);
  auto style = pinnedStyle();
  style.phaseLine = kRed;
  painter.setStyle(style);
  const QImage image = render(painter);
  EXPECT_TRUE(sameColour(at(image, expectedPixel(1, 3)), kGreen));
  EXPECT_TRUE(sameColour(at(image, expectedPixel(4.5, 2.5)), kGreen));
  EXPECT_TRUE(sameColour(at(image, expectedPixel(6, 3)), Qt::white));  // the band ends at x = 5
  // The phase line is dash-dotted and straddles pixel columns 259 and 260 (x = 7 → 260):
  // most rows show red there, none a few pixels away.
  auto reddish = [&](int x, int y) {
    const QColor c = image.pixelColor(x, y);
    return c.red() > 200 && c.green() < 200 && c.blue() < 200;
  };
  int onLine = 0, beside = 0;
  for (int y = 55; y < 245; ++y) {
    onLine += reddish(259, y) || reddish(260, y) ? 1 : 0;
    beside += reddish(255, y) || reddish(264, y) ? 1 : 0;
  }
  EXPECT_GT(onLine, 100);
  EXPECT_EQ(beside, 0);
}

TEST(SeriesChartPainter, ZoomedViewMovesThePoints) {
  auto m = baseModel();
  SeriesChartPainter painter(m);
  painter.setStyle(pinnedStyle());
  painter.setView(DataRange{0, 5, 5, 10});
  const PlotTransform t = painter.transform(QRectF(0, 0, kWidth, kHeight));
  EXPECT_EQ(t.toPixel(5, 5), QPointF(350, 250));
  EXPECT_EQ(t.toPixel(2.5, 7.5), QPointF(200, 150));
  painter.setView(std::nullopt);
  EXPECT_EQ(painter.visibleRange(), (DataRange{0, 10, 0, 10}));
}

TEST(SeriesChartPainter, FindsTheNearestPointWithItsRow) {
  auto m = baseModel();
  Series s;
  for (int i = 0; i <= 10; ++i) s.points.push_back({static_cast<double>(i), static_cast<double>(i % 3), 100 + i, 0});
  m->series.push_back(s);
  SeriesChartPainter painter(m);
  painter.setStyle(pinnedStyle());
  const QRectF rect(0, 0, kWidth, kHeight);
  const auto hit = painter.hitTest(rect, expectedPixel(4, 1) + QPointF(3, -2), 8);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->row, 104);
  EXPECT_EQ(hit->index, 4u);
  EXPECT_EQ(hit->pixel, expectedPixel(4, 1));
  EXPECT_FALSE(painter.hitTest(rect, expectedPixel(4, 5), 8));  // nothing within 8 px
}

TEST(SeriesChartPainter, AutomaticRangeCoversPointsAndLimitsWithPadding) {
  auto m = std::make_shared<ChartModel>();
  Series s;
  s.points = {{0, 10, 0, 0}, {10, 20, 1, 0}};
  m->series.push_back(s);
  m->limits.push_back(StepLine::constant("UCL", 0, 10, 30));
  SeriesChartPainter painter(m);
  const DataRange r = painter.fullRange();
  EXPECT_DOUBLE_EQ(r.xMin, -0.5);  // 5 % of the span each side
  EXPECT_DOUBLE_EQ(r.xMax, 10.5);
  EXPECT_DOUBLE_EQ(r.yMin, 9);
  EXPECT_DOUBLE_EQ(r.yMax, 31);
  // Degenerate data still give a drawable range.
  auto flat = std::make_shared<ChartModel>();
  Series one;
  one.points = {{3, 5, 0, 0}};
  flat->series.push_back(one);
  const DataRange f = SeriesChartPainter(flat).fullRange();
  EXPECT_TRUE(f.isValid());
  EXPECT_LT(f.xMin, 3);
  EXPECT_GT(f.yMax, 5);
  EXPECT_TRUE(SeriesChartPainter(std::make_shared<ChartModel>()).fullRange().isValid());
}

TEST(SeriesChartPainter, AMillionPointLineIsDecimatedToThePlotWidth) {
  auto m = std::make_shared<ChartModel>();
  Series s;
  s.points.reserve(1000000);
  for (int i = 0; i < 1000000; ++i)
    s.points.push_back({static_cast<double>(i), std::sin(i * 0.001) + (i % 7) * 0.01, i, 0});
  m->series.push_back(std::move(s));
  SeriesChartPainter painter(m);
  auto style = pinnedStyle();
  painter.setStyle(style);
  const QImage image = render(painter);
  // 300 plot columns: at most first/min/max/last of each, plus the two edge neighbours.
  EXPECT_GT(painter.lastDrawnVertices(), 300u);
  EXPECT_LE(painter.lastDrawnVertices(), 4u * 301 + 2);
  EXPECT_FALSE(image.isNull());
}

TEST(SeriesChartPainter, ALegendWiderThanTheChartWrapsOntoMoreRows) {
  auto m = baseModel();
  m->legend = true;
  for (const char* name : {"Poisson", "Murphy (triangular)", "Murphy (uniform)", "Seeds 1/(1+AD)", "Seeds e^(-sqrt(AD))",
                           "Bose-Einstein n=1", "Negative binomial alpha=2"}) {
    Series s;
    s.name = name;
    s.points = {{1, 1, 0, kFlagNone}, {9, 9, 1, kFlagNone}};
    m->series.push_back(s);
  }
  SeriesChartPainter painter(m);
  const double line = QFontMetricsF(painter.style().font()).height();
  // Wide enough for one row, then so narrow that each entry needs a row of its own.
  const double oneRow = painter.transform(QRectF(0, 0, 4000, 600)).plot().top();
  const double eachRow = painter.transform(QRectF(0, 0, 120, 600)).plot().top();
  EXPECT_NEAR(eachRow - oneRow, 6 * line, 1e-6);
}

}  // namespace
}  // namespace fab::ui::chart

#include "ui/chart/chart_export.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QSvgRenderer>

#include "tests/support/temp_dir.h"
#include "ui/chart/series_chart_painter.h"

namespace fab::ui::chart {
namespace {

std::shared_ptr<ChartModel> controlChart() {
  auto m = std::make_shared<ChartModel>();
  m->title = "THK individuals";
  m->xAxis.label = "sample";
  m->yAxis.label = "THK [nm]";
  Series s;
  s.name = "THK";
  for (int i = 0; i < 20; ++i)
    s.points.push_back({double(i), 10 + (i % 5) * 0.1, i, i == 7 ? kFlagViolation : kFlagNone});
  m->series.push_back(s);
  m->limits.push_back(StepLine::constant("UCL", -0.5, 19.5, 10.6));
  m->limits.push_back(StepLine::constant("LCL", -0.5, 19.5, 9.8));
  return m;
}

QString readAll(const std::string& path) {
  QFile f(QString::fromStdString(path));
  EXPECT_TRUE(f.open(QIODevice::ReadOnly));
  return QString::fromUtf8(f.readAll());
}

TEST(ChartExport, SvgHoldsTheChartAsVectorsAndText) {
  test::TempDir dir;
  const std::string path = dir.path("chart.svg");
  SeriesChartPainter painter(controlChart());
  ASSERT_EQ(exportSvg(painter, QString::fromStdString(path), QSize(640, 400), "THK"), QString());
  const QString svg = readAll(path);
  EXPECT_TRUE(svg.contains("<svg"));
  EXPECT_TRUE(svg.contains("viewBox=\"0 0 640 400\""));
  EXPECT_TRUE(svg.contains(">THK individuals</text>"));
  EXPECT_TRUE(svg.contains(">UCL 10.6</text>"));
  EXPECT_TRUE(svg.contains(">LCL 9.8</text>"));
  EXPECT_TRUE(svg.contains(">THK [nm]</text>"));
  EXPECT_TRUE(svg.contains("<polyline"));  // the series line, as a vector
  // Markers are ellipses (paths); the violation marker's fill colour appears.
  EXPECT_TRUE(svg.contains(painter.style().violation.name(), Qt::CaseInsensitive));
  // It is a valid SVG that renders back.
  QSvgRenderer renderer(QString::fromStdString(path));
  EXPECT_TRUE(renderer.isValid());
  EXPECT_EQ(renderer.viewBoxF(), QRectF(0, 0, 640, 400));
}

TEST(ChartExport, PngAtTheDevicePixelRatio) {
  test::TempDir dir;
  const std::string path = dir.path("chart.png");
  SeriesChartPainter painter(controlChart());
  ASSERT_EQ(exportPng(painter, QString::fromStdString(path), QSize(320, 200), 2.0), QString());
  QImage image(QString::fromStdString(path));
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), QSize(640, 400));
}

TEST(ChartExport, UnwritablePathsGiveAMessage) {
  SeriesChartPainter painter(controlChart());
  const QString missing = "/nonexistent-folder/chart";
  EXPECT_TRUE(exportPng(painter, missing + ".png", QSize(100, 100)).contains(missing));
  EXPECT_TRUE(exportSvg(painter, missing + ".svg", QSize(100, 100)).contains(missing));
  EXPECT_FALSE(exportPng(painter, "/tmp/x.png", QSize()).isEmpty());
}

}  // namespace
}  // namespace fab::ui::chart

#include "ui/views/run_chart_data.h"

#include <gtest/gtest.h>

#include <cmath>

namespace fab::ui {
namespace {

store::MeasurementSeries series(bool withTimes) {
  store::MeasurementSeries s;
  s.parameter = "THK";
  s.unit = "nm";
  const double values[] = {10.0, 12.5, std::nan(""), 8.9};
  for (int i = 0; i < 4; ++i) {
    s.lot.push_back(std::string(1, 'L').append(std::to_string(i)));
    s.wafer.push_back(i + 1);
    s.site.push_back("S1");
    s.time.push_back(withTimes ? 1'700'000'000'000 + i * 60'000 : 0);
    s.x.push_back(0);
    s.y.push_back(0);
    s.value.push_back(values[i]);
    s.tool.push_back("MET1");
    s.product.push_back("P");
  }
  return s;
}

TEST(RunChart, ValuesInTimeOrderWithOutOfSpecPointsFlagged) {
  store::SpecLimits spec;
  spec.lsl = 9;
  spec.target = 10;
  spec.usl = 12;
  const auto data = makeRunChart(series(true), spec);
  const auto& m = *data.model;
  EXPECT_EQ(m.xAxis.kind, chart::AxisKind::Time);
  EXPECT_EQ(m.yAxis.label, "THK [nm]");
  const auto& pts = m.series.at(0).points;
  ASSERT_EQ(pts.size(), 4u);
  EXPECT_DOUBLE_EQ(pts[1].x, 1'700'000'060'000.0);
  EXPECT_DOUBLE_EQ(pts[1].y, 12.5);
  EXPECT_EQ(pts[1].row, 1);
  // 12.5 > USL and 8.9 < LSL are flagged; the missing value and 10.0 are not.
  EXPECT_EQ(pts[0].flags, chart::kFlagNone);
  EXPECT_EQ(pts[1].flags, chart::kFlagViolation);
  EXPECT_EQ(pts[2].flags, chart::kFlagNone);
  EXPECT_EQ(pts[3].flags, chart::kFlagViolation);
  ASSERT_EQ(m.limits.size(), 3u);
  EXPECT_EQ(m.limits[0].label, "USL");
  EXPECT_DOUBLE_EQ(m.limits[0].steps.at(0).y, 12);
  EXPECT_DOUBLE_EQ(m.limits[2].steps.at(0).y, 9);
  EXPECT_TRUE(describePoint(*data.series, 3).contains("L3 / wafer 4 / site S1"));
  EXPECT_TRUE(describePoint(*data.series, 2).contains("no value"));
}

TEST(RunChart, SampleNumbersWithoutTimesAndNoSpec) {
  const auto data = makeRunChart(series(false), std::nullopt);
  EXPECT_EQ(data.model->xAxis.kind, chart::AxisKind::Number);
  EXPECT_DOUBLE_EQ(data.model->series[0].points[3].x, 4);
  EXPECT_TRUE(data.model->limits.empty());
  EXPECT_EQ(data.model->series[0].points[1].flags, chart::kFlagNone);
}

}  // namespace
}  // namespace fab::ui

#include "ui/chart/axis_ticks.h"

#include <gtest/gtest.h>

#include <QDateTime>

namespace fab::ui::chart {
namespace {

std::vector<std::string> labels(const AxisTicks& t) {
  std::vector<std::string> out;
  for (const auto& l : t.labels) out.push_back(l.toStdString());
  return out;
}

double utcMs(int y, int m, int d, int h = 0) {
  return static_cast<double>(QDateTime(QDate(y, m, d), QTime(h, 0), Qt::UTC).toMSecsSinceEpoch());
}

TEST(NiceNumber, HeckbertRoundingAndCeiling) {
  // Heckbert (1990): round picks 1 below 1.5, 2 below 3, 5 below 7, else 10; ceiling the next of 1, 2, 5, 10.
  EXPECT_DOUBLE_EQ(niceNumber(1.2, true), 1);
  EXPECT_DOUBLE_EQ(niceNumber(1.2, false), 2);
  EXPECT_DOUBLE_EQ(niceNumber(3.2, true), 5);
  EXPECT_DOUBLE_EQ(niceNumber(3.2, false), 5);
  EXPECT_DOUBLE_EQ(niceNumber(0.75, true), 1);
  EXPECT_DOUBLE_EQ(niceNumber(0.07, false), 0.1);
  EXPECT_DOUBLE_EQ(niceNumber(2500, true), 2000);
  EXPECT_DOUBLE_EQ(niceNumber(0, true), 1);  // degenerate input gives a usable step
}

TEST(NumericTicks, StepsInsideTheRangeWithJustEnoughDecimals) {
  const auto t = numericTicks(0, 10, 6);
  EXPECT_DOUBLE_EQ(t.step, 2);
  EXPECT_EQ(labels(t), (std::vector<std::string>{"0", "2", "4", "6", "8", "10"}));

  const auto half = numericTicks(9.05, 10.95, 5);  // (1.9 / 4 = 0.475) → 0.5
  EXPECT_DOUBLE_EQ(half.step, 0.5);
  EXPECT_EQ(labels(half), (std::vector<std::string>{"9.5", "10.0", "10.5"}));

  const auto symmetric = numericTicks(-1, 1, 5);  // no "-0.0"
  EXPECT_EQ(labels(symmetric), (std::vector<std::string>{"-1.0", "-0.5", "0.0", "0.5", "1.0"}));

  const auto small = numericTicks(0.0012, 0.0019, 4);
  EXPECT_DOUBLE_EQ(small.step, 0.0002);
  EXPECT_EQ(labels(small), (std::vector<std::string>{"0.0012", "0.0014", "0.0016", "0.0018"}));
}

TEST(NumericTicks, EmptyForDegenerateRanges) {
  EXPECT_TRUE(numericTicks(1, 1).values.empty());
  EXPECT_TRUE(numericTicks(2, 1).values.empty());
  EXPECT_TRUE(numericTicks(0, std::numeric_limits<double>::infinity()).values.empty());
  EXPECT_TRUE(numericTicks(std::numeric_limits<double>::quiet_NaN(), 1).values.empty());
}

TEST(TimeTicks, DaysAtUtcMidnight) {
  const auto t = timeTicks(utcMs(2024, 1, 1), utcMs(2024, 1, 8), 7);
  EXPECT_DOUBLE_EQ(t.step, 86400000.0);
  EXPECT_EQ(labels(t), (std::vector<std::string>{"2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05",
                                                 "2024-01-06", "2024-01-07", "2024-01-08"}));
}

TEST(TimeTicks, HoursAndCalendarMonths) {
  const auto hours = timeTicks(utcMs(2024, 3, 5, 1), utcMs(2024, 3, 5, 13), 4);  // 12 h / 4 → 3 h steps
  EXPECT_EQ(labels(hours), (std::vector<std::string>{"03-05 03:00", "03-05 06:00", "03-05 09:00", "03-05 12:00"}));
  const auto months = timeTicks(utcMs(2024, 1, 15), utcMs(2024, 7, 15), 6);  // months of unequal length
  EXPECT_EQ(labels(months),
            (std::vector<std::string>{"2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07"}));
  EXPECT_DOUBLE_EQ(months.values[1], utcMs(2024, 3, 1));
}

}  // namespace
}  // namespace fab::ui::chart

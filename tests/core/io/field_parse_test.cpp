#include "core/io/field_parse.h"

#include <gtest/gtest.h>

namespace fab::io {
namespace {

TEST(FieldParse, Numbers) {
  EXPECT_EQ(*parseNumber(" 1.5 "), 1.5);
  EXPECT_EQ(*parseNumber("+2e3"), 2000.0);
  EXPECT_EQ(*parseNumber("-0.25"), -0.25);
  EXPECT_FALSE(parseNumber("1,5"));
  EXPECT_FALSE(parseNumber("inf"));
  EXPECT_FALSE(parseNumber("nan"));
  EXPECT_FALSE(parseNumber("1e999"));
  EXPECT_FALSE(parseNumber("12abc"));
  EXPECT_FALSE(parseNumber(""));
}

TEST(FieldParse, NumbersWithADecimalComma) {
  const NumberFormat comma{',', 0};
  EXPECT_EQ(*parseNumber("1000,5", comma), 1000.5);
  EXPECT_EQ(*parseNumber(" -0,25 ", comma), -0.25);
  EXPECT_EQ(*parseNumber("+2,5e3", comma), 2500.0);
  EXPECT_EQ(*parseNumber("42", comma), 42.0);
  EXPECT_FALSE(parseNumber("1.5", comma));      // the other mark
  EXPECT_FALSE(parseNumber("1.000,5", comma));  // grouped, but no separator declared
  EXPECT_FALSE(parseNumber("1,5,5", comma));
  EXPECT_FALSE(parseNumber("", comma));
}

TEST(FieldParse, NumbersGroupedInThousands) {
  EXPECT_EQ(*parseNumber("1.000,5", NumberFormat{',', '.'}), 1000.5);
  EXPECT_EQ(*parseNumber("-12.345.678", NumberFormat{',', '.'}), -12345678.0);
  EXPECT_EQ(*parseNumber("1,000.5", NumberFormat{'.', ','}), 1000.5);
  EXPECT_EQ(*parseNumber("999", NumberFormat{'.', ','}), 999.0);
  EXPECT_EQ(*parseNumber("1'234.5", NumberFormat{'.', '\''}), 1234.5);
  const NumberFormat spaces{',', ' '};
  EXPECT_EQ(*parseNumber("12 500,25", spaces), 12500.25);
  EXPECT_EQ(*parseNumber("12\xC2\xA0"
                         "500",
                         spaces),
            12500.0);  // no-break space
  EXPECT_EQ(*parseNumber("1\xE2\x80\xAF"
                         "000\xE2\x80\xAF"
                         "000,5",
                         spaces),
            1000000.5);  // narrow no-break space
  // Groups after the first hold exactly three digits; none after the decimal mark.
  EXPECT_FALSE(parseNumber("1.00,5", NumberFormat{',', '.'}));
  EXPECT_FALSE(parseNumber("1.0000", NumberFormat{',', '.'}));
  EXPECT_FALSE(parseNumber("1234.567", NumberFormat{',', '.'}));
  EXPECT_FALSE(parseNumber(".100", NumberFormat{',', '.'}));
  EXPECT_FALSE(parseNumber("1,000.000,5", NumberFormat{'.', ','}));
  EXPECT_FALSE(parseNumber("1,5", NumberFormat{'.', ','}));
}

TEST(FieldParse, MissingTokens) {
  for (const char* t : {"", "  ", "NA", "n/a", "N/A", "NaN", "null", "-", "#N/A", "None"}) EXPECT_TRUE(isMissing(t)) << t;
  for (const char* t : {"0", "abc", "--"}) EXPECT_FALSE(isMissing(t)) << t;
}

TEST(FieldParse, AWindowEndingOnADateHoldsTheWholeDay) {
  // 2026-03-01 00:00 UTC = 1772323200000 ms; the day ends 86,400,000 ms − 1 later.
  EXPECT_EQ(*parseWindowEnd("2026-03-01"), 1772323200000 + 86400000 - 1);
  EXPECT_EQ(*parseWindowEnd(" 2026-03-01 "), 1772323200000 + 86400000 - 1);
  EXPECT_EQ(*parseWindowEnd("2026-03-01T07:00:00Z"), 1772348400000);  // a timestamp means itself
  EXPECT_FALSE(parseWindowEnd("2026-13-01"));
}

TEST(FieldParse, TimestampsWithZones) {
  // 2026-03-01T07:00:00Z = 1772348400 s (days_from_civil: 20513 days).
  EXPECT_EQ(daysFromCivil(2026, 3, 1), 20513);
  EXPECT_EQ(*parseTimestamp("2026-03-01T07:00:00Z"), 1772348400000);
  EXPECT_EQ(*parseTimestamp("2026-03-01T08:00:00+01:00"), 1772348400000);
  EXPECT_EQ(*parseTimestamp("2026-03-01 02:00:00-0500"), 1772348400000);
  EXPECT_EQ(*parseTimestamp("2026/03/01 07:00"), 1772348400000);
  EXPECT_EQ(*parseTimestamp("2026-03-01T07:00:00.250Z"), 1772348400250);
  EXPECT_EQ(*parseTimestamp("2026-03-01"), 1772323200000);
  EXPECT_EQ(*parseTimestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_FALSE(parseTimestamp("2026-13-01"));
  EXPECT_FALSE(parseTimestamp("01/03/2026"));
  EXPECT_FALSE(parseTimestamp("2026-03-01T25:00"));
  EXPECT_EQ(formatTimestamp(1772348400250), "2026-03-01T07:00:00.250Z");
  EXPECT_EQ(formatTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(formatTimestamp(-1000), "1969-12-31T23:59:59Z");
}

TEST(FieldParse, DayAndMonthFirstDates) {
  // Epoch milliseconds from Python's datetime(…, tzinfo=utc).timestamp().
  EXPECT_EQ(*parseTimestamp("01.03.2026 08:15", DateOrder::DayMonthYear), 1772352900000);
  EXPECT_EQ(*parseTimestamp("1.3.2026 08:15:30", DateOrder::DayMonthYear), 1772352930000);
  EXPECT_EQ(*parseTimestamp("13/03/2026 23:59", DateOrder::DayMonthYear), 1773446340000);
  EXPECT_EQ(*parseTimestamp("12/24/2026 18:30:00", DateOrder::MonthDayYear), 1798137000000);
  EXPECT_EQ(*parseTimestamp("01-02-2026 06:00:05", DateOrder::MonthDayYear), 1767333605000);
  EXPECT_EQ(*parseTimestamp("01.03.2026 08:15", DateOrder::MonthDayYear), 1772352900000);  // dotted: day first
  EXPECT_EQ(*parseTimestamp("2026-03-01 08:15", DateOrder::DayMonthYear), 1772352900000);  // ISO always
  EXPECT_FALSE(parseTimestamp("01.03.2026 08:15", DateOrder::Iso));
  EXPECT_FALSE(parseTimestamp("12/24/2026", DateOrder::DayMonthYear));  // month 24
  EXPECT_FALSE(parseTimestamp("24.12.26", DateOrder::DayMonthYear));    // two-digit year
  EXPECT_FALSE(parseTimestamp("01.03/2026", DateOrder::DayMonthYear));
  EXPECT_FALSE(parseTimestamp("01.03.2026 8:15", DateOrder::DayMonthYear));
}

}  // namespace
}  // namespace fab::io

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

TEST(FieldParse, MissingTokens) {
  for (const char* t : {"", "  ", "NA", "n/a", "N/A", "NaN", "null", "-", "#N/A", "None"}) EXPECT_TRUE(isMissing(t)) << t;
  for (const char* t : {"0", "abc", "--"}) EXPECT_FALSE(isMissing(t)) << t;
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

}  // namespace
}  // namespace fab::io

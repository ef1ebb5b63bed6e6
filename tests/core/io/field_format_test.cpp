#include "core/io/field_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/common/error.h"

namespace fab::io {
namespace {

using ::testing::HasSubstr;

TEST(FieldFormat, ThousandsHintNamesWhatToDeclare) {
  const NumberFormat comma{',', 0}, point{'.', 0};
  EXPECT_EQ(thousandsHint("1.000,5", comma),
            "it looks like a number with thousands separators: declare them with --thousands .");
  EXPECT_EQ(thousandsHint("1,000.5", point),
            "it looks like a number with thousands separators: declare them with --thousands ,");
  EXPECT_EQ(thousandsHint("12 500,25", comma),
            "it looks like a number with thousands separators: declare them with --thousands space");
  // Grouped with the other decimal mark: both options are named.
  EXPECT_EQ(thousandsHint("1.000,5", point),
            "it looks like a number with thousands separators: declare them with --thousands . --decimal-comma");
  for (const char* text : {"abc", "1.5", "1.00,5", "12-5", ""}) EXPECT_EQ(thousandsHint(text, comma), "") << text;
}

TEST(FieldFormat, DescriptionsStateTheSource) {
  FieldFormat f;
  EXPECT_EQ(f.numberDescription(), "decimal point (default)");
  EXPECT_EQ(f.dateDescription(), "ISO 8601 yyyy-mm-dd hh:mm:ss (default)");
  f.numbers = {',', '.'};
  f.numberSource = FormatSource::Declared;
  f.dates = DateOrder::DayMonthYear;
  f.dateSource = FormatSource::Detected;
  EXPECT_EQ(f.numberDescription(), "decimal comma, thousands . (declared)");
  EXPECT_EQ(f.dateDescription(), "day first: dd.mm.yyyy or dd/mm/yyyy hh:mm[:ss] (detected)");
}

TEST(FieldFormat, OptionNamesAndContradictions) {
  EXPECT_EQ(thousandsFromName("."), '.');
  EXPECT_EQ(thousandsFromName("space"), ' ');
  EXPECT_EQ(thousandsFromName("\xE2\x80\xAF"), ' ');
  EXPECT_FALSE(thousandsFromName("x"));
  EXPECT_EQ(dateOrderFromName("dmy"), DateOrder::DayMonthYear);
  EXPECT_EQ(dateOrderName(DateOrder::MonthDayYear), "mdy");
  EXPECT_FALSE(dateOrderFromName("ymd"));
  FieldFormatOptions same;
  same.decimalMark = ',';
  same.thousands = ',';
  try {
    same.validate();
    FAIL() << "a thousands separator equal to the decimal mark was accepted";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot also be the decimal mark"));
  }
  FieldFormatOptions fine;
  fine.thousands = '.';
  EXPECT_NO_THROW(fine.validate());
}

}  // namespace
}  // namespace fab::io

#include "core/io/field_format_sniff.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/common/error.h"
#include "tests/support/temp_dir.h"

namespace fab::io {
namespace {

using ::testing::HasSubstr;

class FieldFormatSniffTest : public ::testing::Test {
 protected:
  /// Sniffs a measurements file written with `content`.
  FieldFormat sniff(const std::string& content, const FieldFormatOptions& declared = {}) {
    const auto path = dir.write("f.csv", content);
    const auto delimiter = content.find(';') != std::string::npos ? ';' : ',';
    std::vector<std::string> header;
    std::string first = content.substr(0, content.find('\n'));
    for (std::size_t start = 0;;) {
      const auto end = first.find(delimiter, start);
      header.push_back(first.substr(start, end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return sniffFieldFormat(path, delimiter, mapColumns(header, ImportKind::Measurements), declared);
  }
  std::string sniffError(const std::string& content, const FieldFormatOptions& declared = {}) {
    try {
      sniff(content, declared);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
  test::TempDir dir;
};

TEST_F(FieldFormatSniffTest, EuropeanExportIsDecimalCommaDayFirst) {
  const auto f = sniff("lot;parameter;value;time\nL1;THK;1000,5;01.03.2026 08:15\nL1;THK;7;02.03.2026 08:15\n");
  EXPECT_EQ(f.numbers.decimalMark, ',');
  EXPECT_EQ(f.numberSource, FormatSource::Detected);
  EXPECT_EQ(f.dates, DateOrder::DayMonthYear);
  EXPECT_EQ(f.dateSource, FormatSource::Detected);
  EXPECT_EQ(f.numberDescription(), "decimal comma (detected)");
}

TEST_F(FieldFormatSniffTest, CommaSeparatedFileKeepsThePoint) {
  const auto f = sniff("lot,parameter,value,time\nL1,THK,\"1,5\",2026-03-01T08:00:00Z\n");
  EXPECT_EQ(f.numbers.decimalMark, '.');
  EXPECT_EQ(f.numberSource, FormatSource::Default);
  EXPECT_EQ(f.dates, DateOrder::Iso);
  EXPECT_EQ(f.dateSource, FormatSource::Default);
}

TEST_F(FieldFormatSniffTest, SemicolonFileWithPointsAndThreeDigitGroups) {
  // 1.500 could be 1500 grouped or 1.5 and does not vote; 2.25 does.
  EXPECT_EQ(sniff("lot;parameter;value\nL1;A;1.500\nL1;B;2.25\n").numbers.decimalMark, '.');
  // 1,000 in a ';' file is a decimal comma (a ',' cannot group thousands unquoted in a ',' file).
  EXPECT_EQ(sniff("lot;parameter;value\nL1;A;1,000\n").numbers.decimalMark, ',');
  // 1.000,5: the last mark is the decimal one.
  EXPECT_EQ(sniff("lot;parameter;value\nL1;A;1.000,5\nL1;B;1.500\n").numbers.decimalMark, ',');
}

TEST_F(FieldFormatSniffTest, MixedMarksKeepThePoint) {
  // The rows with the comma are then rejected one by one (importer_test).
  const auto f = sniff("lot;parameter;value\nL1;A;1,5\nL1;B;2.5\n");
  EXPECT_EQ(f.numbers.decimalMark, '.');
  EXPECT_EQ(f.numberSource, FormatSource::Default);
  FieldFormatOptions declared;
  declared.decimalMark = ',';
  EXPECT_EQ(sniff("lot;parameter;value\nL1;A;1,5\nL1;B;2.5\n", declared).numberSource, FormatSource::Declared);
}

TEST_F(FieldFormatSniffTest, SlashedDatesNeedADayAboveTwelve) {
  EXPECT_EQ(sniff("lot,parameter,value,time\nL1,A,1,03/04/2026 08:00\nL1,A,2,12/24/2026 08:00\n").dates,
            DateOrder::MonthDayYear);
  EXPECT_EQ(sniff("lot,parameter,value,time\nL1,A,1,03/04/2026 08:00\nL1,A,2,24/12/2026 08:00\n").dates,
            DateOrder::DayMonthYear);
  const auto e = sniffError("lot,parameter,value,time\nL1,A,1,03/04/2026 08:00\nL1,A,2,05/06/2026\n");
  EXPECT_THAT(e, HasSubstr("f.csv:2:8: column 'time' has '03/04/2026 08:00'"));
  EXPECT_THAT(e, HasSubstr("--date-format dmy or mdy"));
  EXPECT_THAT(sniffError("lot,parameter,value,time\nL1,A,1,13/04/2026\nL1,A,2,04/13/2026\n"),
              HasSubstr("a day-first date"));
  // Among ISO dates an ambiguous one is a bad row, not a reason to refuse the file.
  EXPECT_EQ(sniff("lot,parameter,value,time\nL1,A,1,2026-03-01\nL1,A,2,03/04/2026\n").dates, DateOrder::Iso);
  FieldFormatOptions declared;
  declared.dates = DateOrder::DayMonthYear;
  const auto f = sniff("lot,parameter,value,time\nL1,A,1,03/04/2026 08:00\n", declared);
  EXPECT_EQ(f.dates, DateOrder::DayMonthYear);
  EXPECT_EQ(f.dateSource, FormatSource::Declared);
}

TEST_F(FieldFormatSniffTest, DeclaredThousandsImplyTheOtherMark) {
  FieldFormatOptions declared;
  declared.thousands = '.';
  const auto f = sniff("lot;parameter;value\nL1;A;1.000\n", declared);
  EXPECT_EQ(f.numbers.decimalMark, ',');
  EXPECT_EQ(f.numbers.thousands, '.');
  EXPECT_EQ(f.numberDescription(), "decimal comma, thousands . (declared)");
}

}  // namespace
}  // namespace fab::io

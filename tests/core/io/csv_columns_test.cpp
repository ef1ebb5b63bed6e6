// Typed columns read straight from the file against CsvTable, the table of strings, on the same files:
// the same numbers, the same lines, the same refusals.
#include "core/io/csv_columns.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "tests/support/temp_dir.h"

namespace fab::io {
namespace {

using ::testing::HasSubstr;

void expectSameNumbers(const std::vector<double>& a, const std::vector<double>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(b[i]))
      EXPECT_TRUE(std::isnan(a[i])) << "row " << i;
    else
      EXPECT_EQ(a[i], b[i]) << "row " << i;
  }
}

TEST(CsvColumns, SameNumbersAndLinesAsTheTable) {
  fab::test::TempDir dir;
  // A quoted field over two lines, a blank line, missing tokens, spaces, a BOM-less CRLF line.
  const auto path = dir.write("mixed.csv",
                              "Note,X,y\n"
                              "a,1.5,2\n"
                              "\"two\nlines\",NA,-3e2\n"
                              "\n"
                              "c, 4 ,\r\n"
                              "d,+5,nan\n"
                              "e,6,7\n");
  const auto table = CsvTable::read(path);
  const auto columns = CsvColumns::read(path, {{"x"}, {"Y"}});  // names ignore case, as the table's
  ASSERT_EQ(columns.rowCount(), table.rowCount());
  EXPECT_EQ(columns.name(0), "X");
  expectSameNumbers(columns.values(0), table.numbers("X"));
  expectSameNumbers(columns.values(1), table.numbers("y"));
  for (std::size_t r = 0; r < table.rowCount(); ++r) EXPECT_EQ(columns.line(r), table.line(r)) << "row " << r;
  EXPECT_EQ(columns.line(4), 8);  // after the two-line record and the blank line
}

TEST(CsvColumns, LongFileGrowsPastTheReserve) {
  fab::test::TempDir dir;
  std::string text = "t,v\n";
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(-1e3, 1e3);
  // Short lines first, longer ones later: the reserve made from the first rows is too small.
  for (int i = 0; i < 20000; ++i)
    text += std::to_string(i) + "," + (i < 5000 ? std::to_string(i % 10) : std::to_string(u(rng))) + "\n";
  const auto path = dir.write("long.csv", text);
  const auto table = CsvTable::read(path);
  auto columns = CsvColumns::read(path, {{"t"}, {"v"}});
  expectSameNumbers(columns.values(1), table.numbers("v"));
  const auto t = columns.take(0);
  expectSameNumbers(t, table.numbers("t"));
  EXPECT_EQ(columns.line(19999), 20001);
}

TEST(CsvColumns, TimesAreNumbersOrDatesInDays) {
  fab::test::TempDir dir;
  const auto path = dir.write("t.csv", "when,v\n1970-01-02,1\n2026-03-01T12:00:00Z,2\n17.5,3\n,4\n");
  const auto c = CsvColumns::read(path, {{"when", ColumnType::Time}});
  ASSERT_EQ(c.rowCount(), 4u);
  EXPECT_EQ(c.values(0)[0], 1.0);
  EXPECT_EQ(c.values(0)[1], 20513.5);  // days from 1970-01-01 to 2026-03-01, and half a day
  EXPECT_EQ(c.values(0)[2], 17.5);
  EXPECT_TRUE(std::isnan(c.values(0)[3]));
  EXPECT_EQ(*parseTimeAsDays("1970-01-11"), 10.0);
  EXPECT_FALSE(parseTimeAsDays("soon"));
}

TEST(CsvColumns, RefusesWithFileLineAndColumn) {
  fab::test::TempDir dir;
  const auto bad = dir.write("bad.csv", "x,y\n1,2\n3,oops\n");
  try {
    CsvColumns::read(bad, {{"y"}});
    FAIL() << "a text in a number column was accepted";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("bad.csv:3"));
    EXPECT_THAT(e.what(), HasSubstr("'y'"));
    EXPECT_THAT(e.what(), HasSubstr("oops"));
  }
  const auto ragged = dir.write("ragged.csv", "x,y\n1,2\n3\n");
  EXPECT_THROW(CsvColumns::read(ragged, {{"x"}}), Error);
  try {
    CsvColumns::read(ragged, {{"z"}});
    FAIL() << "a missing column was accepted";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("columns: x, y"));
  }
  const auto empty = dir.write("header.csv", "x,y\n");
  EXPECT_EQ(CsvColumns::read(empty, {{"x"}}).rowCount(), 0u);
}

}  // namespace
}  // namespace fab::io

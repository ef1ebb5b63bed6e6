// Die sort CSV into SortWafers: grouping, pass tokens, excluded bins, and
// errors that name the file, line and column.
#include "core/yield/sort_csv.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "tests/support/temp_dir.h"

namespace fab::yield {
namespace {

TEST(SortCsvTest, GroupsByLotAndWaferInFileOrder) {
  test::TempDir dir;
  const auto path = dir.write("d.csv",
                              "lot,wafer,die_x,die_y,pass,bin,radius_fraction\n"
                              "L2,1,0,0,1,1,0.1\n"
                              "L1,1,0,0,fail,9,NA\n"
                              "L2,1,1,0,P,1,0.2\n"
                              "L1,1,1,0,yes,1,0.3\n"
                              "L1,2,-3,4,0,5,0.9\n");
  SortCsvOptions o;
  o.excludedBins = {9};
  const auto w = readSortCsv(path, o);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].lot, "L2");
  EXPECT_EQ(w[0].dies.size(), 2u);
  EXPECT_EQ(w[1].lot, "L1");
  EXPECT_EQ(w[1].wafer, "1");
  EXPECT_EQ(w[2].wafer, "2");
  const auto& excluded = w[1].dies[0];
  EXPECT_FALSE(excluded.pass);
  EXPECT_FALSE(excluded.defectLimited);
  EXPECT_TRUE(std::isnan(excluded.radiusFraction));
  EXPECT_EQ(excluded.row, 3u);  // file line
  EXPECT_TRUE(w[0].dies[1].pass);
  EXPECT_TRUE(w[1].dies[1].pass);
  const auto& d = w[2].dies[0];
  EXPECT_EQ(d.x, -3);
  EXPECT_EQ(d.y, 4);
  EXPECT_FALSE(d.pass);
  EXPECT_TRUE(d.defectLimited);
  EXPECT_EQ(d.bin, 5);
  EXPECT_DOUBLE_EQ(d.radiusFraction, 0.9);
}

TEST(SortCsvTest, MinimalColumns) {
  test::TempDir dir;
  const auto w = readSortCsv(dir.write("d.csv", "wafer,die_x,die_y,pass\nW1,0,0,1\nW1,0,1,0\n"));
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].lot, "");
  EXPECT_EQ(w[0].dies.size(), 2u);
}

TEST(SortCsvTest, ErrorsNameLineAndColumn) {
  test::TempDir dir;
  try {
    readSortCsv(dir.write("d.csv", "wafer,die_x,die_y,pass\nW1,0,0,1\nW1,0.5,1,0\n"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(":3: column 'die_x'"), std::string::npos) << e.what();
  }
  try {
    readSortCsv(dir.write("e.csv", "wafer,die_x,die_y,pass\nW1,0,0,maybe\n"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'pass'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(readSortCsv(dir.write("f.csv", "wafer,die_x,pass\nW1,0,1\n")), Error);  // no die_y
  SortCsvOptions o;
  o.excludedBins = {9};
  EXPECT_THROW(readSortCsv(dir.write("g.csv", "wafer,die_x,die_y,pass\nW1,0,0,1\n"), o), Error);  // no bin column
}

}  // namespace
}  // namespace fab::yield

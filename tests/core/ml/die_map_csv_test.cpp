#include "core/ml/die_map_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/common/error.h"
#include "tests/support/temp_dir.h"

namespace fab::ml {
namespace {

using ::testing::HasSubstr;

std::string errorOf(const std::string& path, const DieMapCsvOptions& options = {}) {
  try {
    readDieMapsCsv(path, options);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(DieMapCsv, ReadsWafersInOrderWithPassColumn) {
  test::TempDir dir;
  const auto path = dir.write("dies.csv",
                              "wafer,die_x,die_y,pass\n"
                              "L1-02,0,0,1\n"
                              "L1-01,3,-1,0\n"
                              "L1-02,1,0,fail\n"
                              "L1-01,4,-1,TRUE\n");
  const auto maps = readDieMapsCsv(path);
  ASSERT_EQ(maps.size(), 2u);
  EXPECT_EQ(maps[0].wafer, "L1-02");
  EXPECT_EQ(maps[0].firstRow, 2);
  EXPECT_EQ(maps[1].firstRow, 3);
  ASSERT_EQ(maps[0].dies.size(), 2u);
  EXPECT_EQ(maps[0].dies[1].x, 1);
  EXPECT_FALSE(maps[0].dies[1].pass);
  EXPECT_EQ(maps[1].dies[0].y, -1);
  EXPECT_FALSE(maps[1].dies[0].pass);
  EXPECT_TRUE(maps[1].dies[1].pass);
}

TEST(DieMapCsv, BinColumnWithPassBins) {
  test::TempDir dir;
  const auto path = dir.write("bins.csv", "wafer,die_x,die_y,bin\nW,0,0,1\nW,1,0,2\nW,2,0,7\n");
  auto maps = readDieMapsCsv(path);
  EXPECT_TRUE(maps[0].dies[0].pass);
  EXPECT_FALSE(maps[0].dies[1].pass);
  EXPECT_FALSE(maps[0].dies[2].pass);
  DieMapCsvOptions options;
  options.passBins = {1, 2};
  options.layout.notch = Notch::Left;
  maps = readDieMapsCsv(path, options);
  EXPECT_TRUE(maps[0].dies[1].pass);
  EXPECT_FALSE(maps[0].dies[2].pass);
  EXPECT_EQ(maps[0].layout.notch, Notch::Left);
}

TEST(DieMapCsv, ClearErrorsWithLine) {
  test::TempDir dir;
  EXPECT_THAT(errorOf(dir.write("a.csv", "wafer,die_x,die_y\nW,0,0\n")), HasSubstr("'pass' column"));
  EXPECT_THAT(errorOf(dir.write("b.csv", "wafer,die_x,die_y,pass\nW,0,0,1\nW,0.5,0,1\n")),
              HasSubstr("b.csv:3: column 'die_x': expected a whole die index"));
  EXPECT_THAT(errorOf(dir.write("c.csv", "wafer,die_x,die_y,pass\nW,0,0,maybe\n")), HasSubstr("c.csv:2"));
  EXPECT_THAT(errorOf(dir.write("d.csv", "wafer,die_x,die_y,bin\nW,0,0,x\n")), HasSubstr("whole bin number"));
  EXPECT_THAT(errorOf(dir.write("e.csv", "wafer,die_x,die_y,pass\n")), HasSubstr("no dies"));
  EXPECT_THAT(errorOf(dir.write("f.csv", "die_x,die_y,pass\n0,0,1\n")), HasSubstr("no column named 'wafer'"));
}

}  // namespace
}  // namespace fab::ml

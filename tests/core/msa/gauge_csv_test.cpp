#include "core/msa/gauge_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/common/error.h"
#include "tests/support/temp_dir.h"

namespace fab::msa {
namespace {

using ::testing::HasSubstr;

TEST(GaugeCsv, LongLayoutWithTrialColumn) {
  const auto s =
      readGaugeCsv(test::referenceFile("aiag_grr_long.csv"),
                   {.part = "part", .appraiser = "op", .value = "y", .trial = "trial"}, GaugeStudyKind::Variables);
  ASSERT_EQ(s.ratings.size(), 90u);
  EXPECT_EQ(s.ratings[0].part, "1");
  EXPECT_EQ(s.ratings[0].appraiser, "A");
  EXPECT_EQ(s.ratings[0].trial, 1);
  EXPECT_DOUBLE_EQ(*s.ratings[0].value, 0.29);
  EXPECT_EQ(s.ratings[0].row, 2u);
  EXPECT_EQ(s.ratings[10].trial, 2);
  EXPECT_EQ(s.kind, GaugeStudyKind::Variables);
}

TEST(GaugeCsv, LongLayoutCountsTrialsInFileOrderWithoutATrialColumn) {
  test::TempDir dir;
  const auto path = dir.write("g.csv", "part,op,y\n1,A,0.5\n2,A,0.7\n1,A,0.6\n1,B,NA\n");
  const auto s = readGaugeCsv(path, {.part = "part", .appraiser = "op", .value = "y"}, GaugeStudyKind::Variables);
  ASSERT_EQ(s.ratings.size(), 4u);
  EXPECT_EQ(s.ratings[2].trial, 2);
  EXPECT_EQ(s.ratings[1].trial, 1);
  EXPECT_FALSE(s.ratings[3].value);
  EXPECT_EQ(s.ratings[3].row, 5u);
}

TEST(GaugeCsv, WideLayoutNamesAppraisersByColumnAndPartsByRow) {
  test::TempDir dir;
  const auto path = dir.write("w.csv", "item,std,Ann,Bob\nx1,G,G,B\nx2,B,B,\n");
  const auto s = readGaugeCsv(path, {.part = "item", .appraiserColumns = {"Ann", "bob"}, .reference = "std"},
                              GaugeStudyKind::Attribute);
  ASSERT_EQ(s.ratings.size(), 4u);
  EXPECT_EQ(s.ratings[1].appraiser, "Bob");  // the header's spelling
  EXPECT_EQ(s.ratings[1].category, "B");
  EXPECT_EQ(s.ratings[3].category, "");
  EXPECT_EQ(s.ratings[2].reference, "B");
  const auto rows = readGaugeCsv(path, {.appraiserColumns = {"Ann", "Bob"}}, GaugeStudyKind::Attribute);
  EXPECT_EQ(rows.ratings[2].part, "2");
  const auto cube = RatingCube::build(s.attributeRatings());
  EXPECT_TRUE(cube.hasStandard());
}

TEST(GaugeCsv, ProblemsNameTheFileLineAndColumn) {
  test::TempDir dir;
  const auto bad = dir.write("b.csv", "part,op,trial,y\n1,A,1,0.5\n1,A,x,0.7\n");
  EXPECT_THAT(
      [&] {
        readGaugeCsv(bad, {.part = "part", .appraiser = "op", .value = "y", .trial = "trial"},
                     GaugeStudyKind::Variables);
      },
      ::testing::ThrowsMessage<Error>(HasSubstr("b.csv:3: column 'trial': a trial is a whole number")));
  const auto word = dir.write("n.csv", "part,op,y\n1,A,0.5\n1,A,big\n");
  EXPECT_THAT([&] { readGaugeCsv(word, {.part = "part", .appraiser = "op", .value = "y"}, GaugeStudyKind::Variables); },
              ::testing::ThrowsMessage<Error>(HasSubstr("n.csv:3: column 'y': expected a measurement, found 'big'")));
  EXPECT_THAT(
      [&] { readGaugeCsv(word, {.part = "part", .appraiser = "who", .value = "y"}, GaugeStudyKind::Variables); },
      ::testing::ThrowsMessage<Error>(HasSubstr("no column named 'who'")));
  EXPECT_THAT([&] { readGaugeCsv(word, {}, GaugeStudyKind::Variables); },
              ::testing::ThrowsMessage<Error>(HasSubstr("name the rating columns")));
  EXPECT_THAT(
      [&] {
        readGaugeCsv(word, {.part = "part", .appraiser = "op", .value = "y", .appraiserColumns = {"y"}},
                     GaugeStudyKind::Variables);
      },
      ::testing::ThrowsMessage<Error>(HasSubstr("not both")));
  const auto empty = dir.write("e.csv", "part,op,y\n");
  EXPECT_THAT(
      [&] { readGaugeCsv(empty, {.part = "part", .appraiser = "op", .value = "y"}, GaugeStudyKind::Variables); },
      ::testing::ThrowsMessage<Error>(HasSubstr("no data rows")));
}

TEST(GaugeStudy, MeasurementsRefuseAnAttributeStudy) {
  GaugeStudy s;
  s.name = "visual";
  s.kind = GaugeStudyKind::Attribute;
  EXPECT_THAT([&] { s.measurements(); }, ::testing::ThrowsMessage<Error>(HasSubstr("attribute ratings")));
  EXPECT_THROW(parseGaugeStudyKind("ordinal"), Error);
}

}  // namespace
}  // namespace fab::msa

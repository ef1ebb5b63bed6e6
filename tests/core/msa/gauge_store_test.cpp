#include "core/msa/gauge_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/common/error.h"
#include "core/msa/gauge_csv.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab::msa {
namespace {

using ::testing::HasSubstr;

GaugeStudy aiag() {
  auto s = readGaugeCsv(test::referenceFile("aiag_grr_long.csv"),
                        {.part = "part", .appraiser = "op", .value = "y", .trial = "trial"}, GaugeStudyKind::Variables);
  s.name = "caliper C-12";
  s.tolerance = 5.0;
  s.unit = "mm";
  s.description = "AIAG crossed study";
  return s;
}

GaugeStudy attribute() {
  GaugeStudy s;
  s.name = "visual";
  s.kind = GaugeStudyKind::Attribute;
  s.ratings = {{"S1", "Ann", 1, std::nullopt, "G", "G", 2},
               {"S1", "Ann", 2, std::nullopt, "", "G", 3},
               {"S2", "Ann", 1, std::nullopt, "B", "B", 0}};
  return s;
}

TEST(GaugeStore, RoundTripKeepsEverything) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  const auto original = aiag();
  EXPECT_GT(saveGaugeStudy(ws.db(), original), 0);
  saveGaugeStudy(ws.db(), attribute());
  const auto back = loadGaugeStudy(ws.db(), "caliper C-12");
  EXPECT_EQ(back.kind, GaugeStudyKind::Variables);
  EXPECT_EQ(back.tolerance, 5.0);
  EXPECT_EQ(back.unit, "mm");
  EXPECT_EQ(back.description, "AIAG crossed study");
  EXPECT_EQ(back.source, original.source);
  ASSERT_EQ(back.ratings.size(), original.ratings.size());
  for (std::size_t i = 0; i < back.ratings.size(); ++i) {
    EXPECT_EQ(back.ratings[i].part, original.ratings[i].part);
    EXPECT_EQ(back.ratings[i].appraiser, original.ratings[i].appraiser);
    EXPECT_EQ(back.ratings[i].trial, original.ratings[i].trial);
    EXPECT_EQ(back.ratings[i].value, original.ratings[i].value);
    EXPECT_EQ(back.ratings[i].row, original.ratings[i].row);
  }
  const auto a = loadGaugeStudy(ws.db(), "visual");
  ASSERT_EQ(a.ratings.size(), 3u);
  EXPECT_EQ(a.ratings[1].category, "");
  EXPECT_EQ(a.ratings[1].reference, "G");
  EXPECT_EQ(a.ratings[2].row, 0u);
  EXPECT_FALSE(a.tolerance);
}

TEST(GaugeStore, ListReplaceAndDelete) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  saveGaugeStudy(ws.db(), aiag());
  saveGaugeStudy(ws.db(), attribute());
  auto list = listGaugeStudies(ws.db());
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "caliper C-12");
  EXPECT_EQ(list[0].ratings, 90);
  EXPECT_EQ(list[0].parts, 10);
  EXPECT_EQ(list[0].appraisers, 3);
  EXPECT_EQ(list[1].kind, GaugeStudyKind::Attribute);

  EXPECT_THAT([&] { saveGaugeStudy(ws.db(), attribute()); },
              ::testing::ThrowsMessage<Error>(HasSubstr("already has a gauge study named 'visual'")));
  auto smaller = attribute();
  smaller.ratings.pop_back();
  saveGaugeStudy(ws.db(), smaller, true);
  EXPECT_EQ(loadGaugeStudy(ws.db(), "visual").ratings.size(), 2u);

  EXPECT_TRUE(deleteGaugeStudy(ws.db(), "visual"));
  EXPECT_FALSE(deleteGaugeStudy(ws.db(), "visual"));
  auto orphans = ws.db().prepare(
      "SELECT count(*) FROM gauge_rating r LEFT JOIN gauge_study s ON s.id = r.study_id "
      "WHERE s.id IS NULL");
  ASSERT_TRUE(orphans.step());
  EXPECT_EQ(orphans.integer(0), 0);
  EXPECT_THAT([&] { loadGaugeStudy(ws.db(), "visual"); },
              ::testing::ThrowsMessage<Error>(HasSubstr("(studies: caliper C-12)")));
}

TEST(GaugeStore, BadStudiesSaveNothing) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  auto dup = attribute();
  dup.ratings.push_back({"S1", "Ann", 2, std::nullopt, "B", "G", 9});
  EXPECT_THAT([&] { saveGaugeStudy(ws.db(), dup); },
              ::testing::ThrowsMessage<Error>(HasSubstr("trial 2 appears twice (lines 3 and 9)")));
  auto unnamed = attribute();
  unnamed.name = " ";
  EXPECT_THROW(saveGaugeStudy(ws.db(), unnamed), Error);
  auto empty = attribute();
  empty.ratings.clear();
  EXPECT_THROW(saveGaugeStudy(ws.db(), empty), Error);
  EXPECT_TRUE(listGaugeStudies(ws.db()).empty());
}

}  // namespace
}  // namespace fab::msa

#include "core/msa/rating_cube.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/common/error.h"

namespace fab::msa {
namespace {

using ::testing::HasSubstr;

std::vector<AttributeRating> smallStudy() {
  // 3 subjects × 2 appraisers × 2 trials, standard on every row; rows are line numbers.
  std::vector<AttributeRating> r;
  std::size_t line = 2;
  for (std::string s : {"S1", "S2", "S3"})
    for (std::string a : {"Ann", "Bob"})
      for (int t : {1, 2}) r.push_back({s, a, t, s == "S2" ? "bad" : "good", s == "S2" ? "bad" : "good", line++});
  return r;
}

TEST(RatingCube, IndexesSubjectsAppraisersTrialsAndStandards) {
  const auto ratings = smallStudy();
  const auto cube = RatingCube::build(ratings);
  EXPECT_EQ(cube.subjects(), (std::vector<std::string>{"S1", "S2", "S3"}));
  EXPECT_EQ(cube.appraisers(), (std::vector<std::string>{"Ann", "Bob"}));
  EXPECT_EQ(cube.trials(), (std::vector<int>{1, 2}));
  EXPECT_EQ(cube.categories().labels(), (std::vector<std::string>{"bad", "good"}));
  EXPECT_TRUE(cube.hasStandard());
  EXPECT_EQ(cube.standard(1), 0);
  EXPECT_EQ(cube.rating(2, 1, 1), 1);
  EXPECT_EQ(cube.row(2, 1, 1), 13u);
  const auto m = cube.matrixAll();
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[1], (std::vector<int>{0, 0, 0, 0}));
  const std::size_t bob[] = {1};
  EXPECT_EQ(cube.columnNames(bob), (std::vector<std::string>{"Bob #1", "Bob #2"}));
  EXPECT_NO_THROW(cube.requireComplete("test"));
}

TEST(RatingCube, RaterWithNoRatingsIsNamed) {
  auto ratings = smallStudy();
  for (auto& r : ratings)
    if (r.appraiser == "Bob") r.rating = "NA";
  EXPECT_THAT([&] { RatingCube::build(ratings); },
              ::testing::ThrowsMessage<Error>(HasSubstr("appraiser 'Bob' has no ratings")));
}

TEST(RatingCube, DuplicatesAndConflictingStandardsAreNamed) {
  auto dup = smallStudy();
  dup.push_back({"S1", "Ann", 2, "good", "good", 99});
  EXPECT_THAT([&] { RatingCube::build(dup); },
              ::testing::ThrowsMessage<Error>(
                  HasSubstr("subject 'S1', appraiser 'Ann', trial 2 appears twice (lines 3 and 99)")));
  auto conflict = smallStudy();
  conflict[3].standard = "bad";
  EXPECT_THAT([&] { RatingCube::build(conflict); },
              ::testing::ThrowsMessage<Error>(HasSubstr("subject 'S1' has two different standards")));
  auto partial = smallStudy();
  for (auto& r : partial)
    if (r.subject == "S3") r.standard.clear();
  EXPECT_THAT([&] { RatingCube::build(partial); },
              ::testing::ThrowsMessage<Error>(HasSubstr("subject 'S3' has no standard")));
  EXPECT_THROW(RatingCube::build(std::vector<AttributeRating>{}), Error);
}

TEST(RatingCube, UnbalancedTrialsAreReportedByCompleteness) {
  auto ratings = smallStudy();
  ratings.erase(ratings.begin() + 7);  // S2, Bob, trial 2
  const auto cube = RatingCube::build(ratings);
  EXPECT_EQ(cube.rating(1, 1, 1), -1);
  EXPECT_EQ(cube.row(1, 1, 1), RatingCube::kNoRow);
  EXPECT_THAT([&] { cube.requireComplete("the analysis"); },
              ::testing::ThrowsMessage<Error>(
                  HasSubstr("subject 'S2', appraiser 'Bob', trial 2 has no rating (are the trials unbalanced?)")));
}

}  // namespace
}  // namespace fab::msa

#include "core/msa/categories.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/common/error.h"

namespace fab::msa {
namespace {

using ::testing::HasSubstr;

TEST(CategorySet, NumericLabelsSortAsNumbers) {
  const std::vector<std::string> labels = {"10", "2", " 1", "NA", "", "2", "-1"};
  const auto c = CategorySet::fromLabels(labels);
  EXPECT_TRUE(c.numeric());
  EXPECT_EQ(c.labels(), (std::vector<std::string>{"-1", "1", "2", "10"}));
  EXPECT_EQ(c.values(), (std::vector<double>{-1, 1, 2, 10}));
  EXPECT_EQ(c.scores(), c.values());
  EXPECT_EQ(c.indexOf("10"), 3);
  EXPECT_EQ(c.indexOf("N/A"), -1);
}

TEST(CategorySet, TextLabelsSortAsTextOrFollowTheGivenOrder) {
  const std::vector<std::string> labels = {"good", "bad", "marginal", "good"};
  const auto sorted = CategorySet::fromLabels(labels);
  EXPECT_FALSE(sorted.numeric());
  EXPECT_EQ(sorted.labels(), (std::vector<std::string>{"bad", "good", "marginal"}));
  EXPECT_EQ(sorted.scores(), (std::vector<double>{1, 2, 3}));
  const auto ordered = CategorySet::fromLabels(labels, {"bad", "marginal", "good", "excellent"});
  EXPECT_EQ(ordered.labels(), (std::vector<std::string>{"bad", "marginal", "good", "excellent"}));
  EXPECT_EQ(ordered.indexOf("good"), 2);
}

TEST(CategorySet, ProblemsAreNamed) {
  const std::vector<std::string> labels = {"good", "awful"};
  EXPECT_THAT(
      [&] {
        CategorySet::fromLabels(labels, {"good", "bad"});
      },
      ::testing::ThrowsMessage<Error>(HasSubstr("'awful' is not among the listed categories (good, bad)")));
  EXPECT_THROW(CategorySet::fromLabels(labels, {"good", "good"}), Error);
  const std::vector<std::string> twoSpellings = {"1", "1.0"};
  EXPECT_THAT([&] { CategorySet::fromLabels(twoSpellings); },
              ::testing::ThrowsMessage<Error>(HasSubstr("same number written differently")));
  const auto c = CategorySet::fromLabels(labels);
  EXPECT_THROW(c.indexOf("fine"), Error);
}

}  // namespace
}  // namespace fab::msa

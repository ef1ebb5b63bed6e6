#include "core/msa/crossed_layout.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"

namespace fab::msa {
namespace {

using ::testing::HasSubstr;

TEST(CrossedLayout, OrdersCellsByTrialAndKeepsRows) {
  const std::vector<GaugeMeasurement> m = {{"P2", "A", 2, 2.2, 10}, {"P1", "A", 1, 1.0, 11}, {"P2", "A", 1, 2.0, 12},
                                           {"P1", "A", 2, 1.1, 13}, {"P1", "B", 0, 1.3, 14}, {"P1", "B", 0, 1.4, 15},
                                           {"P2", "B", 0, 2.4, 16}, {"P2", "B", 0, 2.3, 17}};
  const auto l = CrossedLayout::build(m);
  EXPECT_EQ(l.parts(), (std::vector<std::string>{"P2", "P1"}));
  EXPECT_EQ(l.appraisers(), (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(l.values(0, 0), (std::vector<double>{2.0, 2.2}));
  EXPECT_EQ(l.rows(0, 0), (std::vector<std::size_t>{12, 10}));
  EXPECT_EQ(l.values(1, 1), (std::vector<double>{1.3, 1.4}));  // file order without trial numbers
  EXPECT_EQ(l.requireBalanced("test"), 2);
  EXPECT_EQ(l.measurementCount(), 8u);
}

TEST(CrossedLayout, ProblemsAreNamedWithTheirLine) {
  const std::vector<GaugeMeasurement> missing = {{"P1", "A", 1, std::nan(""), 7}};
  EXPECT_THAT([&] { CrossedLayout::build(missing); },
              ::testing::ThrowsMessage<Error>(HasSubstr("line 7: part 'P1', appraiser 'A' has no measurement")));
  const std::vector<GaugeMeasurement> twice = {{"P1", "A", 1, 1.0, 3}, {"P1", "A", 1, 1.1, 9}};
  EXPECT_THAT([&] { CrossedLayout::build(twice); },
              ::testing::ThrowsMessage<Error>(HasSubstr("trial 1 appears twice (lines 3 and 9)")));
  const std::vector<GaugeMeasurement> onePart = {{"P1", "A", 1, 1.0, 3}, {"P1", "A", 2, 1.1, 4}};
  EXPECT_THAT([&] { CrossedLayout::build(onePart).requireBalanced("the method"); },
              ::testing::ThrowsMessage<Error>(HasSubstr("at least 2 parts")));
  EXPECT_THROW(CrossedLayout::build(std::vector<GaugeMeasurement>{}), Error);
  const std::vector<GaugeMeasurement> noName = {{"", "A", 1, 1.0, 3}};
  EXPECT_THROW(CrossedLayout::build(noName), Error);
}

}  // namespace
}  // namespace fab::msa

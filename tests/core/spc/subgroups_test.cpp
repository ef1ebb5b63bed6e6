#include "core/spc/subgroups.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/common/error.h"

namespace fab::spc {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(Subgroups, ByKeyInOrderOfFirstAppearance) {
  const std::vector<std::string> keys = {"L2", "L1", "L2", "L3", "L1"};
  const auto g = subgroupsByKey(keys);
  ASSERT_EQ(g.count(), 3u);
  EXPECT_EQ(g.keys, (std::vector<std::string>{"L2", "L1", "L3"}));
  EXPECT_EQ(std::vector<std::size_t>(g.members(0).begin(), g.members(0).end()), (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(std::vector<std::size_t>(g.members(1).begin(), g.members(1).end()), (std::vector<std::size_t>{1, 4}));
  EXPECT_EQ(std::vector<std::size_t>(g.members(2).begin(), g.members(2).end()), (std::vector<std::size_t>{3}));
}

TEST(Subgroups, FixedSizeKeepsTheShortLastSubgroup) {
  const auto g = subgroupsOfSize(7, 3);
  EXPECT_EQ(g.offsets, (std::vector<std::size_t>{0, 3, 6, 7}));
  EXPECT_EQ(subgroupsOfSize(0, 3).count(), 0u);
  EXPECT_THROW(subgroupsOfSize(5, 0), Error);
}

TEST(Subgroups, SummaryUsesTheValuesPresent) {
  const std::vector<double> v = {1, 2, kNaN, 4, kNaN, kNaN, 7};
  const auto g = subgroupsOfSize(v.size(), 3);
  const auto s = summarize(v, &g);
  EXPECT_EQ(s.n, (std::vector<double>{2, 1, 1}));
  EXPECT_EQ(s.mean[0], 1.5);
  EXPECT_EQ(s.range[0], 1.0);
  EXPECT_NEAR(s.sd[0], std::sqrt(0.5), 1e-15);
  EXPECT_EQ(s.mean[1], 4.0);
  EXPECT_TRUE(std::isnan(s.range[1]));
  EXPECT_TRUE(std::isnan(s.sd[1]));
  EXPECT_EQ(s.firstRow, (std::vector<std::size_t>{0, 3, 6}));
}

TEST(Subgroups, SummaryIsStableForLargeOffsets) {
  const std::vector<double> v = {1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3};
  const auto g = subgroupsOfSize(3, 3);
  const auto s = summarize(v, &g);
  EXPECT_NEAR(s.sd[0], 0.1, 1e-6);
}

TEST(Subgroups, IndividualsAreOnePointPerRow) {
  const std::vector<double> v = {3, kNaN, 5};
  const auto s = summarize(v, nullptr);
  EXPECT_TRUE(s.individuals);
  EXPECT_EQ(s.mean.data(), v.data());  // a view, no copy
  EXPECT_EQ(s.size(0), 1.0);
  EXPECT_EQ(s.size(1), 0.0);
  EXPECT_EQ(s.row(2), 2u);
}

}  // namespace
}  // namespace fab::spc

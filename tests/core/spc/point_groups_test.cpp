// Grouping chart points by tool, chamber or product through the lot history.
#include <gtest/gtest.h>

#include "core/common/error.h"
#include "core/spc/point_groups.h"

namespace fab::spc {
namespace {

using store::ProcessContext;

std::vector<ProcessContext> history() {
  return {
      {"L1", 0, "ETCH-03", "B", "R", 100, 200},  // whole lot
      {"L1", 2, "ETCH-04", "A", "R", 100, 200},  // wafer 2 split off to another tool
      {"L2", 0, "ETCH-03", "A", "R", 50, 60},
      {"L2", 0, "ETCH-04", "", "R", 70, 80},  // rework: the later pass counts
  };
}

TEST(PointGroups, WaferRowWinsOverLotRowAndLatestPassCounts) {
  const std::vector<PointOrigin> points = {
      {"L1", 1, "P1"}, {"L1", 2, "P1"}, {"L2", 5, "P2"}, {"L3", 1, "P2"}, {"L1", 0, "P1"}};
  EXPECT_EQ(groupLabels(points, history(), GroupBy::Tool),
            (std::vector<std::string>{"ETCH-03", "ETCH-04", "ETCH-04", kUnknownGroup, "ETCH-03"}));
  EXPECT_EQ(groupLabels(points, history(), GroupBy::Chamber),
            (std::vector<std::string>{"ETCH-03/B", "ETCH-04/A", "ETCH-04/-", kUnknownGroup, "ETCH-03/B"}));
  EXPECT_EQ(groupLabels(points, history(), GroupBy::Product), (std::vector<std::string>{"P1", "P1", "P2", "P2", "P1"}));
}

TEST(PointGroups, HistoryOrderDoesNotMatter) {
  auto h = history();
  std::swap(h[2], h[3]);
  const std::vector<PointOrigin> points = {{"L2", 1, ""}};
  EXPECT_EQ(groupLabels(points, h, GroupBy::Tool), std::vector<std::string>{"ETCH-04"});
  EXPECT_EQ(groupLabels(points, h, GroupBy::Product), std::vector<std::string>{kUnknownGroup});
}

TEST(PointGroups, EmptyInputs) {
  EXPECT_TRUE(groupLabels({}, history(), GroupBy::Tool).empty());
  const std::vector<PointOrigin> points = {{"L1", 1, "P"}};
  EXPECT_EQ(groupLabels(points, {}, GroupBy::Chamber), std::vector<std::string>{kUnknownGroup});
}

TEST(PointGroups, DistinctInOrderOfFirstAppearanceAndNames) {
  const std::vector<std::string> labels = {"b", "a", "b", "c", "a"};
  EXPECT_EQ(distinctGroups(labels), (std::vector<std::string>{"b", "a", "c"}));
  EXPECT_EQ(parseGroupBy("chamber"), GroupBy::Chamber);
  EXPECT_STREQ(groupByName(parseGroupBy("product")), "product");
  EXPECT_THROW(parseGroupBy("recipe"), Error);
}

}  // namespace
}  // namespace fab::spc

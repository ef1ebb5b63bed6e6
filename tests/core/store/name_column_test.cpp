#include "core/store/name_column.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace fab::store {
namespace {

TEST(NameColumn, KeepsEachNameOnceAndReadsLikeAVectorOfNames) {
  const std::vector<std::string> rows{"L1", "L1", "L2", "", "L1", "L3", "L2"};
  NameColumn c;
  for (const auto& r : rows) c.push_back(r);
  ASSERT_EQ(c.size(), rows.size());
  EXPECT_EQ(c.names().size(), 4u);  // L1, L2, "", L3
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(c[i], rows[i]);
  EXPECT_TRUE(c == rows);
  EXPECT_EQ(std::vector<std::string>(c), rows);
  EXPECT_EQ(c.front(), "L1");
  EXPECT_EQ(c.back(), "L2");
  EXPECT_TRUE(c.same(0, 4));
  EXPECT_FALSE(c.same(0, 2));
  EXPECT_EQ(std::count(c.begin(), c.end(), "L1"), 3);
  EXPECT_EQ(c.end() - c.begin(), 7);
  std::vector<std::string> seen;
  for (const auto& name : c) seen.push_back(name);
  EXPECT_EQ(seen, rows);
}

TEST(NameColumn, BuiltFromIndexesItAppendsToTheSameNames) {
  NameColumn repeated({"P1", "P2", "P1"}, {0, 1, 2});  // a name under two indexes, as a lot's product
  EXPECT_TRUE(repeated.same(0, 2));
  EXPECT_FALSE(repeated.same(0, 1));
  NameColumn c({"A", "B"}, {1, 0, 1});
  c.push_back("B");
  c.emplace_back("C");
  EXPECT_EQ(c.names().size(), 3u);
  EXPECT_EQ(std::vector<std::string>(c), (std::vector<std::string>{"B", "A", "B", "B", "C"}));
  c.assign(3, "Z");
  EXPECT_EQ(std::vector<std::string>(c), (std::vector<std::string>{"Z", "Z", "Z"}));
  c.push_back("Z");
  EXPECT_EQ(c.names().size(), 1u);
}

}  // namespace
}  // namespace fab::store

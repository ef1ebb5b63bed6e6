#include "core/io/name_dictionary.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fab::io {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(NameDictionary, NumbersNamesInOrderOfFirstSightAndReportsEachNewNameOnce) {
  NameDictionary names;
  std::vector<std::string> added;
  EXPECT_EQ(names.idOf("L1", added), 0u);
  EXPECT_EQ(names.idOf("L1", added), 0u);  // the last name
  EXPECT_EQ(names.idOf("L2", added), 1u);
  EXPECT_EQ(names.idOf("L1", added), 0u);  // an earlier name
  EXPECT_THAT(added, ElementsAre("L1", "L2"));
  std::vector<std::string> later;
  EXPECT_EQ(names.idOf("", later), 2u);  // empty is a name like any other
  EXPECT_EQ(names.idOf("L2", later), 1u);
  EXPECT_THAT(later, ElementsAre(""));
  EXPECT_EQ(names.size(), 3u);
}

TEST(NameDictionary, TellsNamesApartThatShareAPrefixOrDifferInCase) {
  NameDictionary names;
  std::vector<std::string> added;
  EXPECT_EQ(names.idOf("THK", added), 0u);
  EXPECT_EQ(names.idOf("THK2", added), 1u);
  EXPECT_EQ(names.idOf("thk", added), 2u);
  EXPECT_EQ(names.idOf(std::string_view("THK2x", 4), added), 1u);
  EXPECT_EQ(names.idOf("THK", added), 0u);
  EXPECT_THAT(added, ElementsAre("THK", "THK2", "thk"));
  std::vector<std::string> none;
  names.idOf("thk", none);
  EXPECT_THAT(none, IsEmpty());
}

}  // namespace
}  // namespace fab::io

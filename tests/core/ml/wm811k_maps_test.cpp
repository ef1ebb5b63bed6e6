#include "core/ml/wm811k_maps.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "core/common/error.h"

namespace fab::ml {
namespace {

using ::testing::HasSubstr;

const std::string kRealDir = FAB_SOURCE_DIR "/../shared/reference/real/wm811k/";

std::vector<RecordedWaferMap> parse(const std::string& text) {
  std::istringstream in(text);
  return parseWm811kMaps(in, "maps.jsonl");
}

std::string errorOf(const std::string& text) {
  try {
    parse(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Wm811kMaps, ReadsDiesLabelsAndLots) {
  const auto maps = parse(
      R"({"wafer": "lot1-3", "lot": "lot1", "wafer_index": 3, "label": "edge-loc", "rows": 2, "cols": 3, "map": ["012", "120"]})"
      "\n\n"
      R"({"wafer": "x", "rows": 1, "cols": 2, "map": ["21"]})"
      "\n");
  ASSERT_EQ(maps.size(), 2u);
  const auto& a = maps[0];
  EXPECT_EQ(a.map.wafer, "lot1-3");
  EXPECT_EQ(a.lot, "lot1");
  EXPECT_EQ(a.waferIndex, 3);
  EXPECT_EQ(a.label, WaferPattern::EdgeLocal);
  EXPECT_EQ(a.rows, 2);
  EXPECT_EQ(a.columns, 3);
  EXPECT_EQ(a.line, 1u);
  EXPECT_FALSE(a.map.layout.yUp);    // top row first
  ASSERT_EQ(a.map.dies.size(), 4u);  // the '0' positions are no dies
  EXPECT_EQ(a.map.dies[0].x, 1);
  EXPECT_EQ(a.map.dies[0].y, 0);
  EXPECT_TRUE(a.map.dies[0].pass);
  EXPECT_FALSE(a.map.dies[1].pass);  // '2' fails
  EXPECT_EQ(a.map.dies[2].x, 0);
  EXPECT_EQ(a.map.dies[2].y, 1);
  const auto& b = maps[1];
  EXPECT_EQ(b.line, 3u);
  EXPECT_FALSE(b.label);
  EXPECT_TRUE(b.lot.empty());
  EXPECT_EQ(b.waferIndex, -1);
}

TEST(Wm811kMaps, KnowsTheDatasetsLabelSpelling) {
  EXPECT_EQ(wm811kPattern("Edge-Loc"), WaferPattern::EdgeLocal);
  EXPECT_EQ(wm811kPattern("loc"), WaferPattern::Local);
  EXPECT_EQ(wm811kPattern("Near-full"), WaferPattern::NearFull);
  EXPECT_EQ(wm811kPattern("edge-ring"), WaferPattern::EdgeRing);
  EXPECT_EQ(wm811kPattern("none"), WaferPattern::None);
  EXPECT_EQ(wm811kPattern("local"), WaferPattern::Local);
  EXPECT_FALSE(wm811kPattern("blob"));
}

TEST(Wm811kMaps, RefusesBadMapsNamingWaferAndLine) {
  const std::string ok = R"({"wafer": "w1", "rows": 1, "cols": 2, "map": ["12"]})";
  EXPECT_THAT(errorOf(ok + "\n" + R"({"wafer": "w2", "rows": 1, "cols": 2, "map": ["13"]})"),
              HasSubstr("maps.jsonl:2: wafer 'w2': map row 1, column 2: '3' is not 0"));
  EXPECT_THAT(errorOf(R"({"wafer": "w", "rows": 2, "cols": 2, "map": ["12", "1"]})"),
              HasSubstr("maps.jsonl:1: wafer 'w': map row 2 has 1 characters but 'cols' says 2 (ragged rows)"));
  EXPECT_THAT(errorOf(R"({"wafer": "w", "rows": 3, "cols": 2, "map": ["12", "11"]})"),
              HasSubstr("'rows' says 3 but the map has 2 rows"));
  EXPECT_THAT(errorOf(R"({"wafer": "w", "rows": 1, "cols": 2, "map": ["00"]})"),
              HasSubstr("wafer 'w': the map has no die"));
  EXPECT_THAT(errorOf(R"({"wafer": "w", "rows": 1, "cols": 2, "label": "blob", "map": ["12"]})"),
              HasSubstr("unknown label 'blob'"));
  EXPECT_THAT(errorOf(R"({"wafer": "w", "cols": 2, "map": ["12"]})"), HasSubstr("'rows' is missing"));
  EXPECT_THAT(errorOf(ok + "\n" + ok), HasSubstr("maps.jsonl:2: wafer 'w1' is given twice"));
  EXPECT_THAT(errorOf("{not json"), HasSubstr("maps.jsonl:1: not a JSON object"));
  EXPECT_THAT(errorOf("[1, 2]"), HasSubstr("maps.jsonl:1: expected a JSON object"));
  EXPECT_THAT(errorOf("\n\n"), HasSubstr("no wafer map"));
  EXPECT_THROW(readWm811kMaps("/nonexistent/maps.jsonl"), Error);
}

TEST(Wm811kMaps, ReadsTheRealTrainingFile) {
  // shared/reference/real/README.md: 1,243 labelled maps from 1,003 lots, nine classes.
  const auto maps = readWm811kMaps(kRealDir + "train.jsonl");
  ASSERT_EQ(maps.size(), 1243u);
  std::set<std::string> lots;
  std::set<int> classes;
  for (const auto& m : maps) {
    ASSERT_TRUE(m.label) << m.map.wafer;
    lots.insert(m.lot);
    classes.insert(patternIndex(*m.label));
  }
  EXPECT_EQ(lots.size(), 1003u);
  EXPECT_EQ(classes.size(), 9u);
  // The first line: wafer lot35947-11, 25 rows × 27 columns, labelled center.
  EXPECT_EQ(maps[0].map.wafer, "lot35947-11");
  EXPECT_EQ(maps[0].rows, 25);
  EXPECT_EQ(maps[0].columns, 27);
  EXPECT_EQ(maps[0].label, WaferPattern::Center);
}

TEST(Wm811kMaps, ParsesTheUnlabelledHoldoutFile) {
  // 662 maps without labels (README); only checks that the reader accepts them.
  const auto maps = readWm811kMaps(kRealDir + "holdout.jsonl");
  EXPECT_EQ(maps.size(), 662u);
  for (const auto& m : maps) EXPECT_FALSE(m.label);
}

}  // namespace
}  // namespace fab::ml

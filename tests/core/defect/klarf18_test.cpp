// KLARF 1.8: the hand-written sample read into the version-neutral structs,
// written back (read → write → read gives the same file), 1.2 ↔ 1.8, and the
// refusals with their lines.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "core/defect/klarf.h"
#include "tests/core/defect/klarf_compare.h"
#include "tests/core/defect/klarf_samples.h"

namespace fab::defect {
namespace {

using ::testing::HasSubstr;

TEST(Klarf18, ReadsTheSampleInMicrometres) {
  const KlarfFile f = parseKlarf(samples::kVersion18);
  EXPECT_EQ(f.versionMinor, 8);
  EXPECT_EQ(f.lotId, "LOT-B2");
  EXPECT_EQ(f.deviceId, "PROD-X");
  EXPECT_EQ(f.stepId, "M1-CMP");
  EXPECT_EQ(f.setupId, "RCP-1");
  EXPECT_EQ(f.setupTimestamp, "03-01-2026 08:00:00");
  EXPECT_EQ(f.fileTimestamp, "03-01-2026 08:15:30");
  EXPECT_EQ(f.orientationMark, wafer::Notch::Left);  // 90 degrees
  EXPECT_DOUBLE_EQ(f.sampleSizeMm, 300);
  EXPECT_EQ(f.classLookup, (std::vector<std::pair<int, std::string>>{{1, "PARTICLE"}, {2, "SCRATCH"}}));
  ASSERT_EQ(f.wafers.size(), 1u);
  const KlarfWafer& w = f.wafers[0];
  EXPECT_EQ(w.slot, 7);
  // The lot's DiePitch comes after the wafer in the file but places it.
  EXPECT_DOUBLE_EQ(w.placement.pitchXUm, 10000);
  EXPECT_DOUBLE_EQ(w.placement.pitchYUm, 8000);
  EXPECT_EQ(w.placement.notch, wafer::Notch::Left);
  EXPECT_DOUBLE_EQ(w.placement.sampleCentreXUm, 155000);
  EXPECT_DOUBLE_EQ(w.placement.sampleCentreYUm, 148000);
  EXPECT_EQ(w.inspectionTest, 1);
  EXPECT_DOUBLE_EQ(w.areaPerTestUm2, 2.4e8);  // 2.4e14 nm²
  EXPECT_EQ(w.sampleTestPlan, (std::vector<wafer::DieIndex>{{15, 18}, {16, 18}, {15, 19}}));
  ASSERT_EQ(w.defects.size(), 3u);
  EXPECT_DOUBLE_EQ(w.value(w.defects[0], "XREL"), 1250.5);
  EXPECT_DOUBLE_EQ(w.value(w.defects[0], "YREL"), 3300);
  EXPECT_DOUBLE_EQ(w.value(w.defects[0], "DSIZE"), 0.8);
  EXPECT_TRUE(std::isnan(w.value(w.defects[2], "DSIZE")));
  EXPECT_EQ(w.defects[1].line, 17);
  ASSERT_EQ(w.defects[1].images.size(), 2u);
  EXPECT_EQ(w.defects[1].images[1].entry, (std::vector<std::string>{"img/w07_2b.jpg", "JPG", "2", "Patch"}));
  EXPECT_TRUE(f.notes.empty());
}

TEST(Klarf18, RoundTripsThroughTheWriter) {
  const KlarfFile f = parseKlarf(samples::kVersion18);
  const std::string text = writeKlarf(f);
  EXPECT_EQ(text.rfind("Record FileRecord \"1.8\"", 0), 0u) << text;
  const KlarfFile g = parseKlarf(text, "written");
  expectSameFile(f, g);
  EXPECT_EQ(g.wafers[0].defectColumnTypes, f.wafers[0].defectColumnTypes);
  EXPECT_EQ(writeKlarf(g), text);
}

TEST(Klarf18, A12FileWrittenAs18ReadsBackTheSame) {
  KlarfFile f = parseKlarf(samples::kTwoWafers);
  for (auto& w : f.wafers)
    for (auto& d : w.defects) {  // 1.8 keeps no 1.2 image type
      d.images.clear();
      d.values[*w.column("IMAGECOUNT")] = 0;
    }
  const KlarfFile g = parseKlarf(writeKlarf18(f), "written");
  EXPECT_EQ(g.versionMinor, 8);
  expectSameFile(f, g);
  // And back to 1.2 grammar.
  expectSameFile(g, parseKlarf(writeKlarf12(g), "written12"));
}

TEST(Klarf18, AMiscountedDataBlockIsANote) {
  const KlarfFile f = parseKlarf(replaced(samples::kVersion18, "Data 3", "Data 4"), "t.klarf");
  EXPECT_EQ(f.wafers[0].defects.size(), 3u);
  EXPECT_EQ(f.notes, (std::vector<std::string>{"line 14: Data in List DefectList announces 4 rows but lists 3; "
                                               "every row is read"}));
}

TEST(Klarf18, BrokenFilesNameTheLine) {
  EXPECT_THAT(
      parseError(replaced(samples::kVersion18, "1 1250500 3300000 15 18 800 1 N;", "1 1250500 3300000 15 18 800;")),
      HasSubstr("t.klarf:16: row 1 in List DefectList ends after 6 of its 8 Columns values"));
  EXPECT_THAT(parseError(replaced(samples::kVersion18, "Field SlotNumber 1 {7}", "Field SlotNumber 2 {7}")),
              HasSubstr("t.klarf:9: Field SlotNumber announces 2 values but lists 1"));
  EXPECT_THAT(parseError(replaced(samples::kVersion18, "Columns 8 {", "Columns 9 {")),
              HasSubstr("t.klarf:12: Columns in List DefectList announces 9 but lists 8"));
  EXPECT_THAT(parseError(replaced(samples::kVersion18, "Images 2 {", "Images 3 {")),
              HasSubstr("t.klarf:18: Images of row 2 in List DefectList announces 3 but lists 2"));
  EXPECT_THAT(parseError(replaced(samples::kVersion18, "2 9000000 100000", "2 9x00000 100000")),
              HasSubstr("t.klarf:17: expected a number for XREL, found '9x00000'"));
  EXPECT_THAT(parseError(replaced(samples::kVersion18, "Field OrientationMarkLocation 1 {90}",
                                  "Field OrientationMarkLocation 1 {45}")),
              HasSubstr("OrientationMarkLocation must be 0, 90, 180 or 270 degrees"));
  EXPECT_THAT(parseError(samples::kVersion18.substr(0, samples::kVersion18.find("Record TestRecord \"2\""))),
              HasSubstr("the file ends inside Record WaferRecord (line 5) where '}' was expected"));
  EXPECT_THAT(parseError(replaced(samples::kVersion18, "EndOfFile;", "")),
              HasSubstr("the file ends without 'EndOfFile;'"));
  EXPECT_THAT(parseError(replaced(samples::kVersion18, "EndOfFile;", "EndOfFile;\nRecord X {}")),
              HasSubstr("text after 'EndOfFile;'"));
  std::string deep = "Record FileRecord \"1.8\" {";
  for (int i = 0; i < 40; ++i) deep += " Record R {";
  EXPECT_THAT(parseError(deep), HasSubstr("Records nested deeper than 16 levels"));
}

}  // namespace
}  // namespace fab::defect

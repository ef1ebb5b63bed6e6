// Every well-formed KLARF file of shared/reference/real/klarf (see its
// PROVENANCE.md) reads with all of its defects; the deliberately broken ones
// are refused with their line. Expected counts come from the files
// themselves: DefectList rows counted here line by line, independently of the
// reader, and the SummaryList where it agrees; spot values read by eye.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "core/defect/klarf.h"
#include "tests/core/defect/klarf_compare.h"

namespace fab::defect {
namespace {

using ::testing::HasSubstr;

const std::string kDir = FAB_SOURCE_DIR "/../shared/reference/real/klarf/";

std::string text(const std::string& name) {
  std::ifstream in(kDir + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// KLARF 1.1/1.2: lines inside DefectList records that start a row (an integer
/// DEFECTID and at least five values; IMAGELIST continuation lines hold fewer).
std::size_t rowLines12(const std::string& name) {
  std::istringstream in(text(name));
  std::string line;
  bool inList = false;
  std::size_t rows = 0;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string s; words >> s;) w.push_back(s);
    if (!w.empty() && w[0].rfind("DefectList", 0) == 0) {
      inList = line.find(';') == std::string::npos;
      continue;
    }
    if (!w.empty() && std::isalpha(static_cast<unsigned char>(w[0][0]))) inList = false;
    if (inList && w.size() >= 5 && w[0].find_first_not_of("0123456789") == std::string::npos) ++rows;
    if (line.find(';') != std::string::npos) inList = false;
  }
  return rows;
}

/// KLARF 1.8: the ';' that end rows inside each `List DefectList` Data block.
std::size_t rows18(const std::string& name) {
  const std::string t = text(name);
  std::size_t rows = 0;
  for (std::size_t at = t.find("List DefectList"); at != std::string::npos; at = t.find("List DefectList", at + 1)) {
    std::size_t i = t.find('{', t.find("Data", at));
    int depth = 0;
    for (; i < t.size(); ++i) {
      if (t[i] == '{') ++depth;
      if (t[i] == '}' && --depth == 0) break;
      if (t[i] == ';' && depth == 1) ++rows;
    }
  }
  return rows;
}

std::size_t defects(const KlarfFile& f) {
  std::size_t n = 0;
  for (const auto& w : f.wafers) n += w.defects.size();
  return n;
}

bool hasNote(const KlarfFile& f, const std::string& part) {
  for (const auto& n : f.notes)
    if (n.find(part) != std::string::npos) return true;
  return false;
}

struct Expected {
  const char* file;
  int minor;
  std::size_t wafers;
  std::size_t defects;      ///< the file's own SummaryList NDEFECT total where it agrees with the rows
  double xrel, yrel, size;  ///< first defect, µm, read from the file
};

class RealKlarf : public ::testing::TestWithParam<Expected> {};

TEST_P(RealKlarf, ReadsEveryDefect) {
  const Expected& e = GetParam();
  const KlarfFile f = readKlarf(kDir + e.file);
  EXPECT_EQ(f.versionMinor, e.minor);
  EXPECT_EQ(f.wafers.size(), e.wafers);
  EXPECT_EQ(defects(f), e.defects);
  EXPECT_EQ(defects(f), e.minor == 8 ? rows18(e.file) : rowLines12(e.file));
  const auto& w = f.wafers.front();
  ASSERT_FALSE(w.defects.empty());
  EXPECT_NEAR(w.value(w.defects[0], "XREL"), e.xrel, 1e-9);
  EXPECT_NEAR(w.value(w.defects[0], "YREL"), e.yrel, 1e-9);
  EXPECT_NEAR(w.value(w.defects[0], "DSIZE"), e.size, 1e-9);
  EXPECT_TRUE(w.hasSampleCentre);
}

// SummaryList lines: CPS3T "1 16 …"; LAA "1 12263 …"; LARGE "1 22190 …"; QUU
// "56", "36", "95"; Klarf_Format "1 453 …"; simple12 "1 1 …"; klarf12Example "1 2 …".
INSTANTIATE_TEST_SUITE_P(
    Files, RealKlarf,
    ::testing::Values(Expected{"klarfkit/CPS3TwithoutReview.001", 1, 1, 16, 552.64, 1043.08, 4.5206407965},
                      Expected{"wafermap-clustering/LAA_FAA_LAA-01.000", 2, 1, 12263, 320.241, 1484.771, 1.0},
                      Expected{"wafermap-clustering/LARGE_KLARF.000", 2, 1, 22190, 188.845, 639.419, 0.299},
                      Expected{"wafermap-clustering/QUU_NUU.000", 2, 3, 56 + 36 + 95, 2304.4, 1755.8, 304},
                      Expected{"KlarfReviewTool/Klarf_Format.001", 2, 1, 453, 674, 84.5, 36},
                      Expected{"jklarfreader/simple12.klarf", 2, 1, 1, 3500.123, 75000.123, 5},
                      Expected{"jklarfreader/klarf12Example.klarf", 2, 1, 2, 5500, 4400, 0.1234},
                      // 1.8: nanometres in the file (XREL 1254960, DSIZE 325), µm here.
                      Expected{"jklarfreader/simple18.klarf", 8, 2, 3 + 1, 1254.96, 4346.692, 0.325},
                      Expected{"jklarfreader/wierdKlarfWithNAs.klarf", 8, 2, 3 + 1, 1254.96, 4346.692, 0.325},
                      // klarfio's copy lists two rows for its second wafer ("Data 1" in testfile_v1.8, a note;
                      // "Data 2" in its writer's output).
                      Expected{"klarfio/testfile_v1.8.klarf", 8, 2, 3 + 2, 1254.96, 4346.692, 0.325},
                      Expected{"klarfio/test_output_v1.8.klarf", 8, 2, 3 + 2, 1254.96, 4346.692, 0.325},
                      Expected{"jklarfreader/klarfWithImagelist.klarf", 8, 1, 6, 7243.34, 1952.05, 0.321}));

TEST(RealKlarfQuirks, ComPlusImageListHoldsItsOwnCount) {
  // Rows end "… IMAGECOUNT 0, IMAGELIST 0": a count of 0 images, not a pair.
  const KlarfFile f = readKlarf(kDir + "klarfkit/CPS3TwithoutReview.001");
  const auto& w = f.wafers[0];
  EXPECT_EQ(w.slot, 25);
  EXPECT_EQ(w.sampleTestPlan.size(), 4988u);  // "SampleTestPlan 4988"
  EXPECT_EQ(f.classLookup.size(), 276u);      // "ClassLookup 276"
  for (const auto& d : w.defects) EXPECT_TRUE(d.images.empty());
  EXPECT_DOUBLE_EQ(w.value(w.defects.back(), "DEFECTID"), 16);
  EXPECT_TRUE(f.notes.empty());
}

TEST(RealKlarfQuirks, ByteOrderMarkAndImageContinuationLines) {
  const std::string t = text("KlarfReviewTool/Klarf_Format.001");
  ASSERT_EQ(t.substr(0, 3), "\xEF\xBB\xBF");
  const KlarfFile f = parseKlarf(t, "Klarf_Format.001");
  EXPECT_EQ(f.inspectionStation, (std::vector<std::string>{"ATI", "WIND", ""}));
  const auto& w = f.wafers[0];
  EXPECT_EQ(w.sampleTestPlan.size(), 784u);
  // Row 1 ends "IMAGECOUNT 1, IMAGELIST 1" and the next line holds the pair "1 0".
  EXPECT_EQ(w.defects[0].images, (std::vector<KlarfImage>{{1, 0, {}}}));
  EXPECT_EQ(w.defects.back().images, (std::vector<KlarfImage>{{453, 0, {}}}));
}

TEST(RealKlarfQuirks, QuotedFlatOrientationWord) {
  const KlarfFile f = readKlarf(kDir + "jklarfreader/simple12.klarf");  // SampleOrientationMarkType "FLAT";
  EXPECT_EQ(f.orientationMarkType, "FLAT");
}

TEST(RealKlarfQuirks, EmptyDefectListWithASummaryOfFortyIsANote) {
  const KlarfFile f = readKlarf(kDir + "wafermap-clustering/klarf_no_defect.000");
  ASSERT_EQ(f.wafers.size(), 1u);
  EXPECT_TRUE(f.wafers[0].defects.empty());
  EXPECT_TRUE(hasNote(f, "line 25: the SummaryList of wafer '02' counts 40 defects but its DefectList has 0"));
}

TEST(RealKlarfQuirks, SeveralDefectListsOfOneWaferAreAllRead) {
  // Version 1.1, one DefectList per TiffFileName: rows 1 to 13; its SummaryList says 4.
  const KlarfFile f = readKlarf(kDir + "jklarfreader/klarf12DefectListExample.klarf");
  EXPECT_EQ(f.versionMinor, 1);
  const auto& w = f.wafers[0];
  ASSERT_EQ(w.defects.size(), 13u);
  EXPECT_EQ(w.defects.size(), rowLines12("jklarfreader/klarf12DefectListExample.klarf"));
  for (std::size_t i = 0; i < 13; ++i) EXPECT_DOUBLE_EQ(w.value(w.defects[i], "DEFECTID"), i + 1.0);
  EXPECT_DOUBLE_EQ(w.value(w.defects[0], "XREL"), 4958.616);
  EXPECT_EQ(w.defects[8].images, (std::vector<KlarfImage>{{39, 1, {}}}));  // row 9: "1 1" then "39 1"
  EXPECT_EQ(w.defects[10].images.size(), 7u);
  EXPECT_EQ(w.inspectionTest, 5);
  EXPECT_TRUE(hasNote(f, "counts 4 defects but its DefectList has 13"));
}

TEST(RealKlarfQuirks, MiscountedDataBlockIsANote) {
  const KlarfFile f = readKlarf(kDir + "klarfio/testfile_v1.8.klarf");
  EXPECT_TRUE(hasNote(f, "line 107: Data in List DefectList announces 1 row but lists 2; every row is read"));
  EXPECT_EQ(f.wafers[1].defects.size(), 2u);
}

TEST(RealKlarfQuirks, NaValuesAreMissing) {
  const KlarfFile f = readKlarf(kDir + "jklarfreader/wierdKlarfWithNAs.klarf");
  const auto& w = f.wafers[0];
  // Row 2 has NA for DBGROUP, row 3 for DCIRANGE; simple18 has 0 there.
  EXPECT_TRUE(std::isnan(w.value(w.defects[1], "DBGROUP")));
  EXPECT_DOUBLE_EQ(w.value(w.defects[0], "DBGROUP"), 0);
  EXPECT_TRUE(std::isnan(w.value(w.defects[2], "DCIRANGE")));
  EXPECT_DOUBLE_EQ(w.value(w.defects[1], "DCIRANGE"), 0);
}

TEST(RealKlarfQuirks, Version18HeaderAndPlacement) {
  const KlarfFile f = readKlarf(kDir + "jklarfreader/simple18.klarf");
  EXPECT_EQ(f.lotId, "aLot.String");
  EXPECT_EQ(f.deviceId, "aDevice");
  EXPECT_EQ(f.stepId, "AStepId");
  EXPECT_EQ(f.setupId, "ARecipe");
  EXPECT_EQ(f.fileTimestamp, "12-12-1972 16:27:59");
  EXPECT_DOUBLE_EQ(f.sampleSizeMm, 300);             // 300000000 nm
  EXPECT_EQ(f.orientationMark, wafer::Notch::Down);  // OrientationMarkLocation 0
  EXPECT_EQ(f.classLookup.size(), 4u);
  const auto& w = f.wafers[0];
  EXPECT_EQ(w.waferId, "FirstWaferId");
  EXPECT_EQ(w.slot, 25);
  // Lot DiePitch (written after the wafers) 5744150 5410203 nm; SampleCenterLocation 4929000 -490333 nm.
  EXPECT_DOUBLE_EQ(w.placement.pitchXUm, 5744.15);
  EXPECT_DOUBLE_EQ(w.placement.pitchYUm, 5410.203);
  EXPECT_DOUBLE_EQ(w.placement.sampleCentreXUm, 4929);
  EXPECT_DOUBLE_EQ(w.placement.sampleCentreYUm, -490.333);
  // Tests 1 and 2 list 5 and 4 dies: 9 inspected dies.
  EXPECT_EQ(w.sampleTestPlan.size(), 9u);
  EXPECT_DOUBLE_EQ(w.areaPerTestUm2, 2e15 / 1e6);
  // TestSummaryList counts 4 defects per test where the DefectList has 3.
  EXPECT_TRUE(hasNote(f, "the SummaryList of wafer 'FirstWaferId' counts 8 defects but its DefectList has 3"));
}

TEST(RealKlarfQuirks, Version18ImageList) {
  const KlarfFile f = readKlarf(kDir + "jklarfreader/klarfWithImagelist.klarf");
  const auto& d = f.wafers[0].defects;
  ASSERT_EQ(d[0].images.size(), 3u);
  EXPECT_EQ(d[0].images[0].entry, (std::vector<std::string>{"a/path/here", "JPG", "1", "Patch"}));
  EXPECT_TRUE(d[1].images.empty());  // N
}

TEST(RealKlarfQuirks, Version18FilesRoundTrip) {
  for (const char* name : {"jklarfreader/simple18.klarf", "jklarfreader/wierdKlarfWithNAs.klarf",
                           "jklarfreader/klarfWithImagelist.klarf", "klarfio/testfile_v1.8.klarf"}) {
    SCOPED_TRACE(name);
    const KlarfFile f = readKlarf(kDir + name);
    const KlarfFile g = parseKlarf(writeKlarf(f), "written");
    expectSameFile(f, g);
  }
}

std::string refusal(const std::string& name) {
  try {
    readKlarf(kDir + name);
  } catch (const Error& e) {
    return e.what();
  }
  return "(read without error)";
}

TEST(RealKlarfBroken, RefusedWithTheLineAndWhatWasExpected) {
  // One value too many in the row: row 1 takes 17 values, the 18th starts a row that ends at once.
  EXPECT_THAT(refusal("jklarfreader/bad12DefectList.klarf"),
              HasSubstr("bad12DefectList.klarf:29: DefectList row 2 ends after 1 of its 17 DefectRecordSpec values"));
  // A second WaferID with none of its records before EndOfFile.
  EXPECT_THAT(refusal("jklarfreader/bad12.klarf"), HasSubstr("bad12.klarf:36: wafer 'anotherWafer' has no DefectList"));
  // Scrambled text: the notch word "FYRW".
  EXPECT_THAT(refusal("klarfio/testfile_v1.2.klarf"), HasSubstr("testfile_v1.2.klarf:12: OrientationMarkLocation: "));
}

}  // namespace
}  // namespace fab::defect

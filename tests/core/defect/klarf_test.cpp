#include "core/defect/klarf.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "tests/core/defect/klarf_compare.h"
#include "tests/core/defect/klarf_samples.h"
#include "tests/support/temp_dir.h"

namespace fab::defect {
namespace {

using ::testing::HasSubstr;

TEST(Klarf, ReadsHeaderAndWafers) {
  const KlarfFile f = parseKlarf(samples::kTwoWafers);
  EXPECT_EQ(f.versionMajor, 1);
  EXPECT_EQ(f.versionMinor, 2);
  EXPECT_EQ(f.lotId, "LOT-A1");
  EXPECT_EQ(f.deviceId, "PROD-X");
  EXPECT_EQ(f.stepId, "M1-CMP");
  EXPECT_EQ(f.setupId, "RECIPE 1");
  EXPECT_EQ(f.setupTimestamp, "02-28-26 17:00:00");
  EXPECT_EQ(f.fileTimestamp, "03-01-26 08:15:30");
  EXPECT_EQ(f.inspectionStation, (std::vector<std::string>{"VENDOR", "MODEL-7", "TOOL-01"}));
  EXPECT_DOUBLE_EQ(f.sampleSizeMm, 300);
  EXPECT_EQ(f.orientationMark, wafer::Notch::Down);
  EXPECT_DOUBLE_EQ(f.diePitchXUm, 10000);
  EXPECT_DOUBLE_EQ(f.diePitchYUm, 8000);
  ASSERT_EQ(f.classLookup.size(), 3u);
  EXPECT_EQ(f.classLookup[2], (std::pair<int, std::string>{2, "Scratch"}));
  ASSERT_EQ(f.wafers.size(), 2u);

  const KlarfWafer& w = f.wafers[0];
  EXPECT_EQ(w.waferId, "LOT-A1.07");
  EXPECT_EQ(w.slot, 7);
  EXPECT_EQ(w.line, 19);
  EXPECT_DOUBLE_EQ(w.placement.sampleCentreXUm, 155000);
  EXPECT_DOUBLE_EQ(w.placement.sampleCentreYUm, 148000);
  EXPECT_DOUBLE_EQ(w.areaPerTestUm2, 2.4e8);
  EXPECT_EQ(w.sampleTestPlan, (std::vector<wafer::DieIndex>{{15, 18}, {16, 18}, {15, 19}}));
  ASSERT_EQ(w.defects.size(), 3u);
  const std::vector<double> first = {1, 1250.5, 3300, 15, 18, 0.8, 0.6, 0.48, 0.8, 1, 0};
  for (std::size_t c = 0; c < first.size(); ++c) EXPECT_DOUBLE_EQ(w.defects[0].values[c], first[c]) << c;
  EXPECT_TRUE(std::isnan(w.defects[0].values[11]));
  EXPECT_TRUE(w.defects[0].images.empty());
  EXPECT_EQ(w.defects[1].images, (std::vector<KlarfImage>{{1, 0}, {2, 1}}));
  EXPECT_EQ(w.defects[2].images, (std::vector<KlarfImage>{{7, 3}}));
  EXPECT_EQ(w.defects[0].line, 30);
  EXPECT_EQ(w.defects[2].line, 32);
  EXPECT_DOUBLE_EQ(w.value(w.defects[1], "dsize"), 2.5);
  EXPECT_DOUBLE_EQ(w.value(w.defects[1], "CLASSNUMBER"), 2);
  EXPECT_TRUE(std::isnan(w.value(w.defects[1], "ROUGHBINNUMBER")));
  ASSERT_EQ(w.summaryRows.size(), 1u);
  EXPECT_DOUBLE_EQ(w.summaryRows[0][1], 3);

  const KlarfWafer& w2 = f.wafers[1];
  EXPECT_EQ(w2.slot, 8);
  EXPECT_DOUBLE_EQ(w2.placement.dieOriginXUm, 50);
  EXPECT_DOUBLE_EQ(w2.placement.dieOriginYUm, -25);
  EXPECT_DOUBLE_EQ(w2.placement.pitchXUm, 10000);
  ASSERT_EQ(w2.defects.size(), 1u);
  EXPECT_TRUE(std::isnan(w2.value(w2.defects[0], "XSIZE")));  // NA
  EXPECT_DOUBLE_EQ(w2.value(w2.defects[0], "DSIZE"), 0.35);
}

TEST(Klarf, RoundTripsThroughTheWriter) {
  const KlarfFile f = parseKlarf(samples::kTwoWafers);
  const std::string text = writeKlarf(f);
  const KlarfFile g = parseKlarf(text, "written");
  expectSameFile(f, g);
  EXPECT_EQ(writeKlarf(g), text);
}

TEST(Klarf, RoundTripsImagesWithoutImageCount) {
  KlarfFile f;
  f.lotId = "L";
  f.diePitchXUm = f.diePitchYUm = 5000;
  f.orientationMark = wafer::Notch::Left;
  KlarfWafer w;
  w.waferId = "W1";
  w.placement = {wafer::Notch::Left, 5000, 5000, 0, 0, 1.25e5, -3.5};
  w.hasSampleCentre = true;
  w.defectColumns = {"DEFECTID", "XREL", "YREL", "XINDEX", "YINDEX", "IMAGELIST", "DSIZE"};
  w.defects.push_back({{1, 0.1, 1e-7, -3, 4, std::nan(""), 12.75}, {{3, 1}, {4, 2}, {5, 0}}, 0});
  w.defects.push_back({{2, 4999.999, 0, 0, 0, std::nan(""), 0.125}, {}, 0});
  f.wafers.push_back(w);
  const KlarfFile g = parseKlarf(writeKlarf(f));
  expectSameFile(f, g);
}

// Found by the KLARF fuzzer: a header without wafers needs no DiePitch, so
// the writer must not write one of 0 that the reader then refuses.
TEST(Klarf, RoundTripsAHeaderWithoutDiePitchOrWafers) {
  const KlarfFile f = parseKlarf("FileVersion 1 2;\nLotID \"L;1\";\nEndOfFile;\n");
  EXPECT_EQ(f.diePitchXUm, 0);
  const std::string text = writeKlarf(f);
  EXPECT_EQ(text.find("DiePitch"), std::string::npos) << text;
  const KlarfFile g = parseKlarf(text, "written");
  EXPECT_EQ(g.lotId, "L;1");
  EXPECT_TRUE(g.wafers.empty());
}

// Found by the KLARF fuzzer: a quoted string where the grammar has bare words
// (a timestamp) could carry ';' and records into the rewritten file.
TEST(Klarf, QuotedTimestampIsRefusedWithItsLine) {
  EXPECT_THAT([] { parseKlarf("FileVersion 1 2;\nResultTimestamp 01-01-26 \"08:10;\nSlot 7;\";\nEndOfFile;\n", "t"); },
              ::testing::ThrowsMessage<Error>(::testing::HasSubstr("t:2: ResultTimestamp (a date and a time): expected a bare word")));
}

// Found by the KLARF fuzzer: an IMAGECOUNT far beyond any int.
TEST(Klarf, HugeImageCountIsRefused) {
  std::string text = samples::kTwoWafers;
  const std::string row = " 1 1250.5 3300 15 18 0.8 0.6 0.48 0.8 1 0\n";
  ASSERT_NE(text.find(row), std::string::npos);
  text.replace(text.find(row), row.size(), " 1 1250.5 3300 15 18 0.8 0.6 0.48 0.8 1 1e103\n");
  EXPECT_THAT([&] { parseKlarf(text, "t.klarf"); },
              ::testing::ThrowsMessage<Error>(::testing::HasSubstr("IMAGECOUNT is larger than the whole DefectList")));
}

// Found by the KLARF fuzzer: a spec repeated after the rows would reinterpret them.
TEST(Klarf, SecondDefectRecordSpecAfterTheRowsIsRefused) {
  const std::string spec = "DefectRecordSpec 12 DEFECTID XREL YREL XINDEX YINDEX XSIZE YSIZE DEFECTAREA DSIZE CLASSNUMBER IMAGECOUNT IMAGELIST;\n";
  std::string text = samples::kTwoWafers;
  const std::size_t summary = text.find("SummarySpec");
  text.insert(summary, spec);
  EXPECT_THAT([&] { parseKlarf(text, "t.klarf"); },
              ::testing::ThrowsMessage<Error>(::testing::HasSubstr("a second DefectRecordSpec for wafer 'LOT-A1.07'")));
}

// Found by the KLARF fuzzer: a SummarySpec repeated after the SummaryList left the
// rows read under the first spec, so the rewritten file no longer read back.
TEST(Klarf, SecondSummarySpecAfterTheSummaryListIsRefused) {
  std::string text = samples::kTwoWafers;
  const std::string list = "SummaryList";
  const std::size_t end = text.find(';', text.find(list)) + 1;  // the first wafer's SummaryList ends here
  text.insert(end, "\nSummarySpec 2 TESTNO NDEFECT;");
  EXPECT_THAT([&] { parseKlarf(text, "t.klarf"); },
              ::testing::ThrowsMessage<Error>(::testing::HasSubstr("a second SummarySpec for wafer 'LOT-A1.07'")));
}

// Found by the KLARF fuzzer: an empty quoted column name vanished when written back.
TEST(Klarf, QuotedSpecColumnNameIsRefused) {
  std::string text = samples::kTwoWafers;
  const std::string spec = "SummarySpec 5 TESTNO NDEFECT DEFDENSITY NDIE NDEFDIE;";
  ASSERT_NE(text.find(spec), std::string::npos);
  text.replace(text.find(spec), spec.size(), "SummarySpec 5 TESTNO NDEFECT \"\" NDIE NDEFDIE;");
  EXPECT_THAT([&] { parseKlarf(text, "t.klarf"); },
              ::testing::ThrowsMessage<Error>(::testing::HasSubstr("SummarySpec column name: expected a bare word")));
}

TEST(Klarf, ReadsAFileFromDisk) {
  test::TempDir dir;
  const auto path = dir.write("a.klarf", samples::kTwoWafers);
  EXPECT_EQ(readKlarf(path).wafers.size(), 2u);
  EXPECT_THROW(readKlarf(dir.path("missing.klarf")), Error);
}

TEST(Klarf, OtherVersionsAreUnsupported) {
  EXPECT_THAT(parseError(replaced(samples::kTwoWafers, "FileVersion 1 2;", "FileVersion 1 8;")),
              HasSubstr("t.klarf:1: KLARF version 1.8 is an unsupported version: fabkit reads KLARF 1.1, 1.2 and 1.8"));
  EXPECT_THAT(parseError(replaced(samples::kVersion18, "Record FileRecord \"1.8\"", "Record FileRecord \"2.0\"")),
              HasSubstr("t.klarf:1: KLARF version \"2.0\" is an unsupported version"));
}

TEST(Klarf, TruncatedFilesNameTheLine) {
  // Cut inside wafer 1's DefectList (which starts on line 29).
  const std::string cut = samples::kTwoWafers.substr(0, samples::kTwoWafers.find(" 3 10 20"));
  EXPECT_THAT(parseError(cut), HasSubstr("t.klarf:29: record 'DefectList' is not closed by ';'"));
  // Everything but EndOfFile.
  const std::string noEnd = replaced(samples::kTwoWafers, "EndOfFile;\n", "");
  EXPECT_THAT(parseError(noEnd), HasSubstr("t.klarf:47: the file ends without 'EndOfFile;'"));
  EXPECT_THAT(parseError(""), HasSubstr("t.klarf:1: the file is empty"));
  EXPECT_THAT(parseError("FileVersion 1 2;\nLotID \"abc;\n"), HasSubstr("t.klarf:2: a quoted string is not closed"));
}

TEST(Klarf, InconsistentCountsNameTheLine) {
  EXPECT_THAT(parseError(replaced(samples::kTwoWafers, "DefectRecordSpec 12 DEFECTID", "DefectRecordSpec 13 DEFECTID")),
              HasSubstr("t.klarf:28: DefectRecordSpec announces 13 entries but lists 12"));
  // Row 2 loses a value: the rows no longer fit the spec.
  EXPECT_THAT(parseError(replaced(samples::kTwoWafers, " 3 10 20 15 19 0.2 0.2 0.04 0.2\n   0 1 7 3;",
                                  " 3 10 20 15 19 0.2 0.2 0.04 0.2\n   0 1 7;")),
              HasSubstr("t.klarf:32: DefectList row 3 ends after 11 of its 12"));
  EXPECT_THAT(parseError(replaced(samples::kTwoWafers, "SampleTestPlan 3", "SampleTestPlan 4")),
              HasSubstr("t.klarf:23: SampleTestPlan announces 4 entries but lists 3"));
  EXPECT_THAT(parseError(replaced(samples::kTwoWafers, "ClassLookup 3", "ClassLookup 2")),
              HasSubstr("t.klarf:15: ClassLookup announces 2 entries but lists 3"));
  EXPECT_THAT(parseError(replaced(samples::kTwoWafers, " 2 9000 100", " 2 9k00 100")),
              HasSubstr("t.klarf:31: expected a number for XREL, found '9k00'"));
  EXPECT_THAT(parseError(replaced(samples::kTwoWafers, "SampleCenterLocation 1.5e+05 1.5e+05;\n", "")),
              HasSubstr("t.klarf:37: wafer 'LOT-A1.08' has defects but no SampleCenterLocation and no SampleTestPlan"));
  EXPECT_THAT(parseError(replaced(samples::kTwoWafers, "12 DEFECTID XREL YREL XINDEX YINDEX XSIZE",
                                  "10 DEFECTID XREL YREL XSIZE")),
              HasSubstr("DefectRecordSpec lacks the column(s) XINDEX, YINDEX"));
  // A wafer lists its defects; a test plan cannot be placed without the wafer's DiePitch.
  EXPECT_THAT(parseError("FileVersion 1 2;\nDiePitch 100 100;\nWaferID \"W1\";\nSampleTestPlan 1 0 0;\nEndOfFile;\n"),
              HasSubstr("t.klarf:3: wafer 'W1' has no DefectList"));
  EXPECT_THAT(parseError("FileVersion 1 2;\nWaferID \"W1\";\nSampleCenterLocation 0 0;\nSampleTestPlan 1 0 0;\n"
                         "DefectRecordSpec 4 XREL YREL XINDEX YINDEX;\nDefectList;\nEndOfFile;\n"),
              HasSubstr("t.klarf:2: wafer 'W1' has a SampleTestPlan but the file gives no DiePitch to place its dies"));
  EXPECT_THAT(parseError("LotID \"x\";\nEndOfFile;\n"), HasSubstr("t.klarf:1: not a KLARF file"));
  EXPECT_THAT(parseError("FileVersion 1 2;\nSlot 3;\nEndOfFile;\n"),
              HasSubstr("t.klarf:2: Slot comes before any WaferID"));
}

}  // namespace
}  // namespace fab::defect

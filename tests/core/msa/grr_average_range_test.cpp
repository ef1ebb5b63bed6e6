#include "core/msa/grr_average_range.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "core/msa/gauge_csv.h"
#include "tests/support/temp_dir.h"

namespace fab::msa {
namespace {

using ::testing::HasSubstr;

CrossedLayout aiagStudy() {
  // AIAG MSA 4th ed. crossed study, 10 parts × appraisers A, B, C × 3 trials (reference/data).
  const auto study =
      readGaugeCsv(test::referenceFile("aiag_grr_long.csv"),
                   {.part = "part", .appraiser = "op", .value = "y", .trial = "trial"}, GaugeStudyKind::Variables);
  return CrossedLayout::build(study.measurements());
}

TEST(GrrAverageRange, AiagPublishedResults) {
  const auto r = grrAverageRange(aiagStudy());
  EXPECT_EQ(r.parts, 10);
  EXPECT_EQ(r.appraisers, 3);
  EXPECT_EQ(r.trials, 3);
  // Published values (reference/README.md); the manual rounds to 3–4 decimals.
  ASSERT_EQ(r.appraiserMeanRange.size(), 3u);
  EXPECT_NEAR(r.appraiserMeanRange[0], 0.184, 5e-4);
  EXPECT_NEAR(r.appraiserMeanRange[1], 0.513, 5e-4);
  EXPECT_NEAR(r.appraiserMeanRange[2], 0.328, 5e-4);
  EXPECT_NEAR(r.meanRange, 0.3417, 5e-5);
  EXPECT_NEAR(r.appraiserDiff, 0.4447, 5e-5);
  EXPECT_NEAR(r.partRange, 3.511, 5e-4);
  EXPECT_NEAR(r.k1, 0.5908, 5e-5);
  EXPECT_NEAR(r.k2, 0.5231, 5e-5);
  EXPECT_NEAR(r.k3, 0.3146, 5e-5);
  EXPECT_NEAR(r.ev, 0.2019, 5e-4 * 0.2019);
  EXPECT_NEAR(r.av, 0.2297, 5e-4 * 0.2297);
  EXPECT_NEAR(r.grr, 0.3058, 5e-4 * 0.3058);
  EXPECT_NEAR(r.pv, 1.1046, 5e-4 * 1.1046);
  EXPECT_NEAR(r.tv, 1.1461, 5e-4 * 1.1461);
  const auto& s = r.summary;
  EXPECT_NEAR(s.component("EV").pctStudyVariation, 17.61, 0.01);
  EXPECT_NEAR(s.component("AV").pctStudyVariation, 20.04, 0.01);
  EXPECT_NEAR(s.component("GRR").pctStudyVariation, 26.68, 0.01);
  EXPECT_NEAR(s.component("PV").pctStudyVariation, 96.37, 0.01);
  ASSERT_TRUE(s.ndc);
  EXPECT_EQ(*s.ndc, 5);
  EXPECT_FALSE(r.avSetToZero);
}

TEST(GrrAverageRange, CellsCarryMeansRangesAndRows) {
  const auto r = grrAverageRange(aiagStudy());
  ASSERT_EQ(r.cells.size(), 30u);
  // Part 1, appraiser A: 0.29, 0.41, 0.64 (lines 2, 12, 22 of the file).
  EXPECT_NEAR(r.cells[0].mean, (0.29 + 0.41 + 0.64) / 3, 1e-12);
  EXPECT_NEAR(r.cells[0].range, 0.64 - 0.29, 1e-12);
  EXPECT_EQ(r.cells[0].rows, (std::vector<std::size_t>{2, 12, 22}));
  // R chart limit D4·R̿ with D4 = 2.5746 for 3 trials (reference table).
  EXPECT_NEAR(r.rangeUcl, 2.5746 * 0.34167, 2e-3);
  for (const auto& c : r.cells) EXPECT_EQ(c.rangeAboveLimit, c.range > r.rangeUcl);
}

TEST(GrrAverageRange, ToleranceAndMultiplier) {
  const auto r = grrAverageRange(aiagStudy(), {.studyVarMultiplier = 6.0, .tolerance = 5.0});
  const auto& grr = r.summary.component("GRR");
  ASSERT_TRUE(grr.pctTolerance);
  EXPECT_NEAR(*grr.pctTolerance, 100 * 6 * r.grr / 5.0, 1e-12);
  EXPECT_NEAR(grr.studyVariation, 6 * r.grr, 1e-12);
  EXPECT_NEAR(grr.pctContribution, 100 * r.grr * r.grr / (r.tv * r.tv), 1e-12);
  EXPECT_FALSE(grrAverageRange(aiagStudy()).summary.component("GRR").pctTolerance);
}

TEST(GrrAverageRange, NegativeAppraiserVarianceIsSetToZero) {
  // Both appraisers have the same overall mean: X̄diff = 0, so AV² = −EV²/(n r) < 0.
  std::vector<GaugeMeasurement> m = {{"1", "A", 1, 1.0, 2}, {"1", "A", 2, 1.2, 3}, {"2", "A", 1, 3.0, 4},
                                     {"2", "A", 2, 3.2, 5}, {"1", "B", 1, 1.2, 6}, {"1", "B", 2, 1.0, 7},
                                     {"2", "B", 1, 3.2, 8}, {"2", "B", 2, 3.0, 9}};
  const auto r = grrAverageRange(CrossedLayout::build(m));
  EXPECT_TRUE(r.avSetToZero);
  EXPECT_DOUBLE_EQ(r.av, 0.0);
  EXPECT_DOUBLE_EQ(r.grr, r.ev);
  EXPECT_THAT(r.warnings, ::testing::Contains(HasSubstr("AV is set to 0")));
}

TEST(GrrAverageRange, UnbalancedTrialsAreRefusedWithTheCell) {
  auto m = aiagStudy();
  std::vector<GaugeMeasurement> rows;
  for (std::size_t p = 0; p < m.partCount(); ++p)
    for (std::size_t a = 0; a < m.appraiserCount(); ++a)
      for (std::size_t t = 0; t < m.values(p, a).size(); ++t)
        if (!(p == 3 && a == 1 && t == 2))
          rows.push_back({m.parts()[p], m.appraisers()[a], static_cast<int>(t + 1), m.values(p, a)[t], 0});
  EXPECT_THAT([&] { grrAverageRange(CrossedLayout::build(rows)); },
              ::testing::ThrowsMessage<Error>(HasSubstr("part '4', appraiser 'B' has 2")));
}

TEST(GrrAverageRange, OneTrialAndOneAppraiser) {
  std::vector<GaugeMeasurement> single = {{"1", "A", 1, 1.0, 2}, {"2", "A", 1, 2.0, 3}};
  EXPECT_THAT([&] { grrAverageRange(CrossedLayout::build(single)); },
              ::testing::ThrowsMessage<Error>(HasSubstr("at least 2 trials")));
  std::vector<GaugeMeasurement> lone = {{"1", "A", 1, 1.0, 2}, {"1", "A", 2, 1.1, 3}, {"2", "A", 1, 2.0, 4},
                                        {"2", "A", 2, 2.2, 5}, {"3", "A", 1, 3.0, 6}, {"3", "A", 2, 2.9, 7}};
  const auto r = grrAverageRange(CrossedLayout::build(lone));
  EXPECT_DOUBLE_EQ(r.av, 0.0);
  EXPECT_NEAR(r.ev, (0.1 + 0.2 + 0.1) / 3 / (2 / std::sqrt(std::acos(-1.0))), 1e-9);
}

}  // namespace
}  // namespace fab::msa

#include "core/msa/attribute_agreement.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"

namespace fab::msa {
namespace {

using ::testing::HasSubstr;

/// Builds long-layout ratings from per-appraiser, per-trial strings ("GGBBGB": one letter per subject).
std::vector<AttributeRating> study(const std::string& standard,
                                   const std::vector<std::pair<std::string, std::vector<std::string>>>& appraisers) {
  std::vector<AttributeRating> out;
  std::size_t line = 2;
  for (const auto& [name, trials] : appraisers)
    for (std::size_t t = 0; t < trials.size(); ++t)
      for (std::size_t s = 0; s < trials[t].size(); ++s)
        out.push_back({std::string("S").append(std::to_string(s + 1)), name, static_cast<int>(t + 1),
                       std::string(1, trials[t][s]), standard.empty() ? "" : std::string(1, standard[s]), line++});
  return out;
}

// 6 subjects, appraisers A and B, 2 trials each, good (G) / bad (B) with a standard.
const auto kStudy = study("GGBBGB", {{"A", {"GGBBGB", "GBBBGB"}}, {"B", {"GGBGBB", "GGBGGB"}}});

TEST(AttributeAgreement, MatchedCountsPerBlock) {
  const auto cube = RatingCube::build(kStudy);
  const auto r = attributeAgreement(cube);
  ASSERT_EQ(r.withinAppraisers.size(), 2u);
  EXPECT_EQ(r.withinAppraisers[0].matched, 5);
  EXPECT_EQ(r.withinAppraisers[0].unmatchedSubjects, (std::vector<std::size_t>{1}));
  EXPECT_EQ(r.withinAppraisers[1].matched, 5);
  ASSERT_EQ(r.versusStandard.size(), 2u);
  EXPECT_EQ(r.versusStandard[0].matched, 5);
  EXPECT_EQ(r.versusStandard[1].matched, 4);
  ASSERT_TRUE(r.between && r.allVersusStandard);
  EXPECT_EQ(r.between->matched, 3);
  EXPECT_EQ(r.between->unmatchedSubjects, (std::vector<std::size_t>{1, 3, 4}));
  EXPECT_EQ(r.allVersusStandard->matched, 3);
  for (const auto* line : {&r.withinAppraisers[0], &r.versusStandard[1], &*r.between}) {
    EXPECT_EQ(line->inspected, 6);
    const auto ci = clopperPearson(line->matched, 6, 0.95);
    EXPECT_DOUBLE_EQ(line->percent.low, ci.low);
    EXPECT_DOUBLE_EQ(line->percent.high, ci.high);
  }
}

TEST(AttributeAgreement, KappasMatchHandComputedFleiss) {
  const auto r = attributeAgreement(RatingCube::build(kStudy));
  // Within A and within B (m = 2 trials): P̄ = 5/6, P̄e = 74/144 → κ = 46/70.
  EXPECT_NEAR(r.withinAppraisers[0].kappa->overall.kappa, 46.0 / 70, 1e-12);
  EXPECT_NEAR(r.withinAppraisers[1].kappa->overall.kappa, 46.0 / 70, 1e-12);
  // A vs standard (12 rating/standard pairs): P̄ = 11/12, P̄e = 290/576 → κ = 238/286; B: 142/286.
  EXPECT_NEAR(r.versusStandard[0].kappa->overall.kappa, 238.0 / 286, 1e-12);
  EXPECT_NEAR(r.versusStandard[1].kappa->overall.kappa, 142.0 / 286, 1e-12);
  EXPECT_NEAR(r.versusStandard[0].kappa->overall.seNull, std::sqrt(2.0 / 24), 1e-12);
  // Between (m = 4): P̄ = 13/18, P̄e = 1/2 → κ = 4/9.
  EXPECT_NEAR(r.between->kappa->overall.kappa, 4.0 / 9, 1e-12);
  // All vs standard: the mean of the appraisers' kappas, SE0 = √(Σ SE0²)/2.
  EXPECT_NEAR(r.allVersusStandard->kappa->overall.kappa, 380.0 / 572, 1e-12);
  EXPECT_NEAR(r.allVersusStandard->kappa->overall.seNull, std::sqrt(2 * 2.0 / 24) / 2, 1e-12);
  EXPECT_EQ(r.allVersusStandard->kappa->overall.agreement, "substantial");
  // Two categories: each category's kappa equals the overall one.
  for (const auto& c : r.between->kappa->perCategory) EXPECT_NEAR(c.stat.kappa, 4.0 / 9, 1e-12);
}

TEST(AttributeAgreement, PerfectAgreementWithOrdinalConcordance) {
  const auto cube = RatingCube::build(study("1231", {{"A", {"1231", "1231"}}, {"B", {"1231", "1231"}}}));
  const auto r = attributeAgreement(cube, {.ordinal = true});
  for (const auto& line : r.withinAppraisers) {
    EXPECT_EQ(line.matched, 4);
    EXPECT_DOUBLE_EQ(line.percent.estimate, 1.0);
    EXPECT_DOUBLE_EQ(line.kappa->overall.kappa, 1.0);
    ASSERT_TRUE(line.kendall);
    EXPECT_NEAR(line.kendall->w, 1.0, 1e-12);
  }
  EXPECT_NEAR(r.between->kendall->w, 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(r.allVersusStandard->kappa->overall.kappa, 1.0);
  EXPECT_EQ(r.allVersusStandard->kappa->overall.agreement, "almost perfect");
}

TEST(AttributeAgreement, SingleCategoryKeepsPercentsAndExplainsMissingKappa) {
  const auto r = attributeAgreement(RatingCube::build(study("GGG", {{"A", {"GGG", "GGG"}}, {"B", {"GGG", "GGG"}}})));
  EXPECT_EQ(r.between->matched, 3);
  EXPECT_FALSE(r.between->kappa);
  EXPECT_THAT(r.between->kappaNote, HasSubstr("every rating is 'G'"));
  EXPECT_FALSE(r.allVersusStandard->kappa);
  EXPECT_THAT(r.allVersusStandard->kappaNote, HasSubstr("appraiser 'A'"));
}

TEST(AttributeAgreement, OneTrialVersusStandardUsesPairsOfRatingAndStandard) {
  // Minitab's essay example layout: 15 samples, one trial, five categories. Each
  // category's SE under H0 is √(2/(N·2·1)) = 0.258199 as Minitab prints it.
  const auto r = attributeAgreement(
      RatingCube::build(study("ABCDEABCDEABCDE", {{"X", {"ABCDEABCDEABCDA"}}, {"Y", {"ABCDEBBCDEABCDE"}}})));
  EXPECT_TRUE(r.withinAppraisers.empty());
  for (const auto& c : r.versusStandard[0].kappa->perCategory) EXPECT_NEAR(c.stat.seNull, 0.258199, 5e-7);
  EXPECT_EQ(r.versusStandard[0].matched, 14);
  EXPECT_EQ(r.versusStandard[1].matched, 14);
  EXPECT_EQ(r.between->matched, 13);
}

TEST(AttributeAgreement, BadStudiesAreRefusedWithAMessage) {
  auto unbalanced = kStudy;
  unbalanced.pop_back();  // B, trial 2, S6
  EXPECT_THAT([&] { attributeAgreement(RatingCube::build(unbalanced)); },
              ::testing::ThrowsMessage<Error>(HasSubstr("appraiser 'B', trial 2 has no rating")));
  const auto lonely = study("", {{"A", {"GBG"}}});
  EXPECT_THAT([&] { attributeAgreement(RatingCube::build(lonely)); },
              ::testing::ThrowsMessage<Error>(HasSubstr("nothing to compare")));
  EXPECT_THROW(attributeAgreement(RatingCube::build(kStudy), {.confidence = 0}), Error);
}

}  // namespace
}  // namespace fab::msa

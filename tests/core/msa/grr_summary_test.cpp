#include "core/msa/grr_summary.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"

namespace fab::msa {
namespace {

TEST(GrrSummary, PercentagesFollowTheirDefinitions) {
  VarianceComponents v{.repeatability = 0.04,
                       .appraiser = 0.05,
                       .interaction = 0.01,
                       .part = 1.2,
                       .splitReproducibility = true,
                       .interactionInModel = true};
  const auto s = summarizeGrr(v, {.studyVarMultiplier = 5.15, .tolerance = 8.0});
  const double total = 1.3;
  EXPECT_EQ(s.components.size(), 7u);
  const auto& grr = s.component("GRR");
  EXPECT_NEAR(grr.variance, 0.10, 1e-15);
  EXPECT_NEAR(grr.pctContribution, 100 * 0.10 / total, 1e-12);
  EXPECT_NEAR(grr.pctStudyVariation, 100 * std::sqrt(0.10 / total), 1e-12);
  EXPECT_NEAR(grr.studyVariation, 5.15 * std::sqrt(0.10), 1e-12);
  EXPECT_NEAR(*grr.pctTolerance, 100 * 5.15 * std::sqrt(0.10) / 8.0, 1e-12);
  EXPECT_NEAR(s.component("AV").variance, 0.06, 1e-15);
  EXPECT_NEAR(s.component("Part × appraiser").variance, 0.01, 1e-15);
  EXPECT_NEAR(s.component("TV").pctContribution, 100, 1e-12);
  EXPECT_EQ(*s.ndc, static_cast<int>(std::floor(1.41 * std::sqrt(1.2 / 0.10))));
  EXPECT_THROW(s.component("nothing"), Error);
}

TEST(GrrSummary, PerfectGaugeAndNoVariation) {
  const auto perfect = summarizeGrr({.part = 2.0}, {});
  EXPECT_FALSE(perfect.ndc);
  EXPECT_TRUE(std::isinf(perfect.ndcRaw));
  EXPECT_DOUBLE_EQ(perfect.component("PV").pctContribution, 100.0);
  EXPECT_THROW(summarizeGrr({}, {}), Error);
}

TEST(GrrSummary, OptionsAreValidated) {
  EXPECT_THROW(summarizeGrr({.part = 1}, {.studyVarMultiplier = 0}), Error);
  EXPECT_THROW(summarizeGrr({.part = 1}, {.tolerance = -2.0}), Error);
  EXPECT_THROW(summarizeGrr({.part = 1}, {.interactionAlpha = -0.1}), Error);
  EXPECT_EQ(parseGrrMethod("xbar-r"), GrrMethod::AverageRange);
  EXPECT_EQ(parseGrrMethod("anova"), GrrMethod::Anova);
  EXPECT_THROW(parseGrrMethod("range"), Error);
}

}  // namespace
}  // namespace fab::msa

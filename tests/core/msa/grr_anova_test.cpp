#include "core/msa/grr_anova.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <random>

#include "core/common/error.h"
#include "core/msa/gauge_csv.h"
#include "tests/support/temp_dir.h"

namespace fab::msa {
namespace {

using ::testing::HasSubstr;

CrossedLayout aiagStudy() {
  const auto study =
      readGaugeCsv(test::referenceFile("aiag_grr_long.csv"),
                   {.part = "part", .appraiser = "op", .value = "y", .trial = "trial"}, GaugeStudyKind::Variables);
  return CrossedLayout::build(study.measurements());
}

const AnovaRow& row(const std::vector<AnovaRow>& table, const std::string& source) {
  for (const auto& r : table)
    if (r.source == source) return r;
  throw std::runtime_error("no row " + source);
}

TEST(GrrAnova, AiagPublishedAnovaTable) {
  // AIAG MSA 4th ed., ANOVA table of the 10 × 3 × 3 study (Table III-B 7):
  // appraiser 2, 3.1673, 1.58363, F 79.41; parts 9, 88.3619, 9.81799, F 492.29;
  // appraiser × part 18, 0.3590, 0.01994, F 0.434; equipment 60, 2.7589, 0.04598; total 89, 94.6471.
  const auto r = grrAnova(aiagStudy());
  const auto& t = r.table;
  EXPECT_EQ(row(t, "Appraiser").df, 2);
  EXPECT_NEAR(row(t, "Appraiser").ss, 3.1673, 5e-5);
  EXPECT_NEAR(row(t, "Appraiser").ms, 1.58363, 5e-6);
  EXPECT_NEAR(*row(t, "Appraiser").f, 79.41, 5e-3);
  EXPECT_EQ(row(t, "Part").df, 9);
  EXPECT_NEAR(row(t, "Part").ss, 88.3619, 5e-5);
  EXPECT_NEAR(row(t, "Part").ms, 9.81799, 5e-6);
  EXPECT_NEAR(*row(t, "Part").f, 492.29, 5e-3);
  EXPECT_EQ(row(t, "Part × appraiser").df, 18);
  EXPECT_NEAR(row(t, "Part × appraiser").ss, 0.3590, 5e-5);
  EXPECT_NEAR(row(t, "Part × appraiser").ms, 0.01994, 5e-6);
  EXPECT_NEAR(*row(t, "Part × appraiser").f, 0.434, 5e-4);
  EXPECT_EQ(row(t, "Repeatability").df, 60);
  EXPECT_NEAR(row(t, "Repeatability").ss, 2.7589, 5e-5);
  EXPECT_NEAR(row(t, "Repeatability").ms, 0.04598, 5e-6);
  EXPECT_EQ(row(t, "Total").df, 89);
  EXPECT_NEAR(row(t, "Total").ss, 94.6471, 5e-5);
  // The interaction is far from significant: pooled at α = 0.05, repeatability = (SS_AP + SS_E)/78.
  ASSERT_TRUE(r.interactionP);
  EXPECT_GT(*r.interactionP, 0.9);
  EXPECT_TRUE(r.interactionPooled);
  EXPECT_NEAR(r.variances.repeatability, (0.3590 + 2.7589) / 78, 5e-6);
  EXPECT_EQ(r.reducedTable.size(), 4u);
}

TEST(GrrAnova, InteractionThresholdIsAnOption) {
  const auto kept = grrAnova(aiagStudy(), {.interactionAlpha = 1.0});
  EXPECT_FALSE(kept.interactionPooled);
  EXPECT_TRUE(kept.reducedTable.empty());
  // MS_AP < MS_E here: the interaction variance comes out negative and is set to 0.
  EXPECT_DOUBLE_EQ(kept.variances.interaction, 0.0);
  EXPECT_THAT(kept.zeroedComponents, ::testing::ElementsAre("part × appraiser"));
  EXPECT_NEAR(kept.variances.repeatability, 0.04598, 5e-6);
  EXPECT_NO_THROW(kept.summary.component("Part × appraiser"));
  const auto pooled = grrAnova(aiagStudy(), {.interactionAlpha = 0.0});
  EXPECT_TRUE(pooled.interactionPooled);
  EXPECT_THROW(grrAnova(aiagStudy(), {.interactionAlpha = 1.5}), Error);
}

/// Residual sum of squares of a least-squares fit (Eigen QR), for the independent check.
double rss(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  const Eigen::VectorXd beta = x.colPivHouseholderQr().solve(y);
  return (y - x * beta).squaredNorm();
}

struct Simulated {
  std::vector<GaugeMeasurement> rows;
  Eigen::VectorXd y;
  Eigen::MatrixXd intercept, parts, appraisers, interaction;
};

Simulated simulate(int p, int a, int r, double interactionSd, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> z(0, 1);
  std::vector<double> partEffect(p), appraiserEffect(a);
  for (auto& e : partEffect) e = 2 * z(rng);
  for (auto& e : appraiserEffect) e = 0.3 * z(rng);
  Simulated s;
  const int n = p * a * r;
  s.y.resize(n);
  s.intercept = Eigen::MatrixXd::Ones(n, 1);
  s.parts = Eigen::MatrixXd::Zero(n, p - 1);
  s.appraisers = Eigen::MatrixXd::Zero(n, a - 1);
  s.interaction = Eigen::MatrixXd::Zero(n, (p - 1) * (a - 1));
  int k = 0;
  for (int i = 0; i < p; ++i)
    for (int j = 0; j < a; ++j) {
      const double cellEffect = interactionSd * z(rng);
      for (int t = 0; t < r; ++t, ++k) {
        const double v = 10 + partEffect[i] + appraiserEffect[j] + cellEffect + 0.2 * z(rng);
        s.y(k) = v;
        s.rows.push_back({std::string("P").append(std::to_string(i)), std::string("O").append(std::to_string(j)), t + 1,
                          v, static_cast<std::size_t>(k + 2)});
        if (i > 0) s.parts(k, i - 1) = 1;
        if (j > 0) s.appraisers(k, j - 1) = 1;
        if (i > 0 && j > 0) s.interaction(k, (i - 1) * (a - 1) + (j - 1)) = 1;
      }
    }
  return s;
}

Eigen::MatrixXd columns(std::initializer_list<const Eigen::MatrixXd*> blocks) {
  Eigen::Index cols = 0;
  for (auto* b : blocks) cols += b->cols();
  Eigen::MatrixXd x((*blocks.begin())->rows(), cols);
  Eigen::Index at = 0;
  for (auto* b : blocks) {
    x.middleCols(at, b->cols()) = *b;
    at += b->cols();
  }
  return x;
}

/// Upper-tail F probability from the regularized incomplete beta function.
double fTail(double f, int d1, int d2) { return boost::math::ibeta(d2 / 2.0, d1 / 2.0, d2 / (d2 + d1 * f)); }

TEST(GrrAnova, MatchesIndependentLeastSquaresFit) {
  for (const double interactionSd : {0.0, 0.6}) {
    SCOPED_TRACE(interactionSd);
    const int p = 6, a = 3, r = 3;
    const auto s = simulate(p, a, r, interactionSd, 7);
    const double rssFull = rss(columns({&s.intercept, &s.parts, &s.appraisers, &s.interaction}), s.y);
    const double rssAdditive = rss(columns({&s.intercept, &s.parts, &s.appraisers}), s.y);
    const double ssE = rssFull;
    const double ssPA = rssAdditive - rssFull;
    const double ssA = rss(columns({&s.intercept, &s.parts}), s.y) - rssAdditive;
    const double ssP = rss(columns({&s.intercept, &s.appraisers}), s.y) - rssAdditive;
    const int dfP = p - 1, dfA = a - 1, dfPA = dfP * dfA, dfE = p * a * (r - 1);

    const auto res = grrAnova(CrossedLayout::build(s.rows));
    EXPECT_NEAR(row(res.table, "Part").ss, ssP, 1e-9);
    EXPECT_NEAR(row(res.table, "Appraiser").ss, ssA, 1e-9);
    EXPECT_NEAR(row(res.table, "Part × appraiser").ss, ssPA, 1e-9);
    EXPECT_NEAR(row(res.table, "Repeatability").ss, ssE, 1e-9);
    const double msPA = ssPA / dfPA, msE = ssE / dfE;
    const double pInteraction = fTail(msPA / msE, dfPA, dfE);
    EXPECT_NEAR(*res.interactionP, pInteraction, 1e-10);
    EXPECT_NEAR(*row(res.table, "Part").p, fTail(ssP / dfP / msPA, dfP, dfPA), 1e-10);
    EXPECT_EQ(res.interactionPooled, pInteraction > 0.05);
    EXPECT_EQ(res.interactionPooled, interactionSd == 0.0);  // this seed exercises both branches

    // Variance components from the expected mean squares (Montgomery, DOE §13.2).
    double eps, inter = 0, app, part;
    if (res.interactionPooled) {
      eps = (ssPA + ssE) / (dfPA + dfE);
      app = (ssA / dfA - eps) / (p * r);
      part = (ssP / dfP - eps) / (a * r);
    } else {
      eps = msE;
      inter = (msPA - msE) / r;
      app = (ssA / dfA - msPA) / (p * r);
      part = (ssP / dfP - msPA) / (a * r);
    }
    inter = std::max(0.0, inter), app = std::max(0.0, app), part = std::max(0.0, part);
    EXPECT_NEAR(res.variances.repeatability, eps, 1e-12);
    EXPECT_NEAR(res.variances.interaction, inter, 1e-12);
    EXPECT_NEAR(res.variances.appraiser, app, 1e-12);
    EXPECT_NEAR(res.variances.part, part, 1e-12);
    const double grr = eps + inter + app, total = grr + part;
    const auto& sum = res.summary;
    EXPECT_NEAR(sum.component("GRR").pctContribution, 100 * grr / total, 1e-9);
    EXPECT_NEAR(sum.component("PV").pctStudyVariation, 100 * std::sqrt(part / total), 1e-9);
    EXPECT_NEAR(sum.component("TV").sigma, std::sqrt(total), 1e-12);
    EXPECT_EQ(*sum.ndc, static_cast<int>(std::floor(1.41 * std::sqrt(part / grr))));
  }
}

TEST(GrrAnova, OneAppraiserHasNoReproducibility) {
  const auto s = simulate(5, 1, 2, 0.0, 3);
  const auto r = grrAnova(CrossedLayout::build(s.rows));
  EXPECT_FALSE(r.interactionP);
  EXPECT_DOUBLE_EQ(r.variances.appraiser, 0.0);
  EXPECT_DOUBLE_EQ(r.summary.component("AV").variance, 0.0);
  EXPECT_NEAR(row(r.table, "Part").ss + row(r.table, "Repeatability").ss, row(r.table, "Total").ss, 1e-9);
}

TEST(GrrAnova, DegenerateStudiesAreRefusedWithAMessage) {
  std::vector<GaugeMeasurement> flat;
  for (std::string p : {"1", "2"})
    for (std::string a : {"A", "B"})
      for (int t : {1, 2}) flat.push_back({p, a, t, 5.0, 0});
  EXPECT_THAT([&] { grrAnova(CrossedLayout::build(flat)); },
              ::testing::ThrowsMessage<Error>(HasSubstr("every measurement is the same")));
  auto partial = flat;
  partial.pop_back();
  partial[0].value = 4.0;
  EXPECT_THAT([&] { grrAnova(CrossedLayout::build(partial)); }, ::testing::ThrowsMessage<Error>(HasSubstr("balanced")));
}

}  // namespace
}  // namespace fab::msa

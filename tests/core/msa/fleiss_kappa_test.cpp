#include "core/msa/fleiss_kappa.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/msa/categories.h"
#include "tests/support/temp_dir.h"

namespace fab::msa {
namespace {

using ::testing::HasSubstr;

// Fleiss (1971) count-matrix example (reference/README.md): 10 subjects × 14 raters, 5 categories.
Eigen::MatrixXd fleissExample() {
  return (Eigen::MatrixXd(10, 5) << 0, 0, 0, 0, 14,  //
          0, 2, 6, 4, 2,                             //
          0, 0, 3, 5, 6,                             //
          0, 3, 9, 2, 0,                             //
          2, 2, 8, 1, 1,                             //
          7, 7, 0, 0, 0,                             //
          3, 2, 6, 3, 0,                             //
          2, 5, 3, 2, 2,                             //
          6, 5, 2, 1, 0,                             //
          0, 2, 2, 3, 7)
      .finished();
}

TEST(FleissKappa, PublishedCountMatrixExample) {
  const auto r = fleissKappa(fleissExample());
  EXPECT_EQ(r.subjects, 10);
  EXPECT_EQ(r.ratersPerSubject, 14);
  const std::vector<double> p = {0.143, 0.200, 0.279, 0.150, 0.229};
  ASSERT_EQ(r.perCategory.size(), p.size());
  for (std::size_t j = 0; j < p.size(); ++j) EXPECT_NEAR(r.perCategory[j].proportion, p[j], 5e-4) << j;
  EXPECT_NEAR(r.observed, 0.378, 5e-4);
  EXPECT_NEAR(r.expected, 0.213, 5e-4);
  EXPECT_NEAR(r.overall.kappa, 0.210, 5e-4);
  EXPECT_EQ(r.overall.agreement, "fair");
  EXPECT_FALSE(r.overall.seLargeSample);  // no interval for Fleiss' kappa: only the SE under H0
}

TEST(FleissKappa, OverallIsTheVarianceWeightedMeanOfCategoryKappas) {
  // Fleiss (1971), eq. (12): κ = Σ p_j q_j κ_j / Σ p_j q_j.
  const auto r = fleissKappa(fleissExample());
  double num = 0, den = 0;
  for (const auto& c : r.perCategory) {
    const double pq = c.proportion * (1 - c.proportion);
    num += pq * c.stat.kappa;
    den += pq;
  }
  EXPECT_NEAR(r.overall.kappa, num / den, 1e-12);
}

TEST(FleissKappa, NullStandardErrorsFollowFleissNeeLandis) {
  const auto r = fleissKappa(fleissExample());
  const double nmm = 10.0 * 14 * 13;
  for (const auto& c : r.perCategory) {
    EXPECT_NEAR(c.stat.seNull, std::sqrt(2 / nmm), 1e-15);
    EXPECT_NEAR(c.stat.z, c.stat.kappa / c.stat.seNull, 1e-12);
  }
  // Overall SE0 written out from Fleiss, Nee & Landis (1979), eq. (12).
  double spq = 0, spqqp = 0;
  for (const auto& c : r.perCategory) {
    const double p = c.proportion, q = 1 - p;
    spq += p * q;
    spqqp += p * q * (q - p);
  }
  EXPECT_NEAR(r.overall.seNull, std::sqrt(2 / nmm) / spq * std::sqrt(spq * spq - spqqp), 1e-15);
}

TEST(FleissKappa, TwoCategoriesGiveTheSameKappaAndSeEverywhere) {
  const Eigen::MatrixXd counts = (Eigen::MatrixXd(6, 2) << 3, 1, 4, 0, 0, 4, 2, 2, 1, 3, 4, 0).finished();
  const auto r = fleissKappa(counts);
  for (const auto& c : r.perCategory) {
    EXPECT_NEAR(c.stat.kappa, r.overall.kappa, 1e-12);
    EXPECT_NEAR(c.stat.seNull, r.overall.seNull, 1e-15);
  }
}

TEST(FleissKappa, TwoRatersGiveScottsPi) {
  // With m = 2, Fleiss' kappa is Scott's (1955) pi: (p_o − Σ p̄_j²)/(1 − Σ p̄_j²), p̄_j the pooled marginals.
  const std::vector<std::vector<int>> ratings = {{0, 0}, {1, 1}, {2, 1}, {0, 0}, {1, 2}, {2, 2}, {0, 1}, {1, 1}};
  const auto r = fleissKappa(ratings, {"a", "b", "c"});
  double po = 0;
  std::vector<double> pooled(3, 0);
  for (const auto& s : ratings) {
    po += s[0] == s[1] ? 1.0 / 8 : 0;
    pooled[s[0]] += 1.0 / 16;
    pooled[s[1]] += 1.0 / 16;
  }
  double pe = 0;
  for (double p : pooled) pe += p * p;
  EXPECT_NEAR(r.overall.kappa, (po - pe) / (1 - pe), 1e-12);
}

TEST(FleissKappa, RawRatingsAndCountMatrixAgreeOnFleissDiagnoses) {
  // Fleiss (1971) psychiatric diagnoses: 30 subjects × 6 raters (reference/data/diagnoses.csv).
  const auto table = io::CsvTable::read(test::referenceFile("diagnoses.csv"));
  std::vector<std::string> all;
  for (const auto& h : table.header())
    for (const auto& v : table.strings(h)) all.push_back(v);
  const auto categories = CategorySet::fromLabels(all);
  ASSERT_EQ(categories.size(), 5u);
  std::vector<std::vector<int>> ratings(table.rowCount());
  Eigen::MatrixXd counts = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(table.rowCount()), 5);
  for (std::size_t s = 0; s < table.rowCount(); ++s)
    for (std::size_t c = 0; c < table.header().size(); ++c) {
      const int k = categories.indexOf(table.cell(s, c));
      ratings[s].push_back(k);
      counts(static_cast<Eigen::Index>(s), k) += 1;
    }
  const auto raw = fleissKappa(ratings, categories.labels());
  const auto fromCounts = fleissKappa(counts, categories.labels());
  EXPECT_NEAR(raw.overall.kappa, fromCounts.overall.kappa, 1e-15);
  EXPECT_NEAR(raw.overall.z, fromCounts.overall.z, 1e-12);
  // Fleiss (1971), p. 381: κ = 0.430 for these data.
  EXPECT_NEAR(raw.overall.kappa, 0.430, 5e-4);
  // R package irr, kappam.fleiss(diagnoses, detail = TRUE): z = 17.652 overall; per category
  // κ 0.245 0.245 0.520 0.471 0.566 with z 5.192 5.192 11.031 9.994 12.009.
  EXPECT_NEAR(raw.overall.z, 17.652, 5e-3);
  const double kappa[] = {0.245, 0.245, 0.520, 0.471, 0.566};
  const double z[] = {5.192, 5.192, 11.031, 9.994, 12.009};
  for (std::size_t j = 0; j < 5; ++j) {
    EXPECT_NEAR(raw.perCategory[j].stat.kappa, kappa[j], 5e-4) << j;
    EXPECT_NEAR(raw.perCategory[j].stat.z, z[j], 5e-3) << j;
  }
}

TEST(FleissKappa, PerfectAgreement) {
  const Eigen::MatrixXd counts = (Eigen::MatrixXd(4, 3) << 3, 0, 0, 0, 3, 0, 0, 0, 3, 3, 0, 0).finished();
  const auto r = fleissKappa(counts);
  EXPECT_DOUBLE_EQ(r.overall.kappa, 1.0);
  for (const auto& c : r.perCategory) EXPECT_DOUBLE_EQ(c.stat.kappa, 1.0);
  EXPECT_EQ(r.overall.agreement, "almost perfect");
}

TEST(FleissKappa, ChanceLevelAgreementGivesZero) {
  // P̄ = (1 + 1 + 0 + 0)/4 = 1/2 and p = (1/2, 1/2), so P̄e = 1/2: agreement exactly at chance.
  const Eigen::MatrixXd counts = (Eigen::MatrixXd(4, 2) << 2, 0, 0, 2, 1, 1, 1, 1).finished();
  const auto r = fleissKappa(counts);
  EXPECT_NEAR(r.observed, 0.5, 1e-15);
  EXPECT_NEAR(r.expected, 0.5, 1e-15);
  EXPECT_NEAR(r.overall.kappa, 0.0, 1e-15);
  EXPECT_NEAR(r.overall.pGreater, 0.5, 1e-12);
}

TEST(FleissKappa, SingleCategoryIsRefusedAndUnusedCategoryIsUndefined) {
  const Eigen::MatrixXd one = (Eigen::MatrixXd(3, 2) << 4, 0, 4, 0, 4, 0).finished();
  EXPECT_THAT(
      [&] {
        fleissKappa(one, {"good", "bad"});
      },
      ::testing::ThrowsMessage<Error>(HasSubstr("every rating is 'good'")));
  const Eigen::MatrixXd unused = (Eigen::MatrixXd(3, 3) << 2, 0, 0, 1, 1, 0, 0, 2, 0).finished();
  const auto r = fleissKappa(unused, {"a", "b", "c"});
  EXPECT_TRUE(r.overall.defined());
  EXPECT_FALSE(r.perCategory[2].stat.defined());
  EXPECT_THAT(r.perCategory[2].stat.note, HasSubstr("'c' was never used"));
  EXPECT_EQ(r.perCategory[2].stat.agreement, "undefined");
}

TEST(FleissKappa, BadInputIsRefusedWithAMessage) {
  const Eigen::MatrixXd unequal = (Eigen::MatrixXd(2, 2) << 2, 1, 1, 1).finished();
  EXPECT_THAT([&] { fleissKappa(unequal); }, ::testing::ThrowsMessage<Error>(HasSubstr("same number of ratings")));
  const Eigen::MatrixXd single = (Eigen::MatrixXd(2, 2) << 1, 0, 0, 1).finished();
  EXPECT_THAT([&] { fleissKappa(single); }, ::testing::ThrowsMessage<Error>(HasSubstr("at least 2 ratings")));
  const Eigen::MatrixXd fractional = (Eigen::MatrixXd(1, 2) << 1.5, 0.5).finished();
  EXPECT_THROW(fleissKappa(fractional), Error);
  const std::vector<std::vector<int>> missing = {{0, 1}, {1, -1}};
  EXPECT_THAT(
      [&] {
        fleissKappa(missing, {"a", "b"}, {"P1", "P2"});
      },
      ::testing::ThrowsMessage<Error>(HasSubstr("subject 'P2' is missing rating 2")));
}

}  // namespace
}  // namespace fab::msa

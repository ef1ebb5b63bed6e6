#include "core/msa/krippendorff_alpha.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/common/error.h"

namespace fab::msa {
namespace {

using ::testing::HasSubstr;
constexpr double NA = std::numeric_limits<double>::quiet_NaN();

// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C:
// 4 observers × 12 units with missing values. Published: nominal 0.743,
// ordinal 0.815, interval 0.849, ratio 0.797.
Eigen::MatrixXd krippendorffExample() {
  const double obs[4][12] = {{1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA},
                             {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3},
                             {NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA},
                             {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA}};
  Eigen::MatrixXd units(12, 4);
  for (int c = 0; c < 4; ++c)
    for (int u = 0; u < 12; ++u) units(u, c) = obs[c][u];
  return units;
}

TEST(KrippendorffAlpha, PublishedExampleWithMissingValues) {
  const auto data = krippendorffExample();
  const auto nominal = krippendorffAlpha(data, AlphaLevel::Nominal);
  EXPECT_NEAR(nominal.alpha, 0.743, 5e-4);
  EXPECT_EQ(nominal.pairableUnits, 11);  // unit 12 has one value only
  EXPECT_EQ(nominal.unitsSkipped, 1);
  EXPECT_EQ(nominal.pairableValues, 40);
  EXPECT_NEAR(krippendorffAlpha(data, AlphaLevel::Ordinal).alpha, 0.815, 5e-4);
  EXPECT_NEAR(krippendorffAlpha(data, AlphaLevel::Interval).alpha, 0.849, 5e-4);
  EXPECT_NEAR(krippendorffAlpha(data, AlphaLevel::Ratio).alpha, 0.797, 5e-4);
}

TEST(KrippendorffAlpha, CoincidenceMatrixIsSymmetricWithValueTotals) {
  const auto r = krippendorffAlpha(krippendorffExample(), AlphaLevel::Nominal);
  EXPECT_TRUE(r.coincidences.isApprox(r.coincidences.transpose()));
  EXPECT_NEAR(r.coincidences.sum(), 40, 1e-12);
  EXPECT_EQ(r.values, (std::vector<double>{1, 2, 3, 4, 5}));
}

TEST(KrippendorffAlpha, TwoCodersNominalMatchesScottsPiSmallSampleForm) {
  // Krippendorff (2004), §11.3.1: with two coders and no missing data,
  // α = 1 − (2N − 1) D_o' / (2N · D_e') where π = 1 − D_o'/D_e' is Scott's pi.
  const Eigen::MatrixXd d = (Eigen::MatrixXd(8, 2) << 1, 1, 2, 2, 3, 2, 1, 1, 2, 3, 3, 3, 1, 2, 2, 2).finished();
  const auto r = krippendorffAlpha(d, AlphaLevel::Nominal);
  double po = 0;
  std::vector<double> p(3, 0);
  for (int u = 0; u < 8; ++u) {
    po += d(u, 0) == d(u, 1) ? 1.0 / 8 : 0;
    p[static_cast<int>(d(u, 0)) - 1] += 1.0 / 16;
    p[static_cast<int>(d(u, 1)) - 1] += 1.0 / 16;
  }
  double pe = 0;
  for (double x : p) pe += x * x;
  EXPECT_NEAR(r.alpha, 1 - (16.0 - 1) / 16 * (1 - po) / (1 - pe), 1e-12);
}

TEST(KrippendorffAlpha, PerfectAgreementIsOne) {
  const Eigen::MatrixXd d = (Eigen::MatrixXd(3, 3) << 1, 1, NA, 2, 2, 2, 3, NA, 3).finished();
  for (auto level : {AlphaLevel::Nominal, AlphaLevel::Ordinal, AlphaLevel::Interval, AlphaLevel::Ratio})
    EXPECT_DOUBLE_EQ(krippendorffAlpha(d, level).alpha, 1.0);
}

TEST(KrippendorffAlpha, DegenerateDataIsRefusedWithAMessage) {
  const Eigen::MatrixXd same = (Eigen::MatrixXd(2, 2) << 4, 4, 4, 4).finished();
  EXPECT_THAT([&] { krippendorffAlpha(same, AlphaLevel::Nominal); },
              ::testing::ThrowsMessage<Error>(HasSubstr("no variation")));
  const Eigen::MatrixXd lonely = (Eigen::MatrixXd(2, 2) << 1, NA, NA, 2).finished();
  EXPECT_THAT([&] { krippendorffAlpha(lonely, AlphaLevel::Nominal); },
              ::testing::ThrowsMessage<Error>(HasSubstr("two or more ratings")));
  const Eigen::MatrixXd negative = (Eigen::MatrixXd(1, 2) << -1, 2).finished();
  EXPECT_THROW(krippendorffAlpha(negative, AlphaLevel::Ratio), Error);
  EXPECT_THROW(parseAlphaLevel("cardinal"), Error);
}

}  // namespace
}  // namespace fab::msa

// Hotelling T²: the published numbers of R's qcc package (tests/testthat/
// _snaps/spc.t2.md and spc.t2single.md, qcc by L. Scrucca) for Ryan's (2011,
// Table 9.2) subgroups and the boiler temperatures (individuals); the limits
// also against their formulas written out here with Boost's F and beta
// quantiles; a hand computation of a two-variable case; the MYT terms of
// p = 2 against their closed form (Mason, Tracy & Young 1995).
#include "core/spc/hotelling_t2.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/io/csv_table.h"

namespace fab::spc {
namespace {

using ::testing::HasSubstr;
const std::string kData = FAB_SOURCE_DIR "/../shared/reference/data/";

Eigen::MatrixXd columns(const io::CsvTable& table, const std::vector<std::string>& names) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(table.rowCount()), static_cast<Eigen::Index>(names.size()));
  for (std::size_t j = 0; j < names.size(); ++j) {
    const auto v = table.numbers(names[j]);
    for (std::size_t i = 0; i < v.size(); ++i) m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v[i];
  }
  return m;
}

double fQ(double q, double a, double b) {
  return boost::math::quantile(boost::math::fisher_f_distribution<double>(a, b), q);
}

struct Ryan {
  io::CsvTable table = io::CsvTable::read(kData + "RyanMultivar.csv");
  Eigen::MatrixXd data = columns(table, {"X1", "X2"});
  Subgroups groups = subgroupsByKey(table.strings("sample"));
};

TEST(HotellingT2, RyanSubgroupsMatchQcc) {
  Ryan r;
  const auto c = hotellingT2(r.data, &r.groups, {"X1", "X2"});
  // qcc stats.T2(RyanMultivar)$statistics, printed to 7–8 significant digits.
  const std::vector<double> qcc = {2.2416049, 0.6526961, 1.2721838,  0.2201051, 1.5279379, 8.9818106, 1.3202064,
                                   3.7735512, 4.9485068, 63.7604214, 6.5509515, 1.3673783, 1.3632266, 3.2560891,
                                   7.4098614, 2.7638358, 0.1242926,  1.3265434, 3.5038558, 13.0376172};
  ASSERT_EQ(c.statistic.size(), qcc.size());
  for (std::size_t i = 0; i < qcc.size(); ++i) EXPECT_NEAR(c.statistic[i], qcc[i], 6e-7) << i;
  EXPECT_NEAR(c.center(0), 60.3750, 1e-9);
  EXPECT_NEAR(c.center(1), 18.4875, 1e-9);
  EXPECT_NEAR(c.covariance(0, 0), 222.0333, 1e-4);
  EXPECT_NEAR(c.covariance(0, 1), 103.11667, 1e-5);
  EXPECT_NEAR(c.covariance(1, 1), 56.57917, 1e-5);
  // qcc limits.T2(20, 4, 2, (1 − 0.0027)²): UCL 11.03976, prediction limit 12.20184.
  EXPECT_NEAR(c.uclPhaseOne, 11.03976, 5e-6);
  EXPECT_NEAR(c.uclPhaseTwo, 12.20184, 5e-6);
  EXPECT_EQ(c.phaseOnePoints, 20u);
  EXPECT_DOUBLE_EQ(c.subgroupSize, 4);
  // Points 10 and 20 are the ones above 11.04.
  ASSERT_EQ(c.outOfControl.size(), 2u);
  EXPECT_EQ(c.outOfControl[0].point, 9u);
  EXPECT_EQ(c.outOfControl[1].point, 19u);
}

TEST(HotellingT2, SubgroupLimitsFollowMontgomeryFormulas) {
  const double alpha = 0.005, p = 3, m = 25, n = 5;
  const auto [one, two] = t2Limits(3, 25, 5, alpha);
  const double df2 = m * n - m - p + 1;
  EXPECT_NEAR(one, p * (m - 1) * (n - 1) / df2 * fQ(1 - alpha, p, df2), 1e-12);
  EXPECT_NEAR(two, p * (m + 1) * (n - 1) / df2 * fQ(1 - alpha, p, df2), 1e-12);
}

TEST(HotellingT2, PhaseTwoPointsUseThePredictionLimit) {
  Ryan r;
  T2Options o;
  o.phaseOne = {{0, 14}};  // subgroups 1–15
  const auto c = hotellingT2(r.data, &r.groups, {"X1", "X2"}, o);
  EXPECT_EQ(c.phaseOnePoints, 15u);
  const double alpha = 1 - std::pow(1 - 0.0027, 2), df2 = 15 * 4 - 15 - 2 + 1;
  EXPECT_NEAR(c.uclPhaseOne, 2 * 14 * 3 / df2 * fQ(1 - alpha, 2, df2), 1e-10);
  EXPECT_NEAR(c.uclPhaseTwo, 2 * 16 * 3 / df2 * fQ(1 - alpha, 2, df2), 1e-10);
  for (std::size_t i = 0; i < 20; ++i) {
    EXPECT_EQ(c.phase[i], i < 15 ? 1 : 2);
    EXPECT_DOUBLE_EQ(c.ucl[i], i < 15 ? c.uclPhaseOne : c.uclPhaseTwo);
  }
  // The centre is the mean of the first 15 subgroups' 60 rows.
  double sum = 0;
  for (Eigen::Index i = 0; i < 60; ++i) sum += r.data(i, 0);
  EXPECT_NEAR(c.center(0), sum / 60, 1e-12);
}

TEST(HotellingT2, BoilerIndividualsMatchQcc) {
  const auto table = io::CsvTable::read(kData + "boiler.csv");
  const std::vector<std::string> names = {"t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"};
  T2Options o;
  o.alpha = 0.001;  // qcc limits.T2.single(25, nvars = 8, conf = 0.999)
  const auto c = hotellingT2(columns(table, names), nullptr, names, o);
  const std::vector<double> qcc = {13.963962, 9.779084,  5.472671, 14.740980, 6.575786, 5.305689, 7.885241,
                                   9.775744,  17.575293, 2.790673, 3.288861,  3.633027, 1.316342, 9.553244,
                                   7.074224,  6.519739,  4.771892, 8.743873,  9.835645, 8.636003, 12.580375,
                                   2.794043,  6.088049,  7.982572, 5.316986};
  ASSERT_EQ(c.statistic.size(), qcc.size());
  for (std::size_t i = 0; i < qcc.size(); ++i) EXPECT_NEAR(c.statistic[i], qcc[i], 6e-6) << i;
  EXPECT_NEAR(c.uclPhaseOne, 17.41705, 5e-6);
  EXPECT_NEAR(c.uclPhaseTwo, 70.02943, 5e-5);
  ASSERT_EQ(c.outOfControl.size(), 1u);  // observation 9: 17.575 > 17.417
  EXPECT_EQ(c.outOfControl[0].point, 8u);
  EXPECT_TRUE(c.individuals);
}

// Five points of two variables by hand: x̄ = (3, 4); deviations (−2,−1),
// (−1,−2), (0,1), (1,0), (2,2); S = [[10, 8], [8, 10]]/4; S⁻¹ = 4/36·[[10,−8],[−8,10]];
// T² = dᵀS⁻¹d. Beta UCL (m−1)²/m·Beta(1−α; 1, 1) with m = 5, p = 2 = 16/5·(1−α).
TEST(HotellingT2, IndividualsByHand) {
  Eigen::MatrixXd x(5, 2);
  x << 1, 3, 2, 2, 3, 5, 4, 4, 5, 6;
  T2Options o;
  o.alpha = 0.05;
  const auto c = hotellingT2(x, nullptr, {"a", "b"}, o);
  auto t2 = [](double a, double b) { return 4.0 / 36.0 * (10 * a * a - 16 * a * b + 10 * b * b); };
  const double d[5][2] = {{-2, -1}, {-1, -2}, {0, 1}, {1, 0}, {2, 2}};
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(c.statistic[i], t2(d[i][0], d[i][1]), 1e-12) << i;
  EXPECT_NEAR(c.uclPhaseOne, 16.0 / 5.0 * 0.95, 1e-12);  // Beta(1, 1) is uniform
  EXPECT_NEAR(c.uclPhaseTwo, 2.0 * 6 * 4 / (5 * 3) * fQ(0.95, 2, 3), 1e-10);
}

// p = 2 (Mason, Tracy & Young 1995): T²₁ = n d₁²/s₁₁, T²₂.₁ = n (d₂ − b d₁)²/s²₂.₁
// with b = s₁₂/s₁₁ and s²₂.₁ = s₂₂ − s₁₂²/s₁₁; T²₁ + T²₂.₁ = T² = Σ contributions.
TEST(HotellingT2, MytTermsOfRyanSubgroupTen) {
  Ryan r;
  const auto c = hotellingT2(r.data, &r.groups, {"X1", "X2"});
  const auto& s = c.outOfControl[0];
  const auto& S = c.covariance;
  const double d1 = 41.25 - 60.375, d2 = 20.75 - 18.4875, n = 4;
  ASSERT_EQ(s.unconditional.size(), 2u);
  ASSERT_EQ(s.conditional.size(), 1u);
  EXPECT_NEAR(s.unconditional[0].value, n * d1 * d1 / S(0, 0), 1e-10);
  EXPECT_NEAR(s.unconditional[1].value, n * d2 * d2 / S(1, 1), 1e-10);
  const double b = S(0, 1) / S(0, 0), s221 = S(1, 1) - S(0, 1) * S(0, 1) / S(0, 0);
  EXPECT_NEAR(s.conditional[0].value, n * (d2 - b * d1) * (d2 - b * d1) / s221, 1e-9);
  EXPECT_EQ(s.conditional[0].variable, 1u);
  EXPECT_EQ(s.conditional[0].given, std::vector<std::size_t>{0});
  EXPECT_NEAR(s.unconditional[0].value + s.conditional[0].value, s.t2, 1e-9);
  EXPECT_NEAR(s.contributions[0] + s.contributions[1], s.t2, 1e-9);
  EXPECT_TRUE(std::isnan(s.conditional[0].ucl));  // subgroups: no published term limit
}

TEST(HotellingT2, MytTermLimitsForIndividuals) {
  const auto table = io::CsvTable::read(kData + "boiler.csv");
  const std::vector<std::string> names = {"t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"};
  T2Options o;
  o.alpha = 0.001;
  const auto c = hotellingT2(columns(table, names), nullptr, names, o);
  const auto& s = c.outOfControl[0];
  const double m = 25;
  EXPECT_NEAR(s.unconditional[3].ucl, (m + 1) / m * fQ(0.999, 1, m - 1), 1e-10);
  EXPECT_NEAR(s.conditional[6].ucl, (m + 1) * (m - 1) / (m * (m - 8)) * fQ(0.999, 1, m - 8), 1e-10);  // k = 7
  double sum = s.unconditional[0].value;
  for (const auto& t : s.conditional) sum += t.value;
  EXPECT_NEAR(sum, s.t2, 1e-8);
}

TEST(HotellingT2, MissingRowsAreLeftOutWithANote) {
  Ryan r;
  r.data(0, 1) = std::numeric_limits<double>::quiet_NaN();
  const auto c = hotellingT2(r.data, &r.groups, {"X1", "X2"});
  EXPECT_EQ(c.size[0], 3);
  EXPECT_THAT(c.notes[0], HasSubstr("1 rows with a missing value"));
  EXPECT_THAT(c.notes[1], HasSubstr("average n = 3.95"));
}

TEST(HotellingT2, RefusesWhatCannotBeEstimated) {
  Eigen::MatrixXd few(3, 2);
  few << 1, 2, 2, 1, 3, 3;
  EXPECT_THAT(
      [&] {
        hotellingT2(few, nullptr, {"a", "b"});
      },
      ::testing::ThrowsMessage<Error>(HasSubstr("at least 4 phase I observations")));
  Eigen::MatrixXd collinear(6, 2);
  collinear << 1, 2, 2, 4, 3, 6, 4, 8, 5, 10, 6, 12;
  EXPECT_THAT(
      [&] {
        hotellingT2(collinear, nullptr, {"a", "b"});
      },
      ::testing::ThrowsMessage<Error>(HasSubstr("singular")));
  T2Options bad;
  bad.alpha = 1.5;
  EXPECT_THROW(hotellingT2(collinear, nullptr, {"a", "b"}, bad), Error);
}

}  // namespace
}  // namespace fab::spc

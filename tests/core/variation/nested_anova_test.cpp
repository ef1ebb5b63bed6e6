// The nested ANOVA and its components against the NIST/SEMATECH e-Handbook's
// furnace case study, §3.5.1.4 (the published table and components).
#include "core/variation/nested_anova.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"

#include "core/variation/variance_components.h"
#include "tests/core/variation/furnace_data.h"

namespace fab::variation {
namespace {

NestedDesign furnaceDesign() {
  const auto rows = test::readFurnace();
  std::vector<std::vector<std::string>> keys(2);
  std::vector<double> value;
  for (const auto& r : rows) {
    keys[0].push_back(std::to_string(r.run));
    keys[1].push_back(std::to_string(r.zone));
    value.push_back(r.thickness);
  }
  return nestedDesign({"run", "zone"}, keys, value, "wafer");
}

TEST(NestedAnova, FurnaceTableMatchesTheHandbook) {
  const auto d = furnaceDesign();
  ASSERT_EQ(d.size(), 168u);
  EXPECT_TRUE(d.balanced());
  const auto a = nestedAnova(d);
  ASSERT_EQ(a.rows.size(), 4u);
  // Handbook: Run 20 61,442.29 3,072.11 5.37404 0.0000001
  EXPECT_EQ(a.rows[0].source, "run");
  EXPECT_EQ(a.rows[0].df, 20);
  EXPECT_NEAR(a.rows[0].ss, 61442.29, 0.005);
  EXPECT_NEAR(a.rows[0].ms, 3072.11, 0.005);
  EXPECT_NEAR(*a.rows[0].f, 5.37404, 5e-6);
  EXPECT_NEAR(*a.rows[0].p, 0.0000001, 0.5e-7);
  // Furnace Location [Run] 63 36,014.5 571.659 4.72864 3.85e-11
  EXPECT_EQ(a.rows[1].source, "zone within run");
  EXPECT_EQ(a.rows[1].df, 63);
  EXPECT_NEAR(a.rows[1].ss, 36014.5, 0.05);
  EXPECT_NEAR(a.rows[1].ms, 571.659, 0.0005);
  EXPECT_NEAR(*a.rows[1].f, 4.72864, 5e-6);
  EXPECT_NEAR(*a.rows[1].p, 3.85e-11, 0.005e-11);
  // Within 84 10,155 120.893; Total 167 107,611.8 644.382
  EXPECT_EQ(a.rows[2].source, "wafer within zone");
  EXPECT_EQ(a.rows[2].df, 84);
  EXPECT_NEAR(a.rows[2].ss, 10155, 0.5);
  EXPECT_NEAR(a.rows[2].ms, 120.893, 0.0005);
  EXPECT_FALSE(a.rows[2].f.has_value());
  EXPECT_EQ(a.rows[3].df, 167);
  EXPECT_NEAR(a.rows[3].ss, 107611.8, 0.05);
  EXPECT_NEAR(a.rows[3].ms, 644.382, 0.0005);
  // "3072.11 = (4*2)*Var(Run) + 2*Var(Furnace Location) + Var(Within)"
  EXPECT_EQ(a.rows[0].expectedMeanSquare, "σ²(wafer) + 2 σ²(zone) + 8 σ²(run)");
  EXPECT_EQ(a.rows[1].expectedMeanSquare, "σ²(wafer) + 2 σ²(zone)");
  EXPECT_EQ(a.rows[2].expectedMeanSquare, "σ²(wafer)");
}

TEST(VarianceComponents, FurnaceComponentsMatchTheHandbook) {
  const auto r = varianceComponents(furnaceDesign());
  EXPECT_TRUE(r.balanced);
  EXPECT_EQ(r.n, 168u);
  EXPECT_NE(r.method.find("ANOVA"), std::string::npos);
  ASSERT_EQ(r.components.size(), 3u);
  // Handbook: Run 312.55694 47.44 17.679; Furnace Location[Run] 225.38294 34.21 15.013;
  // Within 120.89286 18.35 10.995.
  const double variance[] = {312.55694, 225.38294, 120.89286};
  const double percent[] = {47.44, 34.21, 18.35};
  const double sigma[] = {17.679, 15.013, 10.995};
  for (int l = 0; l < 3; ++l) {
    SCOPED_TRACE(l);
    EXPECT_NEAR(r.components[l].variance, variance[l], 0.000005);
    EXPECT_NEAR(r.components[l].percent, percent[l], 0.005);
    EXPECT_NEAR(r.components[l].sigma, sigma[l], 0.0005);
    EXPECT_FALSE(r.components[l].truncated);
  }
  EXPECT_TRUE(r.notes.empty());
}

TEST(VarianceComponents, SatterthwaiteDegreesOfFreedomFromTheMeanSquares) {
  const auto r = varianceComponents(furnaceDesign());
  // Closed form from the handbook's mean squares: σ̂²_run = (3072.11 − 571.659)/8,
  // ν = (a − b)² / (a²/20 + b²/63) with a = 3072.11/8, b = 571.659/8; the residual's ν is its df.
  const double a = 3072.1145 / 8, b = 571.6587 / 8;
  EXPECT_NEAR(r.components[0].df, (a - b) * (a - b) / (a * a / 20 + b * b / 63), 1e-3);
  const double c = 571.6587 / 2, e = 120.8929 / 2;
  EXPECT_NEAR(r.components[1].df, (c - e) * (c - e) / (c * c / 63 + e * e / 84), 1e-3);
  EXPECT_EQ(r.components[2].df, 84);
  // The residual's interval is the exact χ² one: 84 × 120.893 / χ²(0.975; 84) … / χ²(0.025; 84),
  // χ² quantiles 111.2423 and 60.5398 (scipy.stats.chi2.ppf(0.975, 84), chi2.ppf(0.025, 84), scipy 1.10).
  EXPECT_NEAR(r.components[2].ciLow, 84 * 120.89286 / 111.2423, 1e-3);
  EXPECT_NEAR(r.components[2].ciHigh, 84 * 120.89286 / 60.5398, 1e-3);
  for (const auto& comp : r.components) {
    EXPECT_LT(comp.ciLow, comp.variance);
    EXPECT_GT(comp.ciHigh, comp.variance);
  }
}

TEST(VarianceComponents, NegativeEstimateIsTruncatedAndSaid) {
  // Zones within a run agree better than the wafers within a zone: MS_zone < MS_wafer.
  //   run 1: zone 1 {10, 14}, zone 2 {11, 13};  run 2: zone 1 {20, 24}, zone 2 {21, 23}
  // zone means 12, 12 | 22, 22 ⇒ SS_zone = 0, MS_wafer = (4 + 4 + 1 + 1) × 2 / 4 = 5,
  // σ̂²_zone = (0 − 5)/2 = −2.5 → 0.
  std::vector<std::vector<std::string>> keys = {{"1", "1", "1", "1", "2", "2", "2", "2"},
                                                {"1", "1", "2", "2", "1", "1", "2", "2"}};
  const std::vector<double> y = {10, 14, 11, 13, 20, 24, 21, 23};
  const auto r = varianceComponents(nestedDesign({"run", "zone"}, keys, y, "wafer"));
  EXPECT_EQ(r.components[1].variance, 0);
  EXPECT_TRUE(r.components[1].truncated);
  EXPECT_TRUE(std::isnan(r.components[1].ciLow));
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].find("negative"), std::string::npos);
  // MS_run = 4 × (17 − 12)² × 2 / 1 = 200; σ̂²_run = (200 − 0)/4 = 50; σ̂²_wafer = 5.
  EXPECT_NEAR(r.components[0].variance, 50, 1e-12);
  EXPECT_NEAR(r.components[2].variance, 5, 1e-12);
  EXPECT_NEAR(r.components[0].percent, 100 * 50.0 / 55, 1e-12);
}

TEST(NestedDesign, LevelWithoutVariationIsRefused) {
  std::vector<std::vector<std::string>> keys = {{"1", "1", "2", "2"}, {"a", "a", "b", "b"}};
  EXPECT_THROW(nestedDesign({"run", "zone"}, keys, {1, 2, 3, 4}, "wafer"), Error);
  EXPECT_THROW(nestedDesign({"run"}, {{"1", "2"}}, {1, 2}, "wafer"), Error);
}

}  // namespace
}  // namespace fab::variation

// fabkit-cli commonality on the demo workspace: the causes the demo plants
// (core/demo/demo_generator.cpp) must come out on top — FURN-02's heater
// ageing for OX_THK at OXIDATION, ETCH-03 chamber B's shift after its wet
// clean of 2026-10-01 for GATE_CD at GATE_ETCH.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "tests/support/run_cli.h"
#include "tests/support/run_cli_json.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace {

using nlohmann::json;

class CommonalityCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<fab::test::TempDir>();
    path_ = fab::test::workspaceIn(*dir_, "demo.fabdb");
    const auto r = fab::test::runCli({"demo", "--workspace", path_}, dir_->path("err"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::string workspace() { return fab::test::shellQuote(path_); }
  /// The group with the highest median at the top step.
  static std::string highestMedian(const json& step) { return step["group_stats"].back()["group"]; }
  static std::unique_ptr<fab::test::TempDir> dir_;
  static std::string path_;  ///< the demo workspace: a file in dir_, or a schema on the PostgreSQL test server
};
std::unique_ptr<fab::test::TempDir> CommonalityCliTest::dir_;
std::string CommonalityCliTest::path_;

TEST_F(CommonalityCliTest, OxideThicknessPointsAtTheAgeingFurnace) {
  const auto j = fab::test::cliJson("commonality --workspace " + workspace() + " --parameter OX_THK");
  ASSERT_EQ(j["steps"].size(), 3u);
  EXPECT_EQ(j["top_step"], "OXIDATION");
  const auto& top = j["steps"][0];
  EXPECT_LT(top["p_adjusted"].get<double>(), 1e-6);
  EXPECT_LT(top["p_adjusted"].get<double>(), j["steps"][1]["p_adjusted"].get<double>());
  EXPECT_EQ(highestMedian(top), "FURN-02/1");
  ASSERT_EQ(j["top_pairs"].size(), 1u);
  EXPECT_LT(j["top_pairs"][0]["p_adjusted"].get<double>(), 1e-6);
  // Ranked by the BH-adjusted p: non-decreasing down the list.
  for (std::size_t i = 1; i < j["steps"].size(); ++i)
    EXPECT_LE(j["steps"][i - 1]["p_adjusted"].get<double>(), j["steps"][i]["p_adjusted"].get<double>());
}

TEST_F(CommonalityCliTest, OxideThicknessOnLotUnitsToo) {
  const auto j =
      fab::test::cliJson("commonality --workspace " + workspace() + " --parameter OX_THK --unit lot --by tool");
  EXPECT_EQ(j["top_step"], "OXIDATION");
  EXPECT_EQ(j["unit"], "lot");
  EXPECT_EQ(highestMedian(j["steps"][0]), "FURN-02");
  EXPECT_LE(j["steps"][0]["units"].get<int>(), 40);
}

TEST_F(CommonalityCliTest, GateCdPointsAtEtchChamberB) {
  const auto j = fab::test::cliJson("commonality --workspace " + workspace() + " --parameter GATE_CD");
  EXPECT_EQ(j["top_step"], "GATE_ETCH");
  EXPECT_EQ(j["by"], "tool+chamber");
  const auto& top = j["steps"][0];
  EXPECT_LT(top["p_adjusted"].get<double>(), 1e-6);
  EXPECT_EQ(highestMedian(top), "ETCH-03/B");
  // Every significant Dunn pair at the top step involves chamber B.
  for (const auto& p : j["top_pairs"])
    if (p["p_adjusted"].get<double>() < 0.01) EXPECT_TRUE(p["a"] == "ETCH-03/B" || p["b"] == "ETCH-03/B") << p;
}

TEST_F(CommonalityCliTest, SplitAtTheWetCleanIsolatesChamberBAfter) {
  const auto j = fab::test::cliJson("commonality --workspace " + workspace() +
                                    " --parameter GATE_CD --after 2026-10-01 --step GATE_ETCH");
  ASSERT_EQ(j["steps"].size(), 1u);
  EXPECT_EQ(highestMedian(j["steps"][0]), "ETCH-03/B after");
  ASSERT_FALSE(j["top_pairs"].empty());
  const auto& first = j["top_pairs"][0];
  EXPECT_TRUE(first["a"] == "ETCH-03/B after" || first["b"] == "ETCH-03/B after") << first;
}

TEST_F(CommonalityCliTest, OptionsOfTheOtherSourceAreRefused) {
  const auto r = fab::test::runCliLine("commonality --workspace " + workspace() + " --parameter OX_THK --group tool");
  EXPECT_EQ(r.exitCode, 2);
  const auto bad = fab::test::runCliLine("commonality --workspace " + workspace() + " --parameter OX_THK --by recipe");
  EXPECT_EQ(bad.exitCode, 2);
}

TEST(CommonalityCsvCli, OneGroupingFromACsv) {
  fab::test::TempDir dir;
  // The three-group sample of tests/core/variation/three_groups.h, one row per wafer.
  std::string csv = "tool,cd,result\n";
  const char* groups[] = {"T1", "T2", "T3"};
  const std::vector<std::vector<double>> values = {
      {6.4, 6.8, 7.2, 8.3, 8.4, 9.1, 9.4, 9.7}, {2.5, 3.7, 4.9, 5.4, 5.9, 8.1, 8.2}, {1.3, 4.1, 4.9, 5.2, 5.5, 8.2}};
  for (int g = 0; g < 3; ++g)
    for (double v : values[g])
      csv += std::string(groups[g]) + "," + std::to_string(v) + "," + (v > 5 ? "pass" : "F") + "\n";
  const auto path = fab::test::shellQuote(dir.write("wafers.csv", csv));
  const auto j = fab::test::cliJson("commonality --csv " + path + " --value cd --group tool");
  ASSERT_EQ(j["steps"].size(), 1u);
  // scipy.stats.kruskal on the three groups: 9.849061861415572, p 0.007266133800809759
  EXPECT_NEAR(j["steps"][0]["kruskal_wallis"]["h"].get<double>(), 9.849061861415572, 1e-9);
  EXPECT_NEAR(j["steps"][0]["p"].get<double>(), 0.007266133800809759, 1e-12);
  EXPECT_EQ(j["steps"][0]["group_stats"].size(), 3u);
  EXPECT_EQ(j["top_pairs"].size(), 3u);
  // Pass/fail: T1 8 pass 0 fail, T2 4 pass 3 fail, T3 3 pass 3 fail. By hand: N = 21, 15 pass;
  // expected pass 8·15/21, 7·15/21, 6·15/21, and X² = Σ (O − E)²/E over the six cells.
  const auto pf = fab::test::cliJson("commonality --csv " + path + " --value result --group tool --pass-fail");
  const double pass[] = {8, 4, 3}, n[] = {8, 7, 6};
  double x2 = 0;
  for (int g = 0; g < 3; ++g) {
    const double ep = n[g] * 15 / 21, ef = n[g] * 6 / 21;
    x2 += (pass[g] - ep) * (pass[g] - ep) / ep + (n[g] - pass[g] - ef) * (n[g] - pass[g] - ef) / ef;
  }
  EXPECT_NEAR(pf["steps"][0]["chi_square"]["statistic"].get<double>(), x2, 1e-12);
  EXPECT_NEAR(pf["steps"][0]["p"].get<double>(), std::exp(-x2 / 2), 1e-12);  // χ², 2 df
}

}  // namespace

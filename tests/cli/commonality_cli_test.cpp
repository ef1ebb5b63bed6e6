// fabkit-cli commonality on the demo workspace: the causes the demo plants
// (core/demo/demo_generator.cpp) must come out on top — FURN-02's heater
// ageing for OX_THK at OXIDATION, ETCH-03 chamber B's shift after its wet
// clean of 2026-10-01 for GATE_CD at GATE_ETCH.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "tests/support/run_cli.h"
#include "tests/support/run_cli_json.h"
#include "tests/support/temp_dir.h"

namespace {

using nlohmann::json;

class CommonalityCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<fab::test::TempDir>();
    const auto r = fab::test::runCli({"demo", "--workspace", dir_->path("demo.fabdb")}, dir_->path("err"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::string workspace() { return fab::test::shellQuote(dir_->path("demo.fabdb")); }
  /// The group with the highest median at the top step.
  static std::string highestMedian(const json& step) { return step["group_stats"].back()["group"]; }
  static std::unique_ptr<fab::test::TempDir> dir_;
};
std::unique_ptr<fab::test::TempDir> CommonalityCliTest::dir_;

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
  const auto j = fab::test::cliJson("commonality --workspace " + workspace() + " --parameter OX_THK --unit lot --by tool");
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

}  // namespace

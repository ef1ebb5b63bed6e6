// fabkit-cli varcomp end to end: the NIST/SEMATECH furnace case (§3.5.1.4) as
// a CSV, and a demo parameter's lot / wafer / site components.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/core/variation/furnace_data.h"
#include "tests/support/run_cli.h"
#include "tests/support/run_cli_json.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace {

TEST(VarcompCli, FurnaceCsvGivesTheHandbookComponents) {
  fab::test::TempDir dir;
  std::ostringstream csv;
  csv << "run,zone,wafer,thickness\n";
  for (const auto& r : fab::test::readFurnace())
    csv << r.run << "," << r.zone << "," << r.wafer << "," << r.thickness << "\n";
  const auto path = dir.write("furnace.csv", csv.str());
  const auto j = fab::test::cliJson("varcomp --csv " + fab::test::shellQuote(path) +
                                    " --value thickness --nested run,zone --residual wafer");
  EXPECT_EQ(j["n"], 168);
  EXPECT_TRUE(j["balanced"].get<bool>());
  ASSERT_EQ(j["components"].size(), 3u);
  // Handbook: Run 312.55694 (47.44 %, σ 17.679); Furnace Location[Run] 225.38294 (34.21 %, 15.013);
  // Within 120.89286 (18.35 %, 10.995).
  const double variance[] = {312.55694, 225.38294, 120.89286};
  const double percent[] = {47.44, 34.21, 18.35};
  for (int l = 0; l < 3; ++l) {
    EXPECT_NEAR(j["components"][l]["variance"].get<double>(), variance[l], 5e-6);
    EXPECT_NEAR(j["components"][l]["percent"].get<double>(), percent[l], 0.005);
    EXPECT_LT(j["components"][l]["ci_low"].get<double>(), variance[l]);
    EXPECT_GT(j["components"][l]["ci_high"].get<double>(), variance[l]);
  }
  EXPECT_EQ(j["components"][1]["source"], "zone within run");
  ASSERT_EQ(j["anova"].size(), 4u);
  EXPECT_NEAR(j["anova"][0]["f"].get<double>(), 5.37404, 5e-6);
  EXPECT_NE(j["method"].get<std::string>().find("ANOVA"), std::string::npos);
  EXPECT_TRUE(j["notes"].empty());
}

TEST(VarcompCli, DemoParameterByLotWaferSite) {
  fab::test::TempDir dir;
  const auto ws = fab::test::workspaceIn(dir, "demo.fabdb");
  ASSERT_EQ(fab::test::runCli({"demo", "--workspace", ws}, dir.path("err")).exitCode, 0);
  const auto j = fab::test::cliJson("varcomp --workspace " + fab::test::shellQuote(ws) + " --parameter NIT_THK");
  ASSERT_EQ(j["components"].size(), 3u);
  EXPECT_EQ(j["components"][0]["level"], "lot");
  EXPECT_EQ(j["components"][2]["source"], "site within wafer");
  double total = 0;
  for (const auto& c : j["components"]) total += c["percent"].get<double>();
  EXPECT_NEAR(total, 100, 1e-9);
  // The demo draws NIT_THK with σ lot 0.30, wafer 0.20 and site 0.25 nm plus a radial
  // profile 0.3 r² that adds to the site level: each estimate within a factor of 2 of its σ².
  EXPECT_NEAR(std::log(j["components"][0]["variance"].get<double>() / 0.09), 0, std::log(2.0));
  EXPECT_NEAR(std::log(j["components"][1]["variance"].get<double>() / 0.04), 0, std::log(2.0));
  EXPECT_GT(j["components"][2]["variance"].get<double>(), 0.0625 * 0.8);
}

TEST(VarcompCli, BadInputIsAUsageError) {
  EXPECT_EQ(fab::test::runCliLine("varcomp --csv x.csv --workspace y.fabdb").exitCode, 2);
  EXPECT_EQ(fab::test::runCliLine("varcomp --workspace y.fabdb --parameter P --nested lot").exitCode, 2);
}

}  // namespace

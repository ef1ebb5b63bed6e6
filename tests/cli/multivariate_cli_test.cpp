// End to end: fabkit-cli t2 on Ryan's subgroups (the numbers R's qcc prints:
// tests/testthat/_snaps/spc.t2.md) and on the demo workspace's wafer means,
// which the test recomputes from the spc command's own wafer means.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace fab {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;
const std::string kRyan = FAB_SOURCE_DIR "/../shared/reference/data/RyanMultivar.csv";

Json runJson(const std::vector<std::string>& args, const std::string& err) {
  const auto r = test::runCli(args, err);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return Json::parse(r.out.empty() ? "null" : r.out);
}

TEST(T2Cli, RyanSubgroupsMatchQcc) {
  test::TempDir dir;
  const auto j =
      runJson({"t2", "--csv", kRyan, "--columns", "X1,X2", "--subgroup", "sample", "--json"}, dir.path("err"));
  EXPECT_EQ(j["chart"], "t2-subgroups");
  ASSERT_EQ(j["statistic"].size(), 20u);
  EXPECT_NEAR(j["statistic"][0].get<double>(), 2.2416049, 6e-7);
  EXPECT_NEAR(j["statistic"][9].get<double>(), 63.7604214, 6e-7);
  EXPECT_NEAR(j["statistic"][19].get<double>(), 13.0376172, 6e-7);
  EXPECT_NEAR(j["ucl"][0].get<double>(), 11.03976, 5e-6);
  EXPECT_NEAR(j["limits"]["phase2"].get<double>(), 12.20184, 5e-6);
  EXPECT_EQ(j["lcl"], 0);
  EXPECT_THAT(j["convention"].get<std::string>(), HasSubstr("Montgomery"));
  ASSERT_EQ(j["signals"].size(), 2u);
  const auto& s = j["signals"][0];
  EXPECT_EQ(s["index"], 10);
  EXPECT_NEAR(s["contributions"]["X1"].get<double>() + s["contributions"]["X2"].get<double>(), s["t2"].get<double>(),
              1e-9);
  ASSERT_EQ(s["myt"].size(), 3u);  // T²(X1), T²(X2), T²(X2|X1)
  EXPECT_EQ(s["myt"][2]["term"], "T²(X2|X1)");
  EXPECT_NEAR(s["myt"][0]["value"].get<double>() + s["myt"][2]["value"].get<double>(), s["t2"].get<double>(), 1e-9);
}

TEST(T2Cli, PhaseTwoAndMewma) {
  test::TempDir dir;
  const auto j = runJson({"t2", "--csv", kRyan, "--columns", "X1,X2", "--subgroup", "sample", "--phase1", "1:15",
                          "--mewma", "--lambda", "0.1", "--json"},
                         dir.path("err"));
  EXPECT_EQ(j["phase"][14], 1);
  EXPECT_EQ(j["phase"][15], 2);
  EXPECT_EQ(j["ucl"][15], j["limits"]["phase2"]);
  // p = 2, λ = 0.1, in-control ARL 200: h = 8.64 (Prabhu & Runger 1997, as tabled
  // in Montgomery, Introduction to SQC, 7th ed., Table 11.3).
  EXPECT_NEAR(j["mewma"]["h"].get<double>(), 8.64, 0.01);
  EXPECT_EQ(j["mewma"]["statistic"].size(), 20u);
  const auto given =
      runJson({"t2", "--csv", kRyan, "--columns", "X1,X2", "--subgroup", "sample", "--mewma", "--h", "7.5", "--json"},
              dir.path("err"));
  EXPECT_EQ(given["mewma"]["h"], 7.5);
  EXPECT_EQ(given["mewma"]["h_source"], "given");
}

TEST(T2Cli, RefusesBadInput) {
  test::TempDir dir;
  const auto err = dir.path("err");
  EXPECT_EQ(test::runCli({"t2", "--csv", kRyan, "--subgroup", "sample"}, err).exitCode, 2);  // no --columns
  const auto r = test::runCli({"t2", "--csv", kRyan, "--columns", "X1,X9"}, err);
  EXPECT_NE(r.exitCode, 0);
  EXPECT_THAT(r.err, HasSubstr("X9"));
}

// Wafer means of OVL_X and OVL_Y as the spc command computes them (its X̄
// panel with wafer subgroups), then T² of individuals by the 2 × 2 inverse.
TEST(T2Cli, DemoWaferMeansByHand) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "demo.fabdb");
  const auto err = dir.path("err");
  ASSERT_EQ(test::runCli({"demo", "--workspace", ws}, err).exitCode, 0);
  std::vector<std::vector<double>> means;
  for (const char* p : {"OVL_X", "OVL_Y"}) {
    const auto c = runJson(
        {"spc", "--workspace", ws, "--parameter", p, "--subgroup", "wafer", "--chart", "xbar-s", "--json"}, err);
    means.push_back(c["panels"][0]["values"].get<std::vector<double>>());
  }
  const auto j = runJson({"t2", "--workspace", ws, "--parameters", "OVL_X,OVL_Y", "--json"}, err);
  const std::size_t m = means[0].size();
  ASSERT_EQ(m, 1000u);  // 40 lots × 25 wafers
  ASSERT_EQ(j["statistic"].size(), m);
  double a = 0, b = 0;
  for (std::size_t i = 0; i < m; ++i) a += means[0][i], b += means[1][i];
  a /= m, b /= m;
  double sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < m; ++i) {
    sxx += (means[0][i] - a) * (means[0][i] - a);
    syy += (means[1][i] - b) * (means[1][i] - b);
    sxy += (means[0][i] - a) * (means[1][i] - b);
  }
  sxx /= m - 1, syy /= m - 1, sxy /= m - 1;
  const double det = sxx * syy - sxy * sxy;
  for (std::size_t i : {0u, 17u, 500u, 999u}) {
    const double u = means[0][i] - a, v = means[1][i] - b;
    EXPECT_NEAR(j["statistic"][i].get<double>(), (syy * u * u - 2 * sxy * u * v + sxx * v * v) / det, 1e-9) << i;
  }
  EXPECT_EQ(j["keys"][0].get<std::string>().find('/') != std::string::npos, true);
}

}  // namespace
}  // namespace fab

// End to end: fabkit-cli spc, capability and spc-note on CSV files and a workspace.
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

Json runJson(const std::vector<std::string>& args, const std::string& err) {
  const auto r = test::runCli(args, err);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return Json::parse(r.out.empty() ? "null" : r.out);
}

TEST(SpcCli, PistonRingsPhaseOneFromCsv) {
  test::TempDir dir;
  const auto j = runJson({"spc", "--csv", test::referenceFile("pistonrings.csv"), "--value", "diameter", "--subgroup",
                          "sample", "--chart", "xbar-r", "--phase1", "1:25", "--json"},
                         dir.path("err"));
  EXPECT_EQ(j["points"], 40);
  EXPECT_NEAR(j["phases"][0]["center"].get<double>(), 74.001176, 0.5e-6);
  EXPECT_EQ(j["phases"][0]["baseline_last"], 25);
  const auto& xbar = j["panels"][0];
  ASSERT_EQ(xbar["limits"].size(), 1u);
  EXPECT_NEAR(xbar["limits"][0]["ucl"].get<double>(), 74.014304, 1e-5);
  EXPECT_NEAR(xbar["limits"][0]["lcl"].get<double>(), 73.988048, 1e-5);
  EXPECT_NEAR(j["panels"][1]["limits"][0]["center"].get<double>(), 0.02276, 1e-9);
  // Every rule-1 violation is a plotted mean outside the limits, and vice versa.
  std::vector<int> flagged, outside;
  for (const auto& v : xbar["violations"])
    if (v["rule"] == 1) flagged.push_back(v["subgroup"]);
  for (std::size_t i = 0; i < 40; ++i) {
    const double x = xbar["values"][i];
    if (x > xbar["limits"][0]["ucl"].get<double>() || x < xbar["limits"][0]["lcl"].get<double>())
      outside.push_back(static_cast<int>(i + 1));
  }
  EXPECT_EQ(flagged, outside);
  EXPECT_FALSE(outside.empty());
}

TEST(SpcCli, NistIndividualsAndEwmaFromCsv) {
  test::TempDir dir;
  const auto csv = dir.write("imr.csv", "x\n49.6\n47.6\n49.9\n51.3\n47.8\n51.2\n52.6\n52.4\n53.6\n52.1\n");
  const auto imr = runJson({"spc", "--csv", csv, "--value", "x", "--json"}, dir.path("err"));
  EXPECT_EQ(imr["chart"], "imr");
  EXPECT_NEAR(imr["panels"][0]["limits"][0]["center"].get<double>(), 50.81, 1e-9);
  EXPECT_NEAR(imr["panels"][0]["limits"][0]["ucl"].get<double>(), 55.8024, 0.5e-4);
  EXPECT_NEAR(imr["panels"][1]["limits"][0]["ucl"].get<double>(), 6.1338, 0.5e-4);
  EXPECT_TRUE(imr["panels"][1]["values"][0].is_null());

  const auto ewmaCsv =
      dir.write("ewma.csv",
                "x\n52.0\n47.0\n53.0\n49.3\n50.1\n47.0\n51.0\n50.1\n51.2\n50.5\n49.6\n47.6\n49.9\n51.3\n"
                "47.8\n51.2\n52.6\n52.4\n53.6\n52.1\n");
  const auto ewma = runJson({"spc", "--csv", ewmaCsv, "--value", "x", "--chart", "ewma", "--lambda", "0.3", "--target",
                             "50", "--center", "50", "--sigma", "2.0539", "--json"},
                            dir.path("err"));
  const auto& limits = ewma["panels"][0]["limits"];
  EXPECT_EQ(limits.size(), 20u);  // exact time-varying limits: one step per point
  EXPECT_NEAR(limits[19]["ucl"].get<double>(), 52.5884, 1e-4);
  EXPECT_NEAR(ewma["panels"][0]["values"][19].get<double>(), 51.99, 0.005);
  EXPECT_TRUE(ewma["panels"][0]["violations"].empty());
}

TEST(SpcCli, AttributeChartWithConstantSize) {
  test::TempDir dir;
  const auto csv = dir.write("c.csv",
                             "d\n12\n15\n8\n10\n4\n7\n16\n9\n14\n10\n5\n6\n17\n12\n22\n8\n10\n5\n13\n11\n20\n18\n"
                             "24\n15\n9\n12\n7\n13\n9\n6\n");
  const auto p =
      runJson({"spc", "--csv", csv, "--value", "d", "--chart", "p", "--size", "50", "--json"}, dir.path("err"));
  EXPECT_NEAR(p["panels"][0]["limits"][0]["center"].get<double>(), 0.2313, 0.5e-4);
  EXPECT_NEAR(p["panels"][0]["limits"][0]["ucl"].get<double>(), 0.4102, 0.5e-4);
  EXPECT_EQ(p["subgroups"][0]["n"], 50.0);
}

TEST(SpcCli, CapabilityWithIntervalsAndOneSidedSpec) {
  test::TempDir dir;
  const auto ring = test::referenceFile("pistonrings.csv");
  const auto j = runJson({"capability", "--csv", ring, "--value", "diameter", "--subgroup", "sample", "--phase1",
                          "1:25", "--lsl", "73.95", "--usl", "74.05", "--target", "74", "--json"},
                         dir.path("err"));
  EXPECT_EQ(j["n"], 125);
  EXPECT_EQ(j["sigma_within_method"], "R̄/d2");
  const double sigma = j["sigma_within"];
  EXPECT_NEAR(sigma, 0.02276 / 2.3259289, 1e-6);
  EXPECT_NEAR(j["Cp"]["value"].get<double>(), 0.1 / (6 * sigma), 1e-9);
  EXPECT_LT(j["Cp"]["lower"].get<double>(), j["Cp"]["value"].get<double>());
  EXPECT_GT(j["Cpk"]["upper"].get<double>(), j["Cpk"]["value"].get<double>());
  EXPECT_FALSE(j["Cpm"].is_null());
  EXPECT_TRUE(j["normality"].contains("p_value"));
  const auto one =
      runJson({"capability", "--csv", ring, "--value", "diameter", "--usl", "74.05", "--json"}, dir.path("err"));
  EXPECT_TRUE(one["Cp"].is_null());
  EXPECT_TRUE(one["Cpk"].is_null());
  EXPECT_FALSE(one["Cpu"].is_null());
  EXPECT_EQ(one["sigma_within_method"], "MR̄/d2");
}

TEST(SpcCli, ClearErrors) {
  test::TempDir dir;
  const auto err = dir.path("err");
  EXPECT_EQ(test::runCli({"spc", "--json"}, err).exitCode, 2);
  const auto flat = dir.write("flat.csv", "x\n4\n4\n4\n4\n");
  const auto r = test::runCli({"spc", "--csv", flat, "--value", "x"}, err);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("is zero"));
  EXPECT_EQ(test::runCli({"spc", "--csv", flat, "--value", "x", "--chart", "bogus"}, err).exitCode, 1);
  const auto neg = dir.write("neg.csv", "x\n1\n2\n-1\n3\n");
  const auto b = test::runCli({"capability", "--csv", neg, "--value", "x", "--usl", "5", "--boxcox"}, err);
  EXPECT_EQ(b.exitCode, 1);
  EXPECT_THAT(b.err, HasSubstr("positive data"));
  EXPECT_EQ(test::runCli({"capability", "--csv", neg, "--value", "x"}, err).exitCode, 2);  // no spec
}

TEST(SpcCli, WorkspaceApprovedLimitsNotesAndExceptions) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "demo.fabdb");
  const auto err = dir.path("err");
  ASSERT_EQ(test::runCli({"demo", "--workspace", ws}, err).exitCode, 0);
  const std::vector<std::string> base = {"spc",        "--workspace", ws,        "--parameter", "OX_THK",
                                         "--subgroup", "wafer",       "--chart", "xbar-r",      "--json"};
  auto first = runJson(base, err);
  EXPECT_THAT(first["limits_source"].get<std::string>(), HasSubstr("no approved limits: estimated from"));
  EXPECT_THAT(first["spec"]["source"].get<std::string>(), HasSubstr("workspace spec for every product"));
  EXPECT_EQ(first["spec"]["usl"], 105.0);

  auto approve = base;
  for (const char* a : {"--phase1", "1:200", "--approve", "qualification lots", "--who", "ana"}) approve.push_back(a);
  const auto approved = runJson(approve, err);
  const double center = approved["phases"][0]["center"];
  // A later call without a baseline uses the approved limits, not a fresh estimate.
  const auto later = runJson(base, err);
  EXPECT_THAT(later["limits_source"].get<std::string>(),
              HasSubstr("approved limits version 1 (xbar-r), approved by ana"));
  EXPECT_EQ(later["phases"][0]["center"].get<double>(), center);
  EXPECT_NE(later["phases"][0]["center"].get<double>(), first["phases"][0]["center"].get<double>());

  // Acknowledge the first open violation; it leaves the exception list.
  ASSERT_FALSE(later["exceptions"].empty());
  const auto& e = later["exceptions"][0];
  const std::string key = e["key"];
  const auto note = test::runCli({"spc-note", "--workspace", ws, "--parameter", "OX_THK", "--point", key, "--rule",
                                  std::to_string(e["rule"].get<int>()), "--cause", "chamber seasoning", "--who", "ana"},
                                 err);
  ASSERT_EQ(note.exitCode, 0) << note.err;
  const auto after = runJson(base, err);
  EXPECT_EQ(after["exceptions"].size() + 1, later["exceptions"].size());
  // Excluding a point marks it and keeps it out of a fresh estimate.
  ASSERT_EQ(test::runCli({"spc-note", "--workspace", ws, "--parameter", "OX_THK", "--point", key, "--exclude",
                          "--cause", "test wafer", "--who", "ana"},
                         err)
                .exitCode,
            0);
  auto fresh = base;
  fresh.push_back("--re-estimate");
  const auto reestimated = runJson(fresh, err);
  const int index = e["subgroup"].get<int>() - 1;
  EXPECT_TRUE(reestimated["subgroups"][index]["excluded"].get<bool>());
  EXPECT_EQ(reestimated["phases"][0]["subgroups_used"].get<int>() + 1, first["phases"][0]["subgroups_used"].get<int>());
  // Capability of the same parameter uses the workspace spec.
  const auto cap =
      runJson({"capability", "--workspace", ws, "--parameter", "OX_THK", "--subgroup", "wafer", "--json"}, err);
  EXPECT_EQ(cap["spec"]["lsl"], 95.0);
  EXPECT_FALSE(cap["Cpk"].is_null());
}

// The demo approves three-way limits (wafer subgroups, rule 1 only); a new
// approval with --chart three-way stores the next version with both σ's, and
// later calls chart the wafer means at x̄ ± 3σ_means from it.
TEST(SpcCli, ThreeWayLimitsApprovedAndUsed) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "demo.fabdb");
  const auto err = dir.path("err");
  ASSERT_EQ(test::runCli({"demo", "--workspace", ws}, err).exitCode, 0);
  const std::vector<std::string> base = {"spc",        "--workspace", ws,        "--parameter", "GATE_CD",
                                         "--subgroup", "wafer",       "--chart", "three-way",   "--json"};
  const auto demo = runJson(base, err);
  EXPECT_THAT(demo["limits_source"].get<std::string>(),
              HasSubstr("approved limits version 1 (three-way), approved by demo"));
  EXPECT_EQ(demo["rules"], "rule1");
  EXPECT_EQ(demo["points"], 1000);
  for (const auto& v : demo["panels"][0]["violations"]) EXPECT_EQ(v["rule"], 1);

  auto approve = base;
  for (const char* a : {"--phase1", "1:300", "--approve", "first twelve lots", "--who", "ana"}) approve.push_back(a);
  const auto approved = runJson(approve, err);
  EXPECT_THAT(approved["limits_source"].get<std::string>(), HasSubstr("approved as version 2"));
  const double center = approved["phases"][0]["center"];
  const double sigmaOfMeans = approved["phases"][0]["sigma_of_means"];
  const double sigma = approved["phases"][0]["sigma"];
  ASSERT_GT(sigmaOfMeans, 0.0);

  const auto later = runJson(base, err);
  EXPECT_THAT(later["limits_source"].get<std::string>(),
              HasSubstr("approved limits version 2 (three-way), approved by ana"));
  EXPECT_EQ(later["rules"], "nelson");
  EXPECT_DOUBLE_EQ(later["phases"][0]["center"].get<double>(), center);
  EXPECT_DOUBLE_EQ(later["phases"][0]["sigma_of_means"].get<double>(), sigmaOfMeans);
  EXPECT_DOUBLE_EQ(later["phases"][0]["sigma"].get<double>(), sigma);
  const auto& limits = later["panels"][0]["limits"][0];
  EXPECT_NEAR(limits["ucl"].get<double>(), center + 3 * sigmaOfMeans, 1e-9);
  EXPECT_NEAR(limits["lcl"].get<double>(), center - 3 * sigmaOfMeans, 1e-9);
}

// Without --chart a workspace parameter gets the GUI's default chart: the demo
// measures 9 sites per wafer, so the wafer means go on a three-way chart, one
// point per wafer (1000 points from 9000 rows); the approved three-way limits
// of the demo stay in force. A CSV column has no wafers and stays on I-MR.
TEST(SpcCli, DefaultChartFollowsSitesPerWafer) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "demo.fabdb");
  const auto err = dir.path("err");
  ASSERT_EQ(test::runCli({"demo", "--workspace", ws}, err).exitCode, 0);
  const auto approved = runJson({"spc", "--workspace", ws, "--parameter", "OX_THK", "--json"}, err);
  EXPECT_EQ(approved["chart"], "three-way");
  EXPECT_EQ(approved["chart_reason"],
            "9 sites per wafer: three-way chart of wafer means (between) and within-wafer ranges");
  EXPECT_EQ(approved["points"], 1000);
  EXPECT_THAT(approved["limits_source"].get<std::string>(),
              HasSubstr("approved limits version 1 (three-way), approved by demo"));
  EXPECT_EQ(approved["subgroups"][0]["n"], 9.0);

  const auto fresh = runJson({"spc", "--workspace", ws, "--parameter", "OX_THK", "--re-estimate", "--json"}, err);
  EXPECT_EQ(fresh["chart"], "three-way");
  EXPECT_THAT(fresh["limits_source"].get<std::string>(), HasSubstr("re-estimated: estimated from"));
  EXPECT_EQ(fresh["chart_reason"], approved["chart_reason"]);

  const auto text = test::runCli({"spc", "--workspace", ws, "--parameter", "OX_THK"}, err);
  ASSERT_EQ(text.exitCode, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("three-way chart of"));
  EXPECT_THAT(text.out, HasSubstr("chart: 9 sites per wafer: three-way chart of wafer means"));

  const auto csv = dir.write("x.csv", "x\n1\n2\n1.5\n2.5\n1.8\n");
  const auto imr = runJson({"spc", "--csv", csv, "--value", "x", "--json"}, err);
  EXPECT_EQ(imr["chart"], "imr");
  EXPECT_FALSE(imr.contains("chart_reason"));
}

TEST(SpcCli, GroupsByChamberThroughLotHistory) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "demo.fabdb");
  const auto err = dir.path("err");
  ASSERT_EQ(test::runCli({"demo", "--workspace", ws}, err).exitCode, 0);
  const std::vector<std::string> base = {"spc", "--workspace", ws, "--parameter", "GATE_CD", "--chart", "imr"};
  auto byChamber = base;
  for (const char* a : {"--group-by", "chamber", "--step", "GATE_ETCH", "--json"}) byChamber.push_back(a);
  const auto j = runJson(byChamber, err);
  const std::size_t points = j["points"];
  // Every point carries a chamber of the demo's etchers; the group counts add up.
  std::size_t total = 0, violations = 0;
  std::string worst;
  std::size_t worstCount = 0;
  for (const auto& g : j["groups"]) {
    const std::string name = g["name"];
    EXPECT_TRUE(name == "ETCH-03/A" || name == "ETCH-03/B" || name == "ETCH-04/A") << name;
    total += g["points"].get<std::size_t>();
    violations += g["violations"].get<std::size_t>();
    if (g["violations"].get<std::size_t>() > worstCount) {
      worstCount = g["violations"].get<std::size_t>();
      worst = name;
    }
  }
  EXPECT_EQ(total, points);
  EXPECT_EQ(violations, j["panels"][0]["violations"].size());
  std::size_t recounted = 0;
  for (const auto& s : j["subgroups"]) recounted += s["group"] == "ETCH-03/B";
  for (const auto& g : j["groups"]) {
    if (g["name"] == "ETCH-03/B") EXPECT_EQ(g["points"].get<std::size_t>(), recounted);
  }
  // The demo shifts GATE_CD on chamber B of ETCH-03 after its wet clean.
  EXPECT_EQ(worst, "ETCH-03/B");

  auto noStep = base;
  for (const char* a : {"--group-by", "tool"}) noStep.push_back(a);
  const auto r = test::runCli(noStep, err);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_THAT(r.err, HasSubstr("--step"));
  auto byProduct = base;
  for (const char* a : {"--group-by", "product", "--json"}) byProduct.push_back(a);
  const auto p = runJson(byProduct, err);
  EXPECT_EQ(p["groups"].size(), 3u);  // three demo products
}

// The JSON's long arrays are written point by point into the document: each is
// whole and in its place, and names the points the subgroup list names.
TEST(SpcCli, JsonArraysWrittenPointByPointAreWhole) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "demo.fabdb");
  const auto err = dir.path("err");
  ASSERT_EQ(test::runCli({"demo", "--workspace", ws}, err).exitCode, 0);
  for (const char* chart : {"imr", "ewma", "three-way"}) {
    SCOPED_TRACE(chart);
    std::vector<std::string> args = {"spc", "--workspace", ws, "--parameter", "GATE_CD", "--chart", chart, "--json"};
    if (std::string(chart) == "three-way") args.insert(args.end(), {"--subgroup", "wafer"});
    const auto j = runJson(args, err);
    const std::size_t points = j["points"];
    ASSERT_GT(points, 100u);
    ASSERT_EQ(j["subgroups"].size(), points);
    for (std::size_t i = 0; i < points; ++i) ASSERT_EQ(j["subgroups"][i]["index"], i + 1);
    std::size_t violations = 0;
    for (const auto& panel : j["panels"]) {
      EXPECT_EQ(panel["values"].size(), points) << panel["name"];
      ASSERT_FALSE(panel["limits"].empty());
      EXPECT_EQ(panel["limits"].back()["last"], points);
      for (const auto& v : panel["violations"]) {
        EXPECT_EQ(v["key"], j["subgroups"][v["subgroup"].get<std::size_t>() - 1]["key"]);
        ++violations;
      }
    }
    EXPECT_GT(violations, 0u);
    EXPECT_LE(j["exceptions"].size(), violations);
    EXPECT_TRUE(j["warnings"].is_array());
  }
}

}  // namespace
}  // namespace fab

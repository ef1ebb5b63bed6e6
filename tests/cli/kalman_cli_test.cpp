// End-to-end: fabkit-cli kalman and fabkit-cli r2r on files, checked against published values
// and closed forms.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "core/kalman/diagnostics.h"
#include "core/kalman/local_level_fast.h"
#include "tests/support/run_cli.h"
#include "tests/support/run_cli_json.h"
#include "tests/support/temp_dir.h"

namespace fab {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

test::CliResult cli(const std::string& args, bool withStderr = false) { return test::runCliLine(args, withStderr); }

using test::cliJson;

const std::string kNile = "--csv " + test::referenceFile("nile.csv") + " --value volume";

// D&K §2.2 (reference/README.md): a₂ = 1120, P₂ = 16568.1, filtered level for 1872 = 1140.928 (P = 7899.74).
TEST(KalmanCli, NileAtThePublishedVariances) {
  const auto j = cliJson("kalman " + kNile + " --model local-level --var-eps 15099 --var-eta 1469.1");
  EXPECT_EQ(j["model"], "local level");
  EXPECT_EQ(j["fitted"], false);
  const auto& row2 = j["series"][1];
  EXPECT_EQ(row2["row"], 2);
  EXPECT_NEAR(row2["filtered"].get<double>(), 1140.928, 5e-4);
  EXPECT_NEAR(row2["filtered_sd"].get<double>(), std::sqrt(7899.74), 1e-3);
  EXPECT_NEAR(row2["innovation_std"].get<double>(), 40.0 / std::sqrt(31667.1), 1e-6);  // v₂/√F₂
  EXPECT_TRUE(j["series"][0]["innovation_std"].is_null());                             // the diffuse first observation
  const double q = 1469.1 / 15099.0;
  EXPECT_NEAR(j["ewma_lambda"].get<double>(), (std::sqrt(q * q + 4 * q) - q) / 2, 1e-12);
  EXPECT_NEAR(j["steady_state_gain"].get<double>(), (std::sqrt(q * q + 4 * q) - q) / 2, 1e-10);
  EXPECT_EQ(j["series"].size(), 100u);
  EXPECT_EQ(j["nis"]["dof"], 99);
  EXPECT_THAT(j["log_likelihood_convention"].get<std::string>(), HasSubstr("7.2"));
}

TEST(KalmanCli, FitsTheNileVariances) {
  const auto j = cliJson("kalman " + kNile + " --fit");
  EXPECT_EQ(j["fitted"], true);
  EXPECT_NEAR(j["variances"][0]["value"].get<double>(), 15099.0, 30.0);
  EXPECT_NEAR(j["variances"][1]["value"].get<double>(), 1469.1, 7.0);
  EXPECT_GT(j["variances"][0]["se"].get<double>(), 0.0);
  EXPECT_EQ(j["optimiser"]["converged"], true);
}

// reference/README.md: the Nile before and after 1899 has means 1097.75 (n = 28) and 849.97 (n = 72).
// A constant level (σ²η = 0) with a step at 1899 smooths to exactly those means.
TEST(KalmanCli, StepInterventionAt1899GivesTheTwoMeans) {
  const auto j = cliJson("kalman " + kNile + " --time year --intervention 1899 --var-eps 15099 --var-eta 0");
  EXPECT_EQ(j["intervention"]["row"], 29);
  EXPECT_NEAR(j["series"][0]["smoothed"].get<double>(), 1097.75, 1e-6);
  EXPECT_NEAR(j["series"][27]["smoothed"].get<double>(), 1097.75, 1e-6);
  EXPECT_NEAR(j["series"][28]["smoothed"].get<double>(), 849.97, 5e-3);
  EXPECT_NEAR(j["series"][99]["smoothed"].get<double>(), 849.97, 5e-3);
  EXPECT_NEAR(j["intervention"]["effect"].get<double>(), 849.97 - 1097.75, 5e-3);
  // Var(δ̂) = σ²ε (1/28 + 1/72) for two independent means.
  EXPECT_NEAR(j["intervention"]["se"].get<double>(), std::sqrt(15099.0 * (1.0 / 28 + 1.0 / 72)), 1e-6);
  EXPECT_TRUE(j["steady_state_gain"].is_null());
}

TEST(KalmanCli, IrregularTimeIsReported) {
  test::TempDir dir;
  const auto path = dir.write("irr.csv", "t,x\n0,1.0\n1,1.4\n2,0.8\n5,2.1\n6,,\n7,2.5\n9,2.2\n10,2.9\n");
  // The row "6,," is ragged: the reader refuses it with the line number.
  const auto bad = cli("kalman --csv " + path + " --value x --time t --var-eps 1 --var-eta 1", true);
  EXPECT_EQ(bad.exitCode, 1);
  const auto ok = dir.write("irr2.csv", "t,x\n0,1.0\n1,1.4\n2,0.8\n5,2.1\n6,\n7,2.5\n9,2.2\n10,2.9\n");
  const auto j = cliJson("kalman --csv " + ok + " --value x --time t --var-eps 0.2 --var-eta 0.5");
  EXPECT_EQ(j["time"]["irregular"], true);
  EXPECT_THAT(j["time"]["note"].get<std::string>(), HasSubstr("elapsed time"));
  EXPECT_EQ(j["observations"], 7);
  EXPECT_TRUE(j["series"][4]["value"].is_null());
  // Row 4 comes 3 time units after row 3: P₄ = P_{3|3} + 3σ²η, so the innovation variance grows accordingly.
  const double p33 = std::pow(j["series"][2]["filtered_sd"].get<double>(), 2);
  const double v4 = 2.1 - j["series"][2]["filtered"].get<double>();
  EXPECT_NEAR(j["series"][3]["innovation_std"].get<double>(), v4 / std::sqrt(p33 + 3 * 0.5 + 0.2), 1e-9);
}

TEST(KalmanCli, HumanOutputAndUsageErrors) {
  const auto human = cli("kalman " + kNile + " --var-eps 15099 --var-eta 1469.1");
  EXPECT_EQ(human.exitCode, 0);
  EXPECT_THAT(human.out, HasSubstr("equivalent EWMA λ"));
  EXPECT_THAT(human.out, HasSubstr("smoothed"));
  EXPECT_EQ(cli("kalman " + kNile + " --fit --var-eps 1 --var-eta 1").exitCode, 2);
  EXPECT_EQ(cli("kalman " + kNile + " --model arima").exitCode, 2);
  EXPECT_EQ(cli("kalman " + kNile + " --model local-trend --var-eps 1 --var-eta 1").exitCode, 2);  // no --var-slope
  EXPECT_EQ(cli("kalman " + kNile + " --intervention 500").exitCode, 2);
  const auto missing = cli("kalman --csv " + test::referenceFile("nile.csv") + " --value flow --fit", true);
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_THAT(missing.out, HasSubstr("flow"));
  EXPECT_EQ(cli("kalman " + kNile + " --var-eps -1 --var-eta 1").exitCode, 1);
}

// The series is written row by row as it is produced: on a long file with gaps, every row's values equal the
// in-memory filter and smoother run here on the same numbers, and the text table has one line per row.
TEST(KalmanCli, StreamedSeriesEqualsTheInMemoryFilterAndSmoother) {
  test::TempDir dir;
  std::string text = "t,y\n";
  std::vector<double> y;
  for (int t = 0; t < 5000; ++t) {
    const bool missing = t < 2 || t % 31 == 5;
    const double v = std::sin(t / 200.0) * 3 + ((t * 7919) % 1000) / 500.0 + (t == 2500 ? 9.0 : 0.0);
    char cell[32];
    std::snprintf(cell, sizeof cell, "%.4f", v);
    y.push_back(missing ? std::nan("") : std::stod(cell));
    text += std::to_string(t) + "," + (missing ? std::string() : std::string(cell)) + "\n";
  }
  const auto path = dir.write("long.csv", text);
  const auto j = cliJson("kalman --csv " + path + " --value y --var-eps 0.4 --var-eta 0.01");
  const kalman::LocalLevelVariances var{0.4, 0.01};
  const auto f = kalman::localLevelFilter(y, var);
  const auto s = kalman::localLevelSmoother(f, var);
  const Eigen::MatrixXd e = kalman::standardisedInnovations(f);
  ASSERT_EQ(j["series"].size(), y.size());
  auto expectValue = [](const Json& got, double want, const char* what, int t) {
    if (std::isnan(want))
      EXPECT_TRUE(got.is_null()) << what << " at row " << t + 1;
    else
      EXPECT_EQ(got.get<double>(), want) << what << " at row " << t + 1;  // printed to round-trip exactly
  };
  for (int t = 0; t < 5000; ++t) {
    const auto& row = j["series"][t];
    EXPECT_EQ(row["row"], t + 1);
    expectValue(row["value"], y[t], "value", t);
    expectValue(row["filtered"], t < 2 ? std::nan("") : f.filteredState(0, t), "filtered", t);
    expectValue(row["smoothed"], s.state(0, t), "smoothed", t);
    expectValue(row["smoothed_sd"], std::sqrt(s.variance(0, t)), "smoothed sd", t);
    expectValue(row["innovation_std"], e(0, t), "innovation", t);
    expectValue(row["outlier_residual"], s.observationAuxiliary(0, t), "outlier residual", t);
  }
  EXPECT_DOUBLE_EQ(j["log_likelihood"].get<double>(), f.logLikelihood);
  const auto human = cli("kalman --csv " + path + " --value y --var-eps 0.4 --var-eta 0.01");
  EXPECT_EQ(human.exitCode, 0);
  const auto table = human.out.substr(human.out.find("\nrow"));
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 5000 + 3);  // blank, header, rule and the rows
  EXPECT_THAT(table, HasSubstr("\n5000 "));
}

TEST(R2rCli, EwmaOnAConstantOffset) {
  // d = 7, target 5, b = 1, β = 2.5, λ = 0.4: e_t = 2 (1 − λξ)^(t−1) = 2·0^(t−1): one-step deadbeat.
  test::TempDir dir;
  std::string csv = "run,thk\n";
  for (int t = 1; t <= 10; ++t) csv += std::to_string(t) + ",7\n";
  const auto path = dir.write("r2r.csv", csv);
  const auto j = cliJson("r2r --csv " + path + " --value thk --lambda 0.4 --gain 1 --target 5 --process-gain 2.5");
  EXPECT_EQ(j["controller"], "EWMA");
  EXPECT_EQ(j["stability"]["stable"], true);
  EXPECT_NEAR(j["series"][0]["output"].get<double>(), 7.0, 1e-12);
  for (int t = 1; t < 10; ++t) EXPECT_NEAR(j["series"][t]["output"].get<double>(), 5.0, 1e-12);
  EXPECT_NEAR(j["mse"].get<double>(), 4.0 / 10, 1e-12);
  const auto unstable =
      cliJson("r2r --csv " + path + " --value thk --lambda 0.9 --gain 1 --target 5 --process-gain 2.5");
  EXPECT_EQ(unstable["stability"]["stable"], false);
  EXPECT_THAT(unstable["stability"]["condition"].get<std::string>(), HasSubstr("outside (0, 2)"));
}

TEST(R2rCli, DriftOffsetEwmaVersusDoubleEwma) {
  const std::string sim = "r2r --simulate drift --drift 0.2 --noise-sd 0 --runs 400 --lambda 0.5 --gain 1 --target 0";
  const auto ewma = cliJson(sim);
  EXPECT_NEAR(ewma["drift_offset"].get<double>(), 0.2 / 0.5, 1e-9);
  EXPECT_NEAR(ewma["series"][399]["output"].get<double>(), 0.4, 1e-9);
  const auto dewma = cliJson(sim + " --lambda2 0.3");
  EXPECT_EQ(dewma["controller"], "double EWMA");
  EXPECT_EQ(dewma["drift_offset"].get<double>(), 0.0);
  EXPECT_NEAR(dewma["series"][399]["output"].get<double>(), 0.0, 1e-8);
  EXPECT_EQ(cli("r2r --simulate ramp --lambda 0.5 --gain 1 --target 0").exitCode, 1);
  EXPECT_EQ(cli("r2r --simulate drift --lambda 0.5 --target 0").exitCode, 2);  // no --gain
  const auto human = cli(sim + " --lambda2 0.3");
  EXPECT_THAT(human.out, HasSubstr("double EWMA"));
  EXPECT_THAT(human.out, HasSubstr("stable"));
}

}  // namespace
}  // namespace fab

namespace {

TEST(KalmanCli, AWorkspaceParameterOrACsvColumnNotBoth) {
  fab::test::TempDir dir;
  const auto ws = dir.path("demo.fabdb");
  ASSERT_EQ(fab::test::runCli({"demo", "--workspace", ws}).exitCode, 0);
  const auto both = fab::test::runCli({"kalman", "--workspace", ws, "--parameter", "GATE_CD", "--csv", "x.csv"});
  EXPECT_EQ(both.exitCode, 2);
  const auto csvOption = fab::test::runCli({"kalman", "--workspace", ws, "--parameter", "GATE_CD", "--var-eps", "1"});
  EXPECT_EQ(csvOption.exitCode, 2);
  EXPECT_NE(csvOption.err.find("--var-eps applies to --csv"), std::string::npos) << csvOption.err;
  const auto unknown = fab::test::runCli({"kalman", "--workspace", ws, "--parameter", "NOPE"});
  EXPECT_EQ(unknown.exitCode, 1);
  EXPECT_NE(unknown.err.find("GATE_CD"), std::string::npos) << unknown.err;  // names the parameters present
}

}  // namespace

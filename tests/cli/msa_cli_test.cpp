// End-to-end: fabkit-cli kappa and fabkit-cli grr on files and saved studies, checked against
// published values (reference/README.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/support/run_cli.h"
#include "tests/support/run_cli_json.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace fab {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

test::CliResult cli(const std::string& args, bool withStderr = false) { return test::runCliLine(args, withStderr); }

using test::cliJson;

const std::string kAiag = "--csv " + test::referenceFile("aiag_grr_long.csv") + " --part part --operator op --value y";

const Json& component(const Json& components, const std::string& symbol) {
  for (const auto& c : components)
    if (c["symbol"] == symbol) return c;
  throw std::runtime_error("no component " + symbol);
}

TEST(GrrCli, AiagStudyByBothMethods) {
  const auto j = cliJson("grr " + kAiag + " --trial trial --method both --tolerance 5");
  EXPECT_EQ(j["parts"].size(), 10u);
  EXPECT_EQ(j["operators"], Json({"A", "B", "C"}));
  // AIAG average-and-range results.
  const auto& x = j["xbar_r"];
  EXPECT_NEAR(x["mean_range"].get<double>(), 0.3417, 5e-5);
  EXPECT_NEAR(x["operator_mean_difference"].get<double>(), 0.4447, 5e-5);
  EXPECT_NEAR(x["part_range"].get<double>(), 3.511, 5e-4);
  EXPECT_NEAR(x["ev"].get<double>(), 0.2019, 5e-4 * 0.2019);
  EXPECT_NEAR(x["av"].get<double>(), 0.2297, 5e-4 * 0.2297);
  EXPECT_NEAR(x["grr"].get<double>(), 0.3058, 5e-4 * 0.3058);
  EXPECT_NEAR(x["pv"].get<double>(), 1.1046, 5e-4 * 1.1046);
  EXPECT_NEAR(x["tv"].get<double>(), 1.1461, 5e-4 * 1.1461);
  EXPECT_NEAR(component(x["components"], "GRR")["pct_study_var"].get<double>(), 26.68, 0.01);
  EXPECT_NEAR(component(x["components"], "GRR")["pct_tolerance"].get<double>(), 100 * 6 * x["grr"].get<double>() / 5,
              1e-9);
  EXPECT_EQ(x["ndc"], 5);
  // AIAG ANOVA table; the interaction is pooled at the default alpha 0.05.
  const auto& a = j["anova"];
  EXPECT_NEAR(a["table"][0]["ss"].get<double>(), 88.3619, 5e-5);
  EXPECT_NEAR(a["table"][1]["f"].get<double>(), 79.41, 5e-3);
  EXPECT_NEAR(a["table"][2]["f"].get<double>(), 0.434, 5e-4);
  EXPECT_EQ(a["interaction_pooled"], true);
  EXPECT_EQ(a["reduced_table"].size(), 4u);
  // The methods legitimately differ: ANOVA's ndc is 4 here.
  EXPECT_EQ(a["ndc"], 4);
}

TEST(GrrCli, TrialsCountInFileOrderWithoutATrialColumn) {
  const auto withTrial = cliJson("grr " + kAiag + " --trial trial --method xbar-r");
  const auto byOrder = cliJson("grr " + kAiag + " --method xbar-r");
  EXPECT_DOUBLE_EQ(withTrial["xbar_r"]["ev"].get<double>(), byOrder["xbar_r"]["ev"].get<double>());
  EXPECT_FALSE(byOrder.contains("anova"));
}

TEST(GrrCli, InteractionAlphaIsAnOption) {
  const auto j = cliJson("grr " + kAiag + " --interaction-alpha 1");
  EXPECT_EQ(j["anova"]["interaction_pooled"], false);
  EXPECT_TRUE(j["anova"]["reduced_table"].is_null());
}

TEST(GrrCli, BadInputGetsAClearMessageAndExitCode) {
  test::TempDir dir;
  const auto unbalanced =
      dir.write("u.csv", "part,op,y\n1,A,1.0\n1,A,1.1\n2,A,2.0\n2,A,2.1\n1,B,1.2\n2,B,2.2\n2,B,2.3\n");
  const auto r = cli("grr --csv " + unbalanced + " --part part --operator op --value y", true);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.out, HasSubstr("part '1', appraiser 'B' has 1"));
  EXPECT_EQ(cli("grr " + kAiag + " --method range").exitCode, 2);
  EXPECT_EQ(cli("grr --csv " + unbalanced + " --part part").exitCode, 2);
  const auto missing = dir.write("m.csv", "part,op,y\n1,A,1.0\n1,A,NA\n");
  const auto m = cli("grr --csv " + missing + " --part part --operator op --value y", true);
  EXPECT_EQ(m.exitCode, 1);
  EXPECT_THAT(m.out, HasSubstr("line 3: part '1', appraiser 'A' has no measurement"));
}

TEST(KappaCli, CohenTwoByTwoExampleInWideLayout) {
  test::TempDir dir;
  std::ostringstream text;
  text << "subject,r1,r2\n";
  int subject = 0;
  auto add = [&](int n, const char* a, const char* b) {
    for (int i = 0; i < n; ++i) text << "s" << ++subject << "," << a << "," << b << "\n";
  };
  add(20, "yes", "yes"), add(5, "yes", "no"), add(10, "no", "yes"), add(15, "no", "no");
  const auto csv = dir.write("cohen.csv", text.str());
  const auto j = cliJson("kappa --csv " + csv + " --raters r1,r2 --subject subject --method cohen");
  EXPECT_EQ(j["n"], 50);
  EXPECT_NEAR(j["observed"].get<double>(), 0.70, 1e-12);
  EXPECT_NEAR(j["expected"].get<double>(), 0.50, 1e-12);
  const auto& k = j["kappa"];
  EXPECT_NEAR(k["kappa"].get<double>(), 0.40, 1e-12);
  EXPECT_NEAR(k["se_large_sample"].get<double>(), 0.1270, 5e-5);
  EXPECT_NEAR(k["se_null"].get<double>(), 0.1386, 5e-5);
  EXPECT_NEAR(k["z"].get<double>(), 2.89, 5e-3);
  EXPECT_EQ(k["agreement"], "fair");
  EXPECT_THAT(j["standard_errors"].get<std::string>(), HasSubstr("large-sample"));
  const auto weighted = cliJson("kappa --csv " + csv + " --raters r1,r2 --method cohen --weights quadratic");
  EXPECT_NEAR(weighted["kappa"]["kappa"].get<double>(), 0.40, 1e-12);  // two categories: every weighting agrees
  const auto human = cli("kappa --csv " + csv + " --raters r1,r2 --method cohen");
  EXPECT_THAT(human.out, HasSubstr("0.4000 (fair)"));
}

TEST(KappaCli, FleissOnFleissDiagnoses) {
  const auto d = test::referenceFile("diagnoses.csv");
  const auto j = cliJson("kappa --csv " + d + " --raters rater1,rater2,rater3,rater4,rater5,rater6 --method fleiss");
  EXPECT_EQ(j["subjects"], 30);
  EXPECT_EQ(j["raters_per_subject"], 6);
  EXPECT_NEAR(j["overall"]["kappa"].get<double>(), 0.430, 5e-4);
  EXPECT_EQ(j["overall"]["agreement"], "moderate");
  EXPECT_FALSE(j["overall"].contains("ci"));  // Fleiss' kappa: SE under H0 only
  EXPECT_EQ(j["per_category"].size(), 5u);
}

TEST(KappaCli, FleissFromTheCountMatrixExample) {
  // Fleiss (1971) count matrix (reference/README.md): κ 0.210, P̄ 0.378, P̄e 0.213.
  test::TempDir dir;
  const auto csv = dir.write("counts.csv",
                             "subject,c1,c2,c3,c4,c5\n1,0,0,0,0,14\n2,0,2,6,4,2\n3,0,0,3,5,6\n4,0,3,9,2,0\n"
                             "5,2,2,8,1,1\n6,7,7,0,0,0\n7,3,2,6,3,0\n8,2,5,3,2,2\n9,6,5,2,1,0\n10,0,2,2,3,7\n");
  const auto j = cliJson("kappa --csv " + csv + " --counts c1,c2,c3,c4,c5 --method fleiss");
  EXPECT_EQ(j["subjects"], 10);
  EXPECT_EQ(j["raters_per_subject"], 14);
  EXPECT_NEAR(j["observed"].get<double>(), 0.378, 5e-4);
  EXPECT_NEAR(j["expected"].get<double>(), 0.213, 5e-4);
  EXPECT_NEAR(j["overall"]["kappa"].get<double>(), 0.210, 5e-4);
  EXPECT_EQ(j["per_category"][0]["category"], "c1");
  EXPECT_EQ(cli("kappa --csv " + csv + " --counts c1,c2 --method cohen").exitCode, 2);
  const auto bad = dir.write("bad.csv", "c1,c2\n1,1\n2,1\n");
  const auto r = cli("kappa --csv " + bad + " --counts c1,c2 --method fleiss", true);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.out, HasSubstr("same number of ratings"));
}

TEST(KappaCli, AgreementTablesFromLongDataAndTheWorkspace) {
  test::TempDir dir;
  std::ostringstream text;
  text << "part,appraiser,trial,rating,standard\n";
  const std::string standard = "GGBBGB";
  const std::vector<std::pair<std::string, std::vector<std::string>>> ratings = {{"A", {"GGBBGB", "GBBBGB"}},
                                                                                 {"B", {"GGBGBB", "GGBGGB"}}};
  for (const auto& [who, trials] : ratings)
    for (std::size_t t = 0; t < trials.size(); ++t)
      for (std::size_t s = 0; s < standard.size(); ++s)
        text << "P" << s + 1 << "," << who << "," << t + 1 << "," << trials[t][s] << "," << standard[s] << "\n";
  const auto csv = dir.write("attr.csv", text.str()), ws = test::workspaceIn(dir, "w.fabdb");
  const std::string columns = " --subject part --rater appraiser --rating rating --trial trial --standard standard";
  const auto j = cliJson("kappa --csv " + csv + columns + " --workspace " + ws + " --save visual");
  ASSERT_EQ(j["within_appraisers"].size(), 2u);
  EXPECT_EQ(j["within_appraisers"][0]["matched"], 5);
  EXPECT_NEAR(j["within_appraisers"][0]["kappa"]["overall"]["kappa"].get<double>(), 46.0 / 70, 1e-12);
  EXPECT_EQ(j["versus_standard"][1]["matched"], 4);
  EXPECT_EQ(j["between"]["matched"], 3);
  EXPECT_EQ(j["between"]["unmatched_subjects"], Json({"P2", "P4", "P5"}));
  EXPECT_NEAR(j["between"]["percent"].get<double>(), 50.0, 1e-12);
  EXPECT_NEAR(j["all_versus_standard"]["kappa"]["overall"]["kappa"].get<double>(), 380.0 / 572, 1e-12);
  // The saved study gives the same answer.
  const auto again = cliJson("kappa --workspace " + ws + " --study visual");
  EXPECT_EQ(again["between"], j["between"]);
  EXPECT_EQ(again["all_versus_standard"], j["all_versus_standard"]);
  // Saving twice needs --replace.
  const auto twice = cli("kappa --csv " + csv + columns + " --workspace " + ws + " --save visual", true);
  EXPECT_EQ(twice.exitCode, 1);
  EXPECT_THAT(twice.out, HasSubstr("already has a gauge study named 'visual'"));
  EXPECT_EQ(cli("kappa --csv " + csv + columns + " --workspace " + ws + " --save visual --replace").exitCode, 0);
}

TEST(KappaCli, KendallAndKrippendorff) {
  const auto anxiety = test::referenceFile("anxiety.csv");
  const auto w = cliJson("kappa --csv " + anxiety + " --raters rater1,rater2,rater3 --method kendall");
  EXPECT_EQ(w["df"], 19);
  EXPECT_NEAR(w["chi_square"].get<double>(), 3 * 19 * w["w"].get<double>(), 1e-9);
  EXPECT_EQ(w["tie_corrected"], true);
  const auto a =
      cliJson("kappa --csv " + anxiety + " --raters rater1,rater2,rater3 --method krippendorff --level ordinal");
  EXPECT_EQ(a["level"], "ordinal");
  EXPECT_EQ(a["pairable_subjects"], 20);
}

TEST(KappaCli, BadInputGetsAClearMessageAndExitCode) {
  test::TempDir dir;
  const auto csv = dir.write("r.csv", "r1,r2,r3\nG,G,\nB,B,\nG,B,\n");
  const auto empty = cli("kappa --csv " + csv + " --raters r1,r2,r3 --method fleiss", true);
  EXPECT_EQ(empty.exitCode, 1);
  EXPECT_THAT(empty.out, HasSubstr("appraiser 'r3' has no ratings"));
  const auto single = dir.write("s.csv", "r1,r2\nG,G\nG,G\n");
  const auto one = cli("kappa --csv " + single + " --raters r1,r2 --method cohen", true);
  EXPECT_EQ(one.exitCode, 1);
  EXPECT_THAT(one.out, HasSubstr("at least two categories"));
  EXPECT_EQ(cli("kappa --csv " + csv + " --raters r1,r2 --method fleiss --weights linear").exitCode, 2);
  EXPECT_EQ(cli("kappa --csv " + csv + " --method cohen").exitCode, 2);
  EXPECT_EQ(cli("kappa --csv " + csv + " --raters r1,r2 --method scott").exitCode, 2);
  EXPECT_EQ(cli("kappa --raters r1,r2").exitCode, 2);
}

}  // namespace
}  // namespace fab

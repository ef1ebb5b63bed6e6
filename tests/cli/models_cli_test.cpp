// fabkit-cli train, evaluate and classify end to end (present when built with libtorch).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"

namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

/// The shipped student's answer for a drawn pattern: its best guess is the pattern, named as such unless the model
/// calls the map uncertain because it lies far from its real training maps (a textbook map drawn without the
/// scattered fails of a real wafer may), never for a low top probability.
void expectNamed(const Json& w, const std::string& pattern) {
  EXPECT_EQ(w["best_guess"], pattern) << w["wafer"];
  if (w["uncertain"] == true) {
    EXPECT_EQ(w["uncertain_because"], Json::array({"far from the training maps"})) << w["wafer"];
    EXPECT_EQ(w["class"], "uncertain");
    EXPECT_GT(w["training_distance"].get<double>(), 0.0);
  } else {
    EXPECT_EQ(w["class"], pattern) << w["wafer"];
  }
}

class ModelsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (cli("train --help").exitCode != 0) GTEST_SKIP() << "fabkit-cli was built without libtorch";
  }
  /// Runs fabkit-cli with space-separated arguments (the test's paths have no spaces).
  fab::test::CliResult cli(const std::string& arguments) {
    std::vector<std::string> args;
    std::istringstream in(arguments);
    for (std::string a; in >> a;) args.push_back(a);
    return fab::test::runCli(args, dir_.path("stderr.txt"));
  }
  Json cliJson(const std::string& arguments) {
    const auto r = cli(arguments + " --json");
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return r.exitCode == 0 ? Json::parse(r.out) : Json();
  }
  /// Round wafers 40 dies across with unmistakable patterns: a failing centre
  /// (r < 0.3 radii), a failing outer ring (r > 0.85), a wafer failing almost
  /// everywhere, and a clean wafer. `lot` adds a lot column; bins 1 pass, 7 fail.
  std::string patternCsv(bool lot) {
    std::ostringstream csv;
    csv << (lot ? "lot," : "") << "wafer,die_x,die_y,bin\n";
    auto add = [&](const std::string& wafer, auto fails) {
      for (int y = 0; y < 40; ++y)
        for (int x = 0; x < 40; ++x) {
          const double r = std::hypot(x - 19.5, y - 19.5) / 20.0;
          if (r > 0.97) continue;
          csv << (lot ? "L1," : "") << wafer << "," << x << "," << y << "," << (fails(r, x, y) ? 7 : 1) << "\n";
        }
    };
    add(lot ? "1" : "W-center", [](double r, int, int) { return r < 0.3; });
    add(lot ? "2" : "W-ring", [](double r, int, int) { return r > 0.85; });
    add(lot ? "3" : "W-full", [](double, int x, int y) { return (x * 7 + y * 3) % 10 != 0; });
    add(lot ? "4" : "W-clean", [](double, int, int) { return false; });
    return dir_.write(lot ? "lot.csv" : "maps.csv", csv.str());
  }
  fab::test::TempDir dir_;
};

TEST_F(ModelsCliTest, TrainEvaluateAndClassifyWithTinyNetworks) {
  const auto out = dir_.path("run");
  const auto t = cliJson(
      "train --tiny --maps 90 --eval-maps 18 --epochs 1 --teacher-epochs 1 --threads 1 "
      "--device cpu --quiet --out " +
      out);
  ASSERT_EQ(t["models"].size(), 3u);
  EXPECT_EQ(t["models"][0]["role"], "teacher");
  EXPECT_EQ(t["models"][1]["role"], "student");
  EXPECT_EQ(t["models"][2]["role"], "student-baseline");
  EXPECT_EQ(t["models"][1]["parameters"], t["models"][2]["parameters"]);
  EXPECT_EQ(t["models"][1]["held_out"]["maps"], 18);
  for (const char* role : {"teacher", "student", "student-baseline"}) {
    EXPECT_TRUE(std::filesystem::exists(out + "/" + role + "/model.pt")) << role;
    EXPECT_TRUE(std::filesystem::exists(out + "/" + role + "/model.json")) << role;
  }
  EXPECT_TRUE(std::filesystem::exists(out + "/training.json"));

  const auto e = cliJson("evaluate --model " + out + " --maps 18 --threads 1");
  EXPECT_EQ(e["role"], "student");
  EXPECT_EQ(e["parameters"], t["models"][1]["parameters"]);
  EXPECT_EQ(e["test"]["maps"], 18);
  EXPECT_EQ(e["held_out"]["per_class"].size(), 9u);

  const auto c = cliJson("classify --model " + out + "/teacher --csv " + patternCsv(false));
  ASSERT_EQ(c["wafers"].size(), 4u);
  EXPECT_EQ(c["role"], "teacher");
  EXPECT_EQ(c["wafers"][0]["wafer"], "W-center");
  EXPECT_EQ(c["wafers"][0]["first_line"], 2);
  for (const auto& w : c["wafers"]) {
    double sum = 0, best = -1;
    std::string bestName;
    for (const auto& [name, p] : w["probabilities"].items()) {
      sum += p.get<double>();
      if (p.get<double>() > best) best = p.get<double>(), bestName = name;
    }
    EXPECT_NEAR(sum, 1.0, 1e-5);
    EXPECT_EQ(w["class"], bestName);
    EXPECT_DOUBLE_EQ(w["probability"].get<double>(), best);
  }
}

TEST_F(ModelsCliTest, ShippedStudentNamesClearPatternsFromCsv) {
  // Without --model the pretrained student is used.
  const auto j = cliJson("classify --csv " + patternCsv(false));
  ASSERT_EQ(j["wafers"].size(), 4u);
  expectNamed(j["wafers"][0], "center");
  expectNamed(j["wafers"][1], "edge-ring");
  expectNamed(j["wafers"][2], "near-full");
  EXPECT_EQ(j["wafers"][3]["class"], "none");  // no failing die: "none" by definition, never uncertain
  // Counting bin 7 as passing too leaves nothing failing.
  const auto allPass = cliJson("classify --csv " + dir_.path("maps.csv") + " --pass-bins 1,7");
  for (const auto& w : allPass["wafers"]) EXPECT_EQ(w["class"], "none") << w["wafer"];
  const auto text = cli("classify --csv " + dir_.path("maps.csv"));
  EXPECT_EQ(text.exitCode, 0);
  EXPECT_THAT(text.out, HasSubstr("W-center"));
  EXPECT_THAT(text.out, HasSubstr("edge-ring"));
}

TEST_F(ModelsCliTest, ClassifiesTheDieMapsOfAWorkspaceLot) {
  const auto ws = dir_.path("w.fabdb");
  ASSERT_EQ(cli("import " + patternCsv(true) + " --workspace " + ws + " --kind dies").exitCode, 0);
  const auto j = cliJson("classify --workspace " + ws + " --lot L1");
  ASSERT_EQ(j["wafers"].size(), 4u);
  EXPECT_EQ(j["wafers"][0]["lot"], "L1");
  EXPECT_EQ(j["wafers"][0]["slot"], 1);
  expectNamed(j["wafers"][0], "center");
  expectNamed(j["wafers"][1], "edge-ring");
  expectNamed(j["wafers"][2], "near-full");
  EXPECT_EQ(j["wafers"][3]["class"], "none");  // no failing die: "none" by definition, never uncertain
  const auto missing = cli("classify --workspace " + ws + " --lot L9");
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_THAT(missing.err, HasSubstr("lot 'L9' has no die maps"));
  EXPECT_EQ(cli("classify --workspace " + ws + " --notch left").exitCode, 2);
}

TEST_F(ModelsCliTest, ClearErrors) {
  const auto csv = patternCsv(false);
  EXPECT_EQ(cli("classify").exitCode, 2);
  EXPECT_EQ(cli("classify --csv " + csv + " --workspace " + dir_.path("w.fabdb")).exitCode, 2);
  EXPECT_EQ(cli("classify --csv " + csv + " --lot L1").exitCode, 2);
  const auto noModel = cli("classify --model " + dir_.path("none") + " --csv " + csv);
  EXPECT_EQ(noModel.exitCode, 1);
  EXPECT_THAT(noModel.err, HasSubstr("no model in"));
  EXPECT_EQ(cli("classify --csv " + csv + " --pass-bins 1,x").exitCode, 2);
  const auto cuda = cli("evaluate --maps 9 --device cuda");
  if (cuda.exitCode != 0) EXPECT_THAT(cuda.err, HasSubstr("CUDA was requested"));
  const auto alpha = cli("train --out " + dir_.path("x") + " --hard-weight 2");
  EXPECT_EQ(alpha.exitCode, 1);
  EXPECT_THAT(alpha.err, HasSubstr("alpha"));
}

}  // namespace

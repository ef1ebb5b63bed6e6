// End-to-end checks of fabkit-cli train, evaluate and classify (built with libtorch only).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>

#include "tests/support/temp_dir.h"

namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

struct Result {
  int exit = -1;
  std::string out, err;
};

Result cli(const std::string& arguments, const fab::test::TempDir& dir) {
  const auto errPath = dir.path("stderr.txt");
  const std::string command = std::string(FAB_CLI_PATH) + " " + arguments + " 2> " + errPath;
  Result r;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) r.out.append(buffer, n);
  const int status = pclose(pipe);
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(errPath);
  r.err.assign(std::istreambuf_iterator<char>(err), {});
  return r;
}

bool cliHasModels() {
  fab::test::TempDir dir;
  return cli("train --help", dir).exit == 0;
}

#define REQUIRE_MODELS() \
  if (!cliHasModels()) GTEST_SKIP() << "fabkit-cli was built without libtorch"

/// A die map CSV of round wafers 40 dies across, failing where `fails(r)` says,
/// r the die centre's distance from the wafer centre in radii.
template <typename F>
void addWafer(std::ostringstream& csv, const std::string& wafer, F fails, bool binColumn) {
  for (int y = 0; y < 40; ++y)
    for (int x = 0; x < 40; ++x) {
      const double r = std::hypot(x - 19.5, y - 19.5) / 20.0;
      if (r > 0.97) continue;
      const bool fail = fails(r, x, y);
      csv << wafer << "," << x << "," << y << "," << (binColumn ? (fail ? "7" : "2") : (fail ? "0" : "1")) << "\n";
    }
}

std::string patternCsv(const fab::test::TempDir& dir, bool binColumn) {
  std::ostringstream csv;
  csv << "wafer,die_x,die_y," << (binColumn ? "bin" : "pass") << "\n";
  addWafer(
      csv, "W-center", [](double r, int, int) { return r < 0.3; }, binColumn);
  addWafer(
      csv, "W-ring", [](double r, int, int) { return r > 0.85; }, binColumn);
  addWafer(
      csv, "W-full", [](double, int x, int y) { return (x * 7 + y * 3) % 10 != 0; }, binColumn);
  addWafer(
      csv, "W-clean", [](double, int, int) { return false; }, binColumn);
  return dir.write("maps.csv", csv.str());
}

TEST(ModelsCli, TrainEvaluateAndClassifyWithTinyNetworks) {
  REQUIRE_MODELS();
  fab::test::TempDir dir;
  const auto out = dir.path("run");
  const auto train =
      cli("train --tiny --maps 90 --eval-maps 18 --epochs 1 --teacher-epochs 1 --threads 1 --device cpu "
          "--quiet --json --out " +
              out,
          dir);
  ASSERT_EQ(train.exit, 0) << train.err;
  const auto t = Json::parse(train.out);
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

  const auto evaluate = cli("evaluate --model " + out + " --maps 18 --threads 1 --json", dir);
  ASSERT_EQ(evaluate.exit, 0) << evaluate.err;
  const auto e = Json::parse(evaluate.out);
  EXPECT_EQ(e["role"], "student");
  EXPECT_EQ(e["parameters"], t["models"][1]["parameters"]);
  EXPECT_EQ(e["test"]["maps"], 18);
  EXPECT_EQ(e["held_out"]["per_class"].size(), 9u);

  const auto classify = cli("classify --model " + out + "/teacher --csv " + patternCsv(dir, false) + " --json", dir);
  ASSERT_EQ(classify.exit, 0) << classify.err;
  const auto c = Json::parse(classify.out);
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

TEST(ModelsCli, ShippedStudentNamesClearPatterns) {
  REQUIRE_MODELS();
  fab::test::TempDir dir;
  // Without --model the pretrained student is used; bins 1 and 2 pass.
  const auto r = cli("classify --csv " + patternCsv(dir, true) + " --pass-bins 1,2 --json", dir);
  ASSERT_EQ(r.exit, 0) << r.err;
  const auto j = Json::parse(r.out);
  ASSERT_EQ(j["wafers"].size(), 4u);
  EXPECT_EQ(j["wafers"][0]["class"], "center");
  EXPECT_EQ(j["wafers"][1]["class"], "edge-ring");
  EXPECT_EQ(j["wafers"][2]["class"], "near-full");
  EXPECT_EQ(j["wafers"][3]["class"], "none");
  const auto text = cli("classify --csv " + dir.path("maps.csv") + " --pass-bins 1,2", dir);
  EXPECT_EQ(text.exit, 0);
  EXPECT_THAT(text.out, HasSubstr("W-center"));
  EXPECT_THAT(text.out, HasSubstr("edge-ring"));
}

TEST(ModelsCli, ClearErrors) {
  REQUIRE_MODELS();
  fab::test::TempDir dir;
  const auto csv = patternCsv(dir, false);
  EXPECT_EQ(cli("classify", dir).exit, 2);
  EXPECT_EQ(cli("classify --csv " + csv + " --workspace w.fabdb", dir).exit, 2);
  const auto workspace = cli("classify --workspace " + dir.path("w.fabdb"), dir);
  EXPECT_EQ(workspace.exit, 1);
  EXPECT_THAT(workspace.err, HasSubstr("--csv"));
  const auto noModel = cli("classify --model " + dir.path("none") + " --csv " + csv, dir);
  EXPECT_EQ(noModel.exit, 1);
  EXPECT_THAT(noModel.err, HasSubstr("no model in"));
  const auto badBins = cli("classify --csv " + csv + " --pass-bins 1,x", dir);
  EXPECT_EQ(badBins.exit, 2);
  const auto cuda = cli("evaluate --maps 9 --device cuda", dir);
  if (cuda.exit != 0) EXPECT_THAT(cuda.err, HasSubstr("CUDA was requested"));
  EXPECT_EQ(cli("train --out " + dir.path("x") + " --alpha 2", dir).exit, 1);
}

}  // namespace

// fabkit-cli train / evaluate / classify on real wafer maps in WM-811K JSON
// lines (present when built with libtorch). Tiny networks: checks the plumbing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"

namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

class RealMapsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (cli("train --help").exitCode != 0) GTEST_SKIP() << "fabkit-cli was built without libtorch";
  }
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
  /// The first `perClass` maps of each class of the real training file, in a temporary file.
  std::string realSlice(int perClass) {
    std::ifstream in(FAB_SOURCE_DIR "/../shared/reference/real/wm811k/train.jsonl");
    std::map<std::string, int> taken;
    std::ostringstream out;
    for (std::string line; std::getline(in, line);)
      if (taken[Json::parse(line)["label"].get<std::string>()]++ < perClass) out << line << "\n", ++slice_;
    return dir_.write("slice.jsonl", out.str());
  }
  fab::test::TempDir dir_;
  int slice_ = 0;
};

TEST_F(RealMapsCliTest, CrossValidatesTrainsEvaluatesAndClassifies) {
  const auto file = realSlice(6);
  ASSERT_EQ(slice_, 54);
  const auto out = dir_.path("run");
  const auto t = cliJson("train --jsonl " + file +
                         " --tiny --cv 2 --copies 1 --synthetic 18 --calibrated --epochs 1 --teacher-epochs 1"
                         " --threads 1 --quiet --out " +
                         out);
  EXPECT_EQ(t["labelled_maps"], 54);
  const auto& models = t["cross_validation"]["models"];
  ASSERT_EQ(models.size(), 3u);
  EXPECT_EQ(models[0]["role"], "teacher");
  EXPECT_EQ(models[1]["role"], "student");
  EXPECT_EQ(models[2]["role"], "student-baseline");
  for (const auto& m : models) {
    EXPECT_EQ(m["maps"], 54);
    EXPECT_EQ(m["folds"], 2);
    EXPECT_EQ(m["per_class_recall"].size(), 9u);
  }
  // Saved: the teacher and the distilled student, whose card carries the data's citations and its fold scores.
  for (const char* role : {"teacher", "student"})
    EXPECT_TRUE(std::filesystem::exists(out + "/" + role + "/model.pt")) << role;
  std::ifstream cardFile(out + "/student/model.json");
  const auto card = Json::parse(cardFile);
  EXPECT_EQ(card["data"]["citations"].size(), 2u);
  EXPECT_EQ(card["metrics"]["real_cross_validation"]["macro_f1"], models[1]["macro_f1"]);
  // The real labelled maps (54, not their augmented copies nor the 18 synthetic maps) kept next to the weights.
  const auto& kept = card["training_maps"];
  EXPECT_EQ(t["saved"][1]["training_maps"], kept);
  EXPECT_EQ(kept["maps"], 54);
  EXPECT_EQ(kept["percentile"], 99);
  EXPECT_EQ(std::filesystem::file_size(out + "/student/training_maps.f32"),
            54u * kept["dimensions"].get<std::size_t>() * sizeof(float));

  const auto e = cliJson("evaluate --model " + out + " --jsonl " + file + " --threads 1");
  EXPECT_EQ(e["maps"], 54);
  EXPECT_EQ(e["per_class_recall"].size(), 9u);
  EXPECT_EQ(e["metrics"]["confusion_rows_true_columns_predicted"].size(), 9u);

  const auto c = cliJson("classify --model " + out + " --jsonl " + file + " --threads 1");
  ASSERT_EQ(c["wafers"].size(), 54u);
  const double threshold = c["uncertainty_threshold"].get<double>();
  EXPECT_EQ(c["training_distance_threshold"], kept["threshold"]);
  for (const auto& w : c["wafers"]) {
    // Uncertain: low top probability, or far from the training maps (these maps are the training maps: distance 0).
    const bool low = w["probability"].get<double>() < threshold;
    EXPECT_NEAR(w["training_distance"].get<double>(), 0.0, 1e-4);
    EXPECT_EQ(w["uncertain"], low);
    EXPECT_EQ(w["uncertain_because"], low ? Json::array({"low top probability"}) : Json::array());
    EXPECT_EQ(w["class"], low ? Json("uncertain") : w["best_guess"]);
  }
  // Text: the distance rule and each wafer's distance and reason.
  const auto text = cli("classify --model " + out + " --jsonl " + file + " --threads 1");
  EXPECT_THAT(text.out, HasSubstr("uncertain: nearest training map farther than"));
  EXPECT_THAT(text.out, HasSubstr("uncertain because"));
  EXPECT_EQ(c["real_map_scores"]["maps"], 54);
}

TEST_F(RealMapsCliTest, KeepsEachFoldsModelsAndEveryMapsOutOfFoldProbabilities) {
  const auto file = realSlice(4);
  const auto folds = dir_.path("folds");
  const auto t = cliJson("train --jsonl " + file +
                         " --tiny --cv 2 --no-baseline --symmetries 2 --epochs 1 --teacher-epochs 1 --threads 1"
                         " --quiet --fold-models " +
                         folds);
  EXPECT_EQ(t["plan"]["symmetries"], 2);
  std::map<std::string, std::string> foldOfLot;
  std::map<std::string, int> rowsPerModel;
  std::ifstream csv(folds + "/out-of-fold.csv");
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line.rfind("line,wafer,lot,fold,label,model,p_center,", 0), 0u) << line;
  while (std::getline(csv, line)) {
    std::vector<std::string> f;
    std::istringstream in(line);
    for (std::string x; std::getline(in, x, ',');) f.push_back(x);
    ASSERT_EQ(f.size(), 15u) << line;
    ++rowsPerModel[f[5]];
    // A lot is in one fold, whatever the model.
    const auto [it, isNew] = foldOfLot.try_emplace(f[2], f[3]);
    EXPECT_EQ(it->second, f[3]) << "lot " << f[2];
    double sum = 0;
    for (int c = 6; c < 15; ++c) sum += std::stod(f[c]);
    EXPECT_NEAR(sum, 1.0, 1e-5) << line;
  }
  EXPECT_EQ(rowsPerModel, (std::map<std::string, int>{{"student", 36}, {"teacher", 36}}));
  for (const char* fold : {"fold-1", "fold-2"})
    for (const char* role : {"teacher", "student"}) {
      std::ifstream card(folds + "/" + fold + "/" + role + "/model.json");
      ASSERT_TRUE(card) << fold << "/" << role;
      EXPECT_EQ(Json::parse(card)["input"]["symmetries"], 2);
    }
}

TEST_F(RealMapsCliTest, RefusesBadMapsAndUnlabelledEvaluation) {
  const auto bad = dir_.write("bad.jsonl", "{\"wafer\": \"w1\", \"rows\": 1, \"cols\": 3, \"map\": [\"12x\"]}\n");
  const auto r = cli("classify --jsonl " + bad);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_THAT(r.err, HasSubstr("bad.jsonl:1: wafer 'w1': map row 1, column 3: 'x' is not 0"));
  const auto unlabelled = dir_.write("u.jsonl", "{\"wafer\": \"w1\", \"rows\": 1, \"cols\": 2, \"map\": [\"12\"]}\n");
  const auto e = cli("evaluate --jsonl " + unlabelled);
  EXPECT_EQ(e.exitCode, 1);
  EXPECT_THAT(e.err, HasSubstr("carry no label"));
  EXPECT_THAT(cli("train --jsonl " + unlabelled).err, HasSubstr("give --cv K"));
}

}  // namespace

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/common/error.h"
#include "core/io/sha256.h"
#include "core/ml/map_dataset.h"
#include "models/classifier/distillation.h"
#include "models/classifier/model_card.h"
#include "tests/models/classifier/load_error.h"
#include "tests/support/temp_dir.h"

namespace fab::models {
namespace {

using ::testing::HasSubstr;
constexpr int kGrid = 16;

const ml::MapDataset& maps() {
  static const auto data = ml::makeSyntheticDataset(ml::syntheticGenerator(ml::DatasetPurpose::Test, 9), 0, 27, kGrid);
  return data;
}

/// A briefly trained tiny student saved into `dir`.
WaferClassifier savedModel(const std::string& dir) {
  auto model = WaferClassifier::create(Architecture::tinyStudent(), 4, "student", DeviceChoice::Cpu, kGrid);
  TrainingOptions o;
  o.epochs = 1, o.batchSize = 9, o.threads = 1;
  trainClassifier(model, maps(), o);
  model.card().metrics = {{"accuracy", 0.5}};
  model.save(dir);
  return model;
}

using test::loadError;

void editCard(const std::string& dir, const std::function<void(Json&)>& edit) {
  const auto path = dir + "/model.json";
  Json j;
  {
    std::ifstream in(path);
    j = Json::parse(in);
  }
  edit(j);
  std::ofstream(path, std::ios::trunc) << j.dump(2);
}

TEST(Persistence, RoundTripGivesIdenticalPredictions) {
  test::TempDir dir;
  const auto model = savedModel(dir.path("m"));
  const auto loaded = WaferClassifier::load(dir.path("m"), DeviceChoice::Cpu);
  EXPECT_EQ(model.logits(maps().inputs), loaded.logits(maps().inputs));
  EXPECT_EQ(loaded.parameterCount(), model.parameterCount());
  EXPECT_EQ(loaded.card().role, "student");
  EXPECT_EQ(loaded.card().architecture, Architecture::tinyStudent());
  EXPECT_EQ(loaded.card().metrics["accuracy"], 0.5);
}

TEST(Persistence, SidecarDescribesTheModel) {
  test::TempDir dir;
  const auto model = savedModel(dir.path("m"));
  const auto card = readModelCard(dir.path("m/model.json"));
  EXPECT_EQ(card.format, kModelFormat);
  EXPECT_EQ(card.classes, (std::vector<std::string>{"center", "donut", "edge-local", "edge-ring", "local", "near-full",
                                                    "random", "scratch", "none"}));
  EXPECT_EQ(card.channels, (std::vector<std::string>{"off_wafer", "pass", "fail", "fail_clustered"}));
  EXPECT_EQ(card.gridSize, kGrid);
  EXPECT_EQ(card.preprocessing, ml::kPreprocessingId);
  EXPECT_EQ(card.parameterCount, model.parameterCount());
  EXPECT_EQ(card.seed, 4u);
  EXPECT_EQ(card.libtorchVersion, libtorchVersion());
  EXPECT_EQ(card.weightsSha256, io::sha256OfFile(dir.path("m/model.pt")));
  EXPECT_EQ(card.weightsSha256.size(), 64u);
}

TEST(Persistence, KeepsTheSymmetriesAndReadsOlderCardsAsOne) {
  test::TempDir dir;
  auto model = savedModel(dir.path("m"));
  EXPECT_EQ(readModelCard(dir.path("m/model.json")).symmetries, 1);
  model.card().symmetries = 4;
  model.save(dir.path("m"));
  const auto loaded = WaferClassifier::load(dir.path("m"), DeviceChoice::Cpu);
  EXPECT_EQ(loaded.card().symmetries, 4);
  EXPECT_EQ(loaded.logits(maps().inputs), model.logits(maps().inputs));
  editCard(dir.path("m"), [](Json& j) { j["input"].erase("symmetries"); });  // a card written before the field
  EXPECT_EQ(WaferClassifier::load(dir.path("m"), DeviceChoice::Cpu).card().symmetries, 1);
}

TEST(Persistence, RefusesMismatchedSidecars) {
  test::TempDir dir;
  const auto m = dir.path("m");
  savedModel(m);
  const auto fresh = [&] {
    std::filesystem::remove_all(m);
    savedModel(m);
  };
  editCard(m, [](Json& j) { j["classes"][0] = "centre"; });
  EXPECT_THAT(loadError(m), HasSubstr("its classes"));
  fresh();
  editCard(m, [](Json& j) { j["input"]["preprocessing"] = "nearest/v0"; });
  EXPECT_THAT(loadError(m), HasSubstr("preprocessed by 'nearest/v0'"));
  fresh();
  editCard(m, [](Json& j) { j["input"]["channels"] = {"pass", "fail"}; });
  EXPECT_THAT(loadError(m), HasSubstr("input channels"));
  fresh();
  editCard(m, [](Json& j) { j["format_version"] = 99; });
  EXPECT_THAT(loadError(m), HasSubstr("format version 99"));
  fresh();
  editCard(m, [](Json& j) { j["parameter_count"] = 12; });
  EXPECT_THAT(loadError(m), HasSubstr("parameters but the file says 12"));
  fresh();
  editCard(m, [](Json& j) { j["architecture"]["kind"] = "transformer"; });
  EXPECT_THAT(loadError(m), HasSubstr("unknown network kind"));
  fresh();
  editCard(m, [](Json& j) { j.erase("seed"); });
  EXPECT_THAT(loadError(m), HasSubstr("'seed' is missing"));
  fresh();
  editCard(m, [](Json& j) { j["input"]["symmetries"] = 3; });
  EXPECT_THAT(loadError(m), HasSubstr("input.symmetries is 3, not 1, 2, 4 or 8"));
  fresh();
  std::ofstream(m + "/model.pt", std::ios::app) << "x";
  EXPECT_THAT(loadError(m), HasSubstr("SHA-256"));
  EXPECT_THAT(loadError(dir.path("nowhere")), HasSubstr("no model description"));
}

TEST(Persistence, RefusesWeightsOfAnotherNetwork) {
  // A teacher's weights under a card that describes the student (with the
  // student's parameter count): only loading the tensors can tell.
  test::TempDir dir;
  const auto student = savedModel(dir.path("student"));
  auto teacher = WaferClassifier::create(Architecture::tinyTeacher(), 1, "teacher", DeviceChoice::Cpu, kGrid);
  teacher.save(dir.path("teacher"));
  const auto studentCard = readModelCard(dir.path("student/model.json"));
  editCard(dir.path("teacher"), [&](Json& j) {
    j["architecture"] = studentCard.toJson()["architecture"];
    j["parameter_count"] = studentCard.parameterCount;
  });
  EXPECT_THAT(loadError(dir.path("teacher")), HasSubstr("does not hold weights for the network"));
  EXPECT_THAT(loadError(dir.path("teacher")), HasSubstr("refusing a mismatched model"));
}

}  // namespace
}  // namespace fab::models

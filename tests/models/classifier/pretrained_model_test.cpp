// Where the shipped wafer-pattern student is found: the installed layout
// (<exe>/../share/fabkit/models/…) first, the source tree as a fallback.
#include <gtest/gtest.h>

#include <filesystem>

#include "models/classifier/pretrained_model.h"
#include "models/classifier/wafer_classifier.h"
#include "tests/support/temp_dir.h"

namespace fab::models {
namespace {

namespace fs = std::filesystem;

const fs::path kSourceModel = fs::path(FAB_SOURCE_DIR) / "resources" / "models" / "wafer-pattern-student";

TEST(PretrainedModel, FindsTheInstalledLayoutFirst) {
  test::TempDir prefix;
  const fs::path bin = prefix.path("bin"), installed = prefix.path("share/fabkit/models/wafer-pattern-student");
  fs::create_directories(bin);
  fs::create_directories(installed);
  for (const char* f : {"model.json", "model.pt", "training_maps.f32"}) fs::copy_file(kSourceModel / f, installed / f);

  const auto candidates = pretrainedModelCandidates(bin.string());
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(fs::path(candidates[0]), installed.lexically_normal());
  EXPECT_EQ(fs::path(candidates[1]), kSourceModel);
  const auto found = findPretrainedModel(bin.string());
  ASSERT_TRUE(found);
  EXPECT_EQ(fs::path(*found), installed.lexically_normal());
  // The installed copy is a loadable model (its SHA-256 and card checks pass).
  const auto model = WaferClassifier::load(*found, DeviceChoice::Cpu);
  EXPECT_EQ(model.card().role, "student");
  EXPECT_EQ(model.card().architecture.widths, Architecture::student().widths);
  EXPECT_EQ(model.parameterCount(),
            WaferClassifier::create(Architecture::student(), 1, "x", DeviceChoice::Cpu).parameterCount());
}

TEST(PretrainedModel, FallsBackToTheSourceTree) {
  test::TempDir prefix;
  fs::create_directories(prefix.path("bin"));
  // A share folder without model.json does not count.
  fs::create_directories(prefix.path("share/fabkit/models/wafer-pattern-student"));
  const auto found = findPretrainedModel(prefix.path("bin"));
  ASSERT_TRUE(found);
  EXPECT_EQ(fs::path(*found), kSourceModel);
  // From a test executable in the build tree the running lookup finds the source tree's copy.
  EXPECT_EQ(fs::path(pretrainedModelDir()), kSourceModel);
  EXPECT_FALSE(executableDir().empty());
}

}  // namespace
}  // namespace fab::models

// End to end: fabkit-cli import --kind klarf on real KLARF files of other
// tools (shared/reference/real/klarf): a KLARF 1.8 file and the
// Applied Materials ComPlus 3T file (1.1).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace fab {
namespace {

using Json = nlohmann::json;
const std::string kDir = FAB_SOURCE_DIR "/../shared/reference/real/klarf/";

Json importKlarf(const test::TempDir& dir, const std::string& file) {
  const auto r = test::runCli({"import", kDir + file, "--kind", "klarf", "--workspace", test::workspaceIn(dir, "w.fabdb"), "--json"},
                              dir.path("err"));
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  return r.exitCode == 0 ? Json::parse(r.out) : Json{};
}

TEST(KlarfRealCli, ImportsKlarf18) {
  test::TempDir dir;
  const Json j = importKlarf(dir, "jklarfreader/simple18.klarf");
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["rows_imported"], 3 + 1);  // Data 3 and Data 1 of its two DefectLists
  // Its TestSummaryLists count 4 + 4 and 1 + 1 defects: kept as notes.
  EXPECT_THAT(j["notes"].dump(), ::testing::HasSubstr("counts 8 defects but its DefectList has 3"));
}

TEST(KlarfRealCli, ImportsTheComPlusFile) {
  test::TempDir dir;
  const Json j = importKlarf(dir, "klarfkit/CPS3TwithoutReview.001");
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["rows_imported"], 16);  // SummaryList "1 16 0.068681 4988 15"
}

}  // namespace
}  // namespace fab

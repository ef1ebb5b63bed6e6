// End to end: fabkit-cli stdf --json on two real files (the keys scripts rely
// on, with the files' own counts), and import picking kind stdf by itself.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/run_cli.h"
#include "tests/support/run_cli_json.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace fab {
namespace {

using Json = nlohmann::json;

std::string stdfFile(const std::string& name) {
  return std::string(FAB_SOURCE_DIR) + "/../shared/reference/real/stdf/" + name;
}

void expectKeys(const Json& j) {
  for (const char* key : {"parts", "good", "wafers", "hard_bins", "soft_bins", "mir", "wafer_yields", "tests",
                          "records", "unknown_records"})
    EXPECT_TRUE(j.contains(key)) << key;
  for (const char* key : {"lot", "part_type", "tester", "program", "start"}) EXPECT_TRUE(j["mir"].contains(key)) << key;
  for (const auto& [bin, b] : j["hard_bins"].items()) {
    EXPECT_NO_THROW((void)std::stoi(bin));
    for (const char* key : {"count", "name", "pass"}) EXPECT_TRUE(b.contains(key)) << key;
  }
  for (const auto& t : j["tests"])
    for (const char* key : {"number", "name", "units", "lo_limit", "hi_limit", "count", "mean", "sigma", "fails"})
      EXPECT_TRUE(t.contains(key)) << key;
}

TEST(StdfCli, SummaryJsonOfAWaferSortAndAFinalTestFile) {
  // PROVENANCE.md: a595 is Catalyst wafer sort, 3 wafers, 336 parts, big-endian.
  const auto a595 = test::cliJson("stdf " + test::shellQuote(stdfFile("stdflib/a595.stdf")));
  expectKeys(a595);
  EXPECT_EQ(a595["parts"], 336);
  EXPECT_EQ(a595["wafers"], 3);
  EXPECT_EQ(a595["wafer_yields"].size(), 3u);
  EXPECT_EQ(a595["records"]["PTR"], 31605);
  EXPECT_EQ(a595["mir"]["tester"], "a595-tst");
  EXPECT_EQ(a595["mir"]["part_type"], "mcc");
  EXPECT_EQ(a595["mir"]["start"], "2002-12-02T09:18:54Z");  // the datalog's "Start Time: Mon Dec  2 09:18:54 2002"
  EXPECT_EQ(a595["unknown_records"], 0);

  // rabbi: IntegraFlex final test, 400 parts, no wafers, little-endian.
  const auto rabbi = test::cliJson("stdf " + test::shellQuote(stdfFile("itestinc_stdf2xls/special_stdf/rabbi.stdf")));
  expectKeys(rabbi);
  EXPECT_EQ(rabbi["parts"], 400);
  EXPECT_EQ(rabbi["wafers"], 0);
  EXPECT_EQ(rabbi["records"]["PTR"], 82800);
  std::int64_t binned = 0;
  for (const auto& [bin, b] : rabbi["hard_bins"].items()) binned += b["count"].get<std::int64_t>();
  EXPECT_EQ(binned, 400);
}

TEST(StdfCli, RefusesAFileThatIsNotStdf) {
  test::TempDir dir;
  const auto r =
      test::runCli({"stdf", stdfFile("STDF.RADAR/a595-tst_2_mcc_TEST_dec02_08_54.data.gz")}, dir.path("err"));
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("not an STDF file"), std::string::npos) << r.err;
}

TEST(StdfCli, ImportPicksStdfByItself) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "w.fabdb");
  const auto j = test::cliJson("import " + test::shellQuote(stdfFile("stdf2xls4/d10_1.std")) + " --workspace " +
                               test::shellQuote(ws));
  EXPECT_EQ(j["kind"], "stdf");
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["rows_imported"], 134);  // 1 part + 133 PTR (PROVENANCE.md)
  const auto again = test::runCli({"import", stdfFile("stdf2xls4/d10_1.std"), "--workspace", ws}, dir.path("err"));
  EXPECT_EQ(again.exitCode, 1);
  EXPECT_NE(again.err.find("already imported"), std::string::npos) << again.err;
}

TEST(StdfCli, AnImportedWaferSortLotOpensInWaferMapsAndYieldWithoutAProductsFile) {
  test::TempDir dir;
  const auto ws = test::shellQuote(test::workspaceIn(dir, "w.fabdb"));
  const auto imported =
      test::cliJson("import " + test::shellQuote(stdfFile("stdflib/a595.stdf")) + " --workspace " + ws);
  ASSERT_EQ(imported["status"], "ok");
  // 336 PRRs with coordinates, 263 of them passed (PART_FLG bits 3 and 4 clear).
  const auto pareto = test::cliJson("yield pareto --by bin --workspace " + ws);
  EXPECT_EQ(pareto["dies"], 336);
  EXPECT_EQ(pareto["dies"].get<int>() - pareto["failed"].get<int>(), 263);
  // The lot's product layout came with the file: WCR WAFR_SIZ 15 cm, WF_FLAT D, POS_Y D.
  const auto map = test::cliJson("wafer --lot TEST --wafer 2 --workspace " + ws);
  EXPECT_EQ(map["product"], "mcc");
  EXPECT_EQ(map["layout"]["diameter_mm"], 150.0);
  EXPECT_EQ(map["layout"]["notch"], "down");
  EXPECT_EQ(map["layout"]["y_up"], false);
}

}  // namespace
}  // namespace fab

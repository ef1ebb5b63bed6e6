// End to end: fabkit-cli import, info, export and demo on a temporary workspace.
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

TEST(ImportCli, ImportsReportsAndExports) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "w.fabdb");
  const auto csv = dir.write("m.csv",
                             "lot,wafer,site,parameter,value,unit,time\n"
                             "L1,1,1,THK,100.5,nm,2026-03-01T07:00:00Z\n"
                             "L1,1,2,THK,99.5,nm,2026-03-01T07:00:10Z\n"
                             "L2,1,1,THK,101,nm,2026-03-02T07:00:00Z\n");
  const auto imported = test::runCli({"import", csv, "--workspace", ws, "--json"}, dir.path("err"));
  ASSERT_EQ(imported.exitCode, 0) << imported.err;
  const auto j = Json::parse(imported.out);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["rows_imported"], 3);
  EXPECT_EQ(j["batch"], 1);

  const auto info = test::runCli({"info", "--workspace", ws, "--json"}, dir.path("err"));
  ASSERT_EQ(info.exitCode, 0) << info.err;
  const auto ij = Json::parse(info.out);
  ASSERT_EQ(ij["parameters"].size(), 1u);
  EXPECT_EQ(ij["parameters"][0]["name"], "THK");
  EXPECT_EQ(ij["parameters"][0]["rows"], 3);
  EXPECT_EQ(ij["lots"].size(), 2u);

  const auto exported = test::runCli({"export", "--workspace", ws, "--parameter", "THK"}, dir.path("err"));
  ASSERT_EQ(exported.exitCode, 0) << exported.err;
  EXPECT_EQ(exported.out,
            "lot,wafer,site,x,y,parameter,value,unit,time,tool\n"
            "L1,1,1,,,THK,100.5,nm,2026-03-01T07:00:00Z,\n"
            "L1,1,2,,,THK,99.5,nm,2026-03-01T07:00:10Z,\n"
            "L2,1,1,,,THK,101,nm,2026-03-02T07:00:00Z,\n");
  // The same rows as JSON objects, missing fields null.
  const auto asJson = test::runCli({"export", "--workspace", ws, "--parameter", "THK", "--json"}, dir.path("err"));
  ASSERT_EQ(asJson.exitCode, 0) << asJson.err;
  const auto rows = Json::parse(asJson.out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["lot"], "L1");
  EXPECT_EQ(rows[0]["value"], 100.5);
  EXPECT_EQ(rows[1]["site"], "2");
  EXPECT_EQ(rows[2]["value"], 101.0);
  EXPECT_EQ(rows[2]["time"], "2026-03-02T07:00:00Z");
  EXPECT_TRUE(rows[0]["x"].is_null());
  EXPECT_EQ(rows[0]["tool"], "");

  // The same file again is refused (exit 1) with the batch it matches.
  const auto again = test::runCli({"import", csv, "--workspace", ws}, dir.path("err"));
  EXPECT_EQ(again.exitCode, 1);
  EXPECT_THAT(again.err, HasSubstr("already imported as batch 1"));
}

TEST(ImportCli, BadRowFailsWithLineAndColumnAndSkipKeepsGoodRows) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "w.fabdb");
  const auto csv = dir.write("bad.csv", "lot,parameter,value\nL1,THK,1\nL1,CD,x1\n");
  const auto failed = test::runCli({"import", csv, "--workspace", ws}, dir.path("err"));
  EXPECT_EQ(failed.exitCode, 1);
  EXPECT_THAT(failed.out, HasSubstr("bad.csv:3:7: column 'value': expected a number, found 'x1'"));
  const auto skipped = test::runCli({"import", csv, "--workspace", ws, "--skip-bad-rows", "--json"}, dir.path("err"));
  ASSERT_EQ(skipped.exitCode, 0) << skipped.err;
  const auto j = Json::parse(skipped.out);
  EXPECT_EQ(j["rows_imported"], 1);
  EXPECT_EQ(j["rows_rejected"], 1);
}

TEST(ImportCli, UsageErrorsExitTwo) {
  EXPECT_EQ(test::runCli({"import"}).exitCode, 2);
  EXPECT_EQ(test::runCli({"import", "x.csv", "--workspace", "w", "--bogus"}).exitCode, 2);
  EXPECT_EQ(test::runCli({"nosuchcommand"}).exitCode, 2);
  const auto help = test::runCli({"import", "--help"});
  EXPECT_EQ(help.exitCode, 0);
  EXPECT_THAT(help.out, HasSubstr("--skip-bad-rows"));
  EXPECT_THAT(test::runCli({"--version"}).out, HasSubstr("fabkit-cli "));
}

TEST(ImportCli, EuropeanExportWithDecimalCommasAndThousands) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "w.fabdb");
  const auto err = dir.path("err");
  const auto csv = dir.write("eu.csv",
                             "Los;Scheibe;Parameter;Wert;Einheit;Zeit\n"
                             "L1;1;THK;1000,5;nm;01.03.2026 08:15\n"
                             "L1;2;THK;1.250,75;nm;13.03.2026 23:59\n");
  const auto refused = test::runCli({"import", csv, "--workspace", ws, "--map", "lot=Los", "--map", "wafer=Scheibe",
                                     "--map", "value=Wert", "--map", "unit=Einheit", "--map", "time=Zeit"},
                                    err);
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_THAT(refused.out, HasSubstr("eu.csv:3:10: column 'Wert': expected a number with a decimal comma, found "
                                     "'1.250,75'; it looks like a number with thousands separators: declare them with "
                                     "--thousands ."));
  EXPECT_THAT(refused.out, HasSubstr("numbers: decimal comma (detected); dates: day first"));

  const auto accepted = test::runCli(
      {"import", csv, "--workspace", ws, "--map", "lot=Los", "--map", "wafer=Scheibe", "--map", "value=Wert", "--map",
       "unit=Einheit", "--map", "time=Zeit", "--thousands", ".", "--force", "--json"},
      err);
  ASSERT_EQ(accepted.exitCode, 0) << accepted.err << accepted.out;
  const auto j = Json::parse(accepted.out);
  EXPECT_EQ(j["rows_imported"], 2);
  EXPECT_EQ(j["number_format"], "decimal comma, thousands . (declared)");
  EXPECT_EQ(j["date_format"], "day first: dd.mm.yyyy or dd/mm/yyyy hh:mm[:ss] (detected)");
  const auto exported = test::runCli({"export", "--workspace", ws, "--parameter", "THK"}, err);
  EXPECT_THAT(exported.out, HasSubstr(",THK,1000.5,nm,2026-03-01T08:15:00Z,"));
  EXPECT_THAT(exported.out, HasSubstr(",THK,1250.75,nm,2026-03-13T23:59:00Z,"));
}

TEST(ImportCli, DateOrderIsDeclaredWhenTheFileCannotTell) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "w.fabdb");
  const auto err = dir.path("err");
  const auto csv = dir.write("us.csv", "lot,parameter,value,time\nL1,THK,1.5,03/04/2026 08:00\n");
  const auto refused = test::runCli({"import", csv, "--workspace", ws}, err);
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_THAT(refused.err, HasSubstr("us.csv:2:12: column 'time' has '03/04/2026 08:00'"));
  EXPECT_THAT(refused.err, HasSubstr("--date-format dmy or mdy"));
  const auto mdy = test::runCli({"import", csv, "--workspace", ws, "--date-format", "mdy", "--json"}, err);
  ASSERT_EQ(mdy.exitCode, 0) << mdy.err;
  EXPECT_EQ(Json::parse(mdy.out)["date_format"], "month first: mm/dd/yyyy hh:mm[:ss] (declared)");
  EXPECT_THAT(test::runCli({"export", "--workspace", ws, "--parameter", "THK"}, err).out,
              HasSubstr("2026-03-04T08:00:00Z"));
  EXPECT_EQ(test::runCli({"import", csv, "--workspace", ws, "--date-format", "ymd"}, err).exitCode, 2);
  EXPECT_EQ(test::runCli({"import", csv, "--workspace", ws, "--thousands", "x"}, err).exitCode, 2);
  EXPECT_EQ(test::runCli({"import", csv, "--workspace", ws, "--decimal-comma", "--thousands", ","}, err).exitCode, 2);
  EXPECT_EQ(test::runCli({"import", csv, "--workspace", ws, "--decimal-comma", "--decimal-point"}, err).exitCode, 2);
}

TEST(ImportCli, DemoWorkspaceHasTheStory) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "demo.fabdb");
  const auto demo = test::runCli({"demo", "--workspace", ws}, dir.path("err"));
  ASSERT_EQ(demo.exitCode, 0) << demo.err;
  const auto info = Json::parse(test::runCli({"info", "--workspace", ws, "--json"}, dir.path("err")).out);
  EXPECT_EQ(info["parameters"].size(), 12u);
  EXPECT_EQ(info["lots"].size(), 40u);
  EXPECT_EQ(info["products"].size(), 3u);
  for (const auto& b : info["batches"]) EXPECT_EQ(b["status"], "ok") << b["source"];
  // Building twice into the same file is refused rather than mixing two demos.
  EXPECT_EQ(test::runCli({"demo", "--workspace", ws}, dir.path("err")).exitCode, 1);
}

}  // namespace
}  // namespace fab

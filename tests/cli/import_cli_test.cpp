// End to end: fabkit-cli import, info, export and demo on a temporary workspace.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"

namespace fab {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

TEST(ImportCli, ImportsReportsAndExports) {
  test::TempDir dir;
  const auto ws = dir.path("w.fabdb");
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

  // The same file again is refused (exit 1) with the batch it matches.
  const auto again = test::runCli({"import", csv, "--workspace", ws}, dir.path("err"));
  EXPECT_EQ(again.exitCode, 1);
  EXPECT_THAT(again.err, HasSubstr("already imported as batch 1"));
}

TEST(ImportCli, BadRowFailsWithLineAndColumnAndSkipKeepsGoodRows) {
  test::TempDir dir;
  const auto ws = dir.path("w.fabdb");
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

TEST(ImportCli, DemoWorkspaceHasTheStory) {
  test::TempDir dir;
  const auto ws = dir.path("demo.fabdb");
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

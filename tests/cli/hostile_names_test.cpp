// No SQL from user text: lot, wafer-level, product, parameter, step, tool,
// chamber, layer, kaizen and gauge-study names full of quotes, `;` and `--`
// travel through every import kind and the commands that filter by them, are
// stored and returned verbatim, and leave every table in place.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace fab {
namespace {

using Json = nlohmann::json;

// Each is a valid CSV field once its quotes are doubled.
const std::string kProduct = "P'1\"; DROP TABLE product; --";
const std::string kLot = "L'); DELETE FROM lot; --";
const std::string kParameter = "THK' OR '1'='1";
const std::string kStep = "ETCH\"; DROP TABLE lot_history; --";
const std::string kTool = "T'--";
const std::string kChamber = "B;--";
const std::string kLayer = "M1'; DROP TABLE defect; --";

std::string csvField(const std::string& s) {
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

class HostileNames : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string ws = test::workspaceIn(dir, "w.fabdb"), err = dir.path("err");

  test::CliResult cli(std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--workspace", ws});
    return test::runCli(args, err);
  }
  void import(const std::string& kind, const std::string& name, const std::string& text) {
    const auto r = cli({"import", dir.write(name, text), "--kind", kind});
    ASSERT_EQ(r.exitCode, 0) << kind << ": " << r.err;
  }
};

TEST_F(HostileNames, TravelThroughImportsAndQueriesVerbatim) {
  import("products", "products.csv",
         "product,die_width_um,die_height_um,wafer_diameter_mm,edge_exclusion_mm,notch,pass_bins\n" +
             csvField(kProduct) + ",10000,10000,300,3,down,1\n");
  std::string measurements = "lot,wafer,site,parameter,value,time,product\n";
  for (int wafer = 1; wafer <= 5; ++wafer)
    for (int site = 1; site <= 5; ++site)
      measurements += csvField(kLot) + "," + std::to_string(wafer) + "," + std::to_string(site) + "," +
                      csvField(kParameter) + "," + std::to_string(100 + wafer * 0.1 + site * 0.01) +
                      ",2026-10-0" + std::to_string(wafer) + "T08:00:00," + csvField(kProduct) + "\n";
  import("measurements", "m.csv", measurements);
  import("specs", "specs.csv", "parameter,lsl,target,usl,unit\n" + csvField(kParameter) + ",95,100,105,nm\n");
  import("history", "h.csv",
         "lot,wafer,step,tool,chamber,track_in,track_out\n" + csvField(kLot) + ",1," + csvField(kStep) + "," +
             csvField(kTool) + "," + csvField(kChamber) + ",2026-10-01T07:00:00,2026-10-01T07:30:00\n");
  std::string dies = "lot,wafer,die_x,die_y,bin\n";
  for (int x = 10; x < 20; ++x) dies += csvField(kLot) + ",1," + std::to_string(x) + ",15," + (x < 13 ? "7" : "1") + "\n";
  import("dies", "d.csv", dies);
  import("defects", "f.csv",
         "lot,wafer,x,y,size,class,layer\n" + csvField(kLot) + ",1,1000,2000,0.5,3," + csvField(kLayer) + "\n");

  const auto info = Json::parse(cli({"info", "--json"}).out);
  ASSERT_EQ(info["lots"].size(), 1u) << info.dump();
  const auto& lot = info["lots"][0];
  EXPECT_EQ(lot["name"], kLot);
  EXPECT_EQ(lot["product"], kProduct);
  EXPECT_EQ(lot["measurements"], 25);
  EXPECT_EQ(lot["dies"], 10);
  EXPECT_EQ(lot["defects"], 1);
  EXPECT_EQ(info["products"], Json::array({kProduct}));
  EXPECT_EQ(info["parameters"][0]["name"], kParameter);

  // Filters by the hostile names find exactly the stored rows.
  const auto spc = cli({"spc", "--parameter", kParameter, "--chart", "imr", "--json"});
  ASSERT_EQ(spc.exitCode, 0) << spc.err;
  EXPECT_EQ(Json::parse(spc.out)["points"], 25);
  const auto none = cli({"spc", "--parameter", kParameter + "'--", "--json"});
  EXPECT_NE(none.exitCode, 0);
  const auto cap = cli({"capability", "--parameter", kParameter, "--json"});
  ASSERT_EQ(cap.exitCode, 0) << cap.err;
  EXPECT_EQ(Json::parse(cap.out)["spec"]["usl"], 105);
  const auto out = dir.path("export.csv");
  ASSERT_EQ(cli({"export", "--parameter", kParameter, "--out", out}).exitCode, 0);
  std::ifstream exported(out);
  const std::string exportedText((std::istreambuf_iterator<char>(exported)), std::istreambuf_iterator<char>());
  EXPECT_NE(exportedText.find(kLot), std::string::npos) << exportedText;
  const auto wafer = cli({"wafer", "--lot", kLot, "--wafer", "1", "--json"});
  ASSERT_EQ(wafer.exitCode, 0) << wafer.err;
  const auto w = Json::parse(wafer.out);
  EXPECT_EQ(w["lot"], kLot);
  EXPECT_EQ(w["product"], kProduct);
  const auto grouped = cli({"spc", "--parameter", kParameter, "--group-by", "tool", "--step", kStep, "--json"});
  ASSERT_EQ(grouped.exitCode, 0) << grouped.err;
  EXPECT_NE(grouped.out.find(Json(kTool).dump()), std::string::npos) << grouped.out;

  // Kaizen records with hostile text, linked to the hostile parameter.
  const auto add = cli({"kaizen", "add", "--title", kLot, "--owner", kTool, "--parameter", kParameter, "--tool", kTool,
                        "--change-time", "2026-10-03", "--intended", "lower_mean"});
  ASSERT_EQ(add.exitCode, 0) << add.err;
  const auto list = Json::parse(cli({"kaizen", "list", "--json"}).out);
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list.back()["title"], kLot);

  // Every table is still there and holds what it held.
  const auto after = Json::parse(cli({"info", "--json"}).out);
  EXPECT_EQ(after["lots"], info["lots"]);
  EXPECT_EQ(after["products"], info["products"]);
  EXPECT_EQ(after["parameters"], info["parameters"]);
}

}  // namespace
}  // namespace fab

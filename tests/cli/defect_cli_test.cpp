// End to end: fabkit-cli dpw, cluster, import --kind klarf, import --kind dies
// with a sort map's own numbering, wafer and killer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/defect/cluster_agreement.h"
#include "tests/core/defect/planted.h"
#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace fab {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

TEST(DefectCli, DiesPerWafer) {
  test::TempDir dir;
  // 21 cm wafer, S = 230 mm² (Flynn's worked example): 130 (Flynn), 119.8 (classic).
  const auto r = test::runCli(
      {"dpw", "--diameter", "210", "--die-width", "15.165750888", "--die-height", "15.165750888", "--json"},
      dir.path("err"));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = Json::parse(r.out);
  EXPECT_NEAR(j["estimates"]["flynn"]["value"].get<double>(), 130, 0.5);
  EXPECT_NEAR(j["estimates"]["classic"]["value"].get<double>(), 119.8, 0.05);
  // 10 mm wafer, 2 mm dies: 12 complete dies with the grid on a die edge (worked by hand in die_grid_test).
  const auto small =
      test::runCli({"dpw", "--diameter", "10", "--die-width", "2", "--die-height", "2", "--json"}, dir.path("err"));
  ASSERT_EQ(small.exitCode, 0) << small.err;
  EXPECT_EQ(Json::parse(small.out)["exact"], 12);
  EXPECT_EQ(test::runCli({"dpw", "--diameter", "300", "--die-width", "10"}, dir.path("err")).exitCode, 2);
  EXPECT_EQ(
      test::runCli({"dpw", "--diameter", "300", "--die-width", "0", "--die-height", "1"}, dir.path("err")).exitCode, 1);
}

std::string pointsCsv(const defect::test::Planted& p) {
  std::ostringstream s;
  s.precision(10);
  s << "id,x,y\n";
  for (std::size_t i = 0; i < p.points.size(); ++i) s << i << "," << p.points[i].x << "," << p.points[i].y << "\n";
  s << "999,,5\n";  // a row without x: no label
  return s.str();
}

TEST(DefectCli, ClusterMethods) {
  test::TempDir dir;
  auto p = defect::test::blobs({{-60000, 40000}, {50000, 50000}, {20000, -70000}}, 150, 4000, 61);
  defect::test::addUniformDisc(p, 200, 150000, 62);
  const auto csv = dir.write("d.csv", pointsCsv(p));
  const auto db = test::runCli({"cluster", "--csv", csv, "--x", "x", "--y", "y", "--method", "dbscan", "--min-pts", "6",
                                "--radius", "150000", "--json"},
                               dir.path("err"));
  ASSERT_EQ(db.exitCode, 0) << db.err;
  const auto j = Json::parse(db.out);
  EXPECT_EQ(j["clusters"].size(), 3u);
  ASSERT_EQ(j["labels"].size(), p.points.size() + 1);
  EXPECT_TRUE(j["labels"].back().is_null());
  std::vector<int> labels;
  for (std::size_t i = 0; i < p.points.size(); ++i) labels.push_back(j["labels"][i].get<int>());
  EXPECT_GE(defect::adjustedRandIndex(p.labels, labels), 0.9);
  EXPECT_EQ(j["clusters"][0]["signature"]["label"], "local");
  EXPECT_TRUE(j["signature"]["features"].contains("elongation"));

  const auto km = test::runCli(
      {"cluster", "--csv", csv, "--x", "x", "--y", "y", "--method", "kmeans", "--clusters", "4", "--seed", "3", "--json"},
      dir.path("err"));
  ASSERT_EQ(km.exitCode, 0) << km.err;
  const auto kj = Json::parse(km.out);
  EXPECT_EQ(kj["k"], 4);
  EXPECT_GT(kj["inertia"].get<double>(), 0);
  EXPECT_EQ(kj["clusters"].size(), 4u);

  for (const char* method : {"kde", "meanshift"}) {
    const auto r = test::runCli({"cluster", "--csv", csv, "--x", "x", "--y", "y", "--method", method, "--bandwidth",
                                 "8000", "--min-pts", "10", "--radius", "150000", "--json"},
                                dir.path("err"));
    ASSERT_EQ(r.exitCode, 0) << method << r.err;
    const auto rj = Json::parse(r.out);
    EXPECT_EQ(rj["clusters"].size(), 3u) << method;
    EXPECT_DOUBLE_EQ(rj["bandwidth"].get<double>(), 8000);
  }

  // Random defects: k-means without --clusters reports no cluster structure.
  defect::test::Planted random;
  defect::test::addUniformDisc(random, 500, 150000, 63);
  const auto rcsv = dir.write("r.csv", pointsCsv(random));
  const auto auto_k = test::runCli(
      {"cluster", "--csv", rcsv, "--x", "x", "--y", "y", "--method", "kmeans", "--radius", "150000", "--json"},
      dir.path("err"));
  ASSERT_EQ(auto_k.exitCode, 0) << auto_k.err;
  const auto aj = Json::parse(auto_k.out);
  EXPECT_EQ(aj["k_selection"]["chosen_k"], 1);
  EXPECT_EQ(aj["k_selection"]["cluster_structure"], false);
  EXPECT_EQ(aj["signature"]["label"], "random");

  const auto bad =
      test::runCli({"cluster", "--csv", csv, "--x", "x", "--y", "y", "--method", "spectral"}, dir.path("err"));
  EXPECT_EQ(bad.exitCode, 1);
  EXPECT_THAT(bad.err, HasSubstr("unknown clustering method"));
  EXPECT_EQ(test::runCli({"cluster", "--csv", csv, "--y", "y", "--method", "dbscan"}, dir.path("err")).exitCode, 2);
}

// The asymmetric pattern end to end: product layout, a sort map in the
// product's frame, and a KLARF drawn with the notch on the left (worked by
// hand: product die (i, j) is KLARF die (j + 6, 6 − i); a point (dx, dy) from
// the die centre has XREL = 4000 + dy, YREL = 5000 − dx).
const std::set<std::pair<int, int>> kPlanted = {{1, 2}, {1, 3}, {1, 4}, {2, 2}, {3, 2}, {-2, -1}};
const std::vector<std::pair<int, int>> kCleanDefectDies = {{0, 0}, {-1, 3}, {2, -2}, {-3, 1}};

std::string klarfText(bool truncated = false) {
  std::ostringstream k;
  k << "FileVersion 1 2;\nLotID \"LOT-F\";\nDeviceID \"PROD-F\";\nStepID \"M1\";\nSampleOrientationMarkType NOTCH;\n"
       "OrientationMarkLocation LEFT;\nDiePitch 8000 10000;\nDieOrigin 0 0;\nWaferID \"LOT-F-01\";\nSlot 1;\n"
       "SampleCenterLocation 52000 65000;\nInspectionTest 1;\n"
       "DefectRecordSpec 7 DEFECTID XREL YREL XINDEX YINDEX DSIZE CLASSNUMBER;\nDefectList";
  int id = 0;
  for (const auto& [i, j] : kPlanted)
    k << "\n " << ++id << " " << 4000 - 2500 << " " << 5000 - 3000 << " " << j + 6 << " " << 6 - i << " 2.5 1";
  for (const auto& [i, j] : kCleanDefectDies)
    k << "\n " << ++id << " " << 4000 + 1500 << " " << 5000 + 4000 << " " << j + 6 << " " << 6 - i << " 0.3 2";
  k << ";\n";
  if (!truncated) k << "EndOfFile;\n";
  return k.str();
}

TEST(DefectCli, KlarfImportWaferMapAndKillRatios) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "w.fabdb");
  const auto err = dir.path("err");
  const auto products = dir.write(
      "products.csv",
      "product,die_width,die_height,wafer_diameter,edge_exclusion,scribe,notch,origin_x,origin_y,y_up,pass_bins\n"
      "PROD-F,10000,8000,100,3,0,down,0,0,1,1\n");
  ASSERT_EQ(test::runCli({"import", products, "--workspace", ws, "--kind", "products"}, err).exitCode, 0);
  std::ostringstream dies;
  dies << "lot,wafer,product,die_x,die_y,bin\n";
  std::size_t dieCount = 0;
  for (int i = -3; i <= 3; ++i)
    for (int j = -4; j <= 4; ++j)
      if (std::hypot(10000.0 * i, 8000.0 * j) <= 38000) {
        dies << "LOT-F,1,PROD-F," << i << "," << j << "," << (kPlanted.count({i, j}) ? 7 : 1) << "\n";
        ++dieCount;
      }
  const auto dieCsv = dir.write("dies.csv", dies.str());
  const auto di = test::runCli({"import", dieCsv, "--workspace", ws, "--kind", "dies"}, err);
  ASSERT_EQ(di.exitCode, 0) << di.out << di.err;

  // A truncated KLARF stores nothing and names its last line.
  const auto cut =
      test::runCli({"import", dir.write("cut.klarf", klarfText(true)), "--workspace", ws, "--kind", "klarf"}, err);
  EXPECT_EQ(cut.exitCode, 1);
  EXPECT_THAT(cut.err, HasSubstr("cut.klarf:24: the file ends without 'EndOfFile;'"));

  const auto imported =
      test::runCli({"import", dir.write("f.klarf", klarfText()), "--workspace", ws, "--kind", "klarf", "--json"}, err);
  ASSERT_EQ(imported.exitCode, 0) << imported.out << imported.err;
  const auto ij = Json::parse(imported.out);
  EXPECT_EQ(ij["kind"], "klarf");
  EXPECT_EQ(ij["rows_imported"], 10);

  const auto w = test::runCli({"wafer", "--workspace", ws, "--lot", "LOT-F", "--wafer", "1", "--json"}, err);
  ASSERT_EQ(w.exitCode, 0) << w.err;
  const auto wj = Json::parse(w.out);
  EXPECT_EQ(wj["tested"], dieCount);
  EXPECT_EQ(wj["passed"], dieCount - kPlanted.size());
  ASSERT_EQ(wj["defects"].size(), 10u);
  std::vector<std::pair<int, int>> expected(kPlanted.begin(), kPlanted.end());
  expected.insert(expected.end(), kCleanDefectDies.begin(), kCleanDefectDies.end());
  for (std::size_t k = 0; k < expected.size(); ++k) {
    EXPECT_EQ(wj["defects"][k]["die_x"], expected[k].first) << k;
    EXPECT_EQ(wj["defects"][k]["die_y"], expected[k].second) << k;
  }
  std::set<std::pair<int, int>> failing;
  for (const auto& d : wj["dies"])
    if (d["pass"] == false) failing.insert({d["x"].get<int>(), d["y"].get<int>()});
  EXPECT_EQ(failing, kPlanted);
  EXPECT_EQ(wj["layout"]["notch"], "down");

  const auto k = test::runCli({"killer", "--workspace", ws, "--json", "--bins", "1", "--layer-type", "metal", "--cd",
                               "0.1", "--line-width", "0.2", "--spacing", "0.2", "--x0", "0.1"},
                              err);
  ASSERT_EQ(k.exitCode, 0) << k.err;
  const auto kj = Json::parse(k.out);
  const auto& byClass = kj["kill_ratio"]["by_class"];
  ASSERT_EQ(byClass.size(), 2u);
  EXPECT_EQ(byClass[0]["group"], "class 1");
  EXPECT_DOUBLE_EQ(byClass[0]["kill_ratio"].get<double>(), 1.0);
  EXPECT_EQ(byClass[1]["group"], "class 2");
  EXPECT_DOUBLE_EQ(byClass[1]["kill_ratio"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(kj["kill_ratio"]["overall"]["yc"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(kj["kill_ratio"]["by_size"][1]["kill_ratio"].get<double>(), 1.0);  // >= 1 µm: the planted defects
  EXPECT_TRUE(kj["logistic"]["separated"].get<bool>());  // 2.5 µm always kills, 0.3 µm never
  EXPECT_DOUBLE_EQ(kj["prior"]["killer_size_um"].get<double>(), 0.04);
  EXPECT_NEAR(kj["critical_area"]["theta"].get<double>(), 0.041667, 5e-7);
}

// The same wafer through the CLI with a sort map in its own numbering (notch
// up, rows counting down, the product's die (0, 0) numbered (5, 5): product
// die (i, j) is map die (5 − i, 5 + j), worked by hand) and a KLARF whose
// SampleTestPlan lists only the dies of columns x >= −1.
TEST(DefectCli, SortMapNumberingAndSampleTestPlan) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "w.fabdb");
  const auto err = dir.path("err");
  const auto products = dir.write(
      "products.csv",
      "product,die_width,die_height,wafer_diameter,edge_exclusion,scribe,notch,origin_x,origin_y,y_up,pass_bins\n"
      "PROD-F,10000,8000,100,3,0,down,0,0,1,1\n");
  ASSERT_EQ(test::runCli({"import", products, "--workspace", ws, "--kind", "products"}, err).exitCode, 0);
  const std::set<std::pair<int, int>> randomFails = {{-1, -2}, {2, 0}};
  std::vector<std::pair<int, int>> tested;
  std::ostringstream dies;
  dies << "lot,wafer,product,die_x,die_y,bin\n";
  for (int i = -3; i <= 3; ++i)
    for (int j = -4; j <= 4; ++j)
      if (std::hypot(10000.0 * i, 8000.0 * j) <= 38000) {
        tested.push_back({i, j});
        dies << "LOT-F,1,PROD-F," << 5 - i << "," << 5 + j << ","
             << (kPlanted.count({i, j})      ? 7
                 : randomFails.count({i, j}) ? 3
                                             : 1)
             << "\n";
      }
  const auto dieCsv = dir.write("sort.csv", dies.str());
  // Numbering options are checked before anything is read.
  EXPECT_EQ(test::runCli({"import", dieCsv, "--workspace", ws, "--kind", "dies", "--rows", "sideways"}, err).exitCode,
            2);
  EXPECT_EQ(test::runCli({"import", dieCsv, "--workspace", ws, "--kind", "dies", "--ref-die", "5"}, err).exitCode, 2);
  EXPECT_EQ(test::runCli({"import", products, "--workspace", ws, "--kind", "products", "--notch", "up"}, err).exitCode,
            2);
  const auto di = test::runCli({"import", dieCsv, "--workspace", ws, "--kind", "dies", "--notch", "up", "--rows",
                                "down", "--ref-die", "5,5", "--json"},
                               err);
  ASSERT_EQ(di.exitCode, 0) << di.out << di.err;
  EXPECT_THAT(Json::parse(di.out)["notes"].dump(), HasSubstr("notch up, rows counting down"));

  std::set<std::pair<int, int>> plan;
  for (const auto& d : tested)
    if (d.first >= -1) plan.insert(d);
  std::ostringstream k;
  k << "FileVersion 1 2;\nLotID \"LOT-F\";\nDeviceID \"PROD-F\";\nStepID \"M1\";\nSampleOrientationMarkType NOTCH;\n"
       "OrientationMarkLocation LEFT;\nDiePitch 8000 10000;\nDieOrigin 0 0;\nWaferID \"LOT-F-01\";\nSlot 1;\n"
       "SampleCenterLocation 52000 65000;\nInspectionTest 1;\nSampleTestPlan "
    << plan.size();
  for (const auto& [i, j] : plan) k << "\n " << j + 6 << " " << 6 - i;
  k << ";\nDefectRecordSpec 7 DEFECTID XREL YREL XINDEX YINDEX DSIZE CLASSNUMBER;\nDefectList";
  int id = 0;
  for (const auto& [i, j] : kPlanted) k << "\n " << ++id << " 1500 2000 " << j + 6 << " " << 6 - i << " 2.5 1";
  for (const auto& [i, j] : kCleanDefectDies) k << "\n " << ++id << " 5500 9000 " << j + 6 << " " << 6 - i << " 0.3 2";
  k << ";\nEndOfFile;\n";
  const auto imported =
      test::runCli({"import", dir.write("f.klarf", k.str()), "--workspace", ws, "--kind", "klarf", "--json"}, err);
  ASSERT_EQ(imported.exitCode, 0) << imported.out << imported.err;

  // The sort map landed on the product's dies.
  const auto w = test::runCli({"wafer", "--workspace", ws, "--lot", "LOT-F", "--wafer", "1", "--json"}, err);
  ASSERT_EQ(w.exitCode, 0) << w.err;
  std::set<std::pair<int, int>> failing, expectedFailing = kPlanted;
  expectedFailing.insert(randomFails.begin(), randomFails.end());
  const auto wj = Json::parse(w.out);
  std::set<std::pair<int, int>> inspectedTested;
  for (const auto& d : wj["dies"]) {
    if (d["pass"] == false) failing.insert({d["x"].get<int>(), d["y"].get<int>()});
    if (!d["pass"].is_null() && d["inspected"] == true) inspectedTested.insert({d["x"].get<int>(), d["y"].get<int>()});
  }
  EXPECT_EQ(failing, expectedFailing);
  EXPECT_EQ(inspectedTested, plan);
  EXPECT_EQ(wj["inspection"], "sample test plan");

  // Kill ratios over the plan's dies only, counted here from the sets above.
  std::size_t nd = 0, pd = 0, nc = 0, pc = 0;
  for (const auto& d : tested) {
    if (!plan.count(d)) continue;
    const bool pass = !expectedFailing.count(d);
    const bool defective =
        kPlanted.count(d) || std::find(kCleanDefectDies.begin(), kCleanDefectDies.end(), d) != kCleanDefectDies.end();
    (defective ? nd : nc) += 1;
    (defective ? pd : pc) += pass;
  }
  const auto r = test::runCli({"killer", "--workspace", ws, "--json", "--bins", "1"}, err);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto kj = Json::parse(r.out);
  EXPECT_EQ(kj["tested_dies"], tested.size());
  EXPECT_EQ(kj["inspected_dies"], plan.size());
  EXPECT_EQ(kj["wafers_with_test_plan"], 1);
  const auto& overall = kj["kill_ratio"]["overall"];
  EXPECT_EQ(overall["defective_dies"], nd);
  EXPECT_EQ(overall["clean_dies"], nc);
  EXPECT_NEAR(overall["kill_ratio"].get<double>(), 1 - (double(pd) / double(nd)) / (double(pc) / double(nc)), 1e-12);
  EXPECT_DOUBLE_EQ(kj["kill_ratio"]["by_class"][0]["kill_ratio"].get<double>(), 1.0);
  EXPECT_THAT(kj["notes"].dump(), HasSubstr("2 defect(s) lie on dies outside the sample test plan"));
}

TEST(DefectCli, KillerFromCsv) {
  test::TempDir dir;
  // Two sizes: the logistic fit reproduces the proportions 0.2 and 0.75 (closed form).
  std::ostringstream s;
  s << "size,killed\n";
  for (int i = 0; i < 50; ++i) s << "0.2," << (i < 10 ? "yes" : "no") << "\n";
  for (int i = 0; i < 40; ++i) s << "1.0," << (i < 30 ? 1 : 0) << "\n";
  const auto csv = dir.write("k.csv", s.str());
  const auto r =
      test::runCli({"killer", "--csv", csv, "--size", "size", "--killed", "killed", "--json"}, dir.path("err"));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = Json::parse(r.out);
  auto logit = [](double p) { return std::log(p / (1 - p)); };
  const double slope = (logit(0.75) - logit(0.2)) / 0.8;
  EXPECT_NEAR(j["logistic"]["slope"].get<double>(), slope, 1e-8);
  EXPECT_NEAR(j["killer_size"]["size_um"].get<double>(), 0.2 - logit(0.2) / slope, 1e-8);
  EXPECT_EQ(j["curve"].size(), 51u);
  const auto bad = dir.write("bad.csv", "size,killed\n0.3,maybe\n");
  const auto b = test::runCli({"killer", "--csv", bad, "--size", "size", "--killed", "killed"}, dir.path("err"));
  EXPECT_EQ(b.exitCode, 1);
  EXPECT_THAT(b.err, HasSubstr("bad.csv:2: expected killed"));
  EXPECT_EQ(test::runCli({"killer", "--size", "size"}, dir.path("err")).exitCode, 2);
}

}  // namespace
}  // namespace fab

// End to end: fabkit-cli overlay on a CSV of synthetic sites with a planted
// model (exact recovery, one fit per wafer group, a refused design) and on the
// demo workspace, whose scanners print the model of core/demo/demo_overlay.h.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/demo/demo_overlay.h"
#include "core/store/measurements.h"
#include "core/store/workspace.h"
#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace fab {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

Json runJson(const std::vector<std::string>& args, const std::string& err) {
  const auto r = test::runCli(args, err);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return Json::parse(r.out.empty() ? "null" : r.out);
}

double term(const Json& fit, const std::string& name, const char* what = "value") {
  for (const char* list : {"dx_terms", "dy_terms", "derived"})
    for (const auto& t : fit[list])
      if (t["name"] == name) return t[what].get<double>();
  ADD_FAILURE() << "no term " << name;
  return NAN;
}

/// Two wafers, targets at the centre and corners of 26 × 33 mm fields; wafer 2
/// has twice wafer 1's magnification. No noise.
std::string writeSites(test::TempDir& dir, bool sameFieldPosition = false) {
  std::string text = "wafer,x,y,fx,fy,dx,dy\n";
  char line[256];
  for (int w = 1; w <= 2; ++w)
    for (int i = -4; i <= 4; ++i)
      for (int j = -3; j <= 3; ++j)
        for (auto [fx, fy] : {std::pair{0.0, 0.0}, {11.0, 14.5}, {-11.0, -14.5}, {11.0, -14.5}}) {
          if (sameFieldPosition) fx = 5, fy = 5;
          const double x = i * 26 + fx, y = j * 33 + fy;
          if (std::hypot(x, y) > 145) continue;
          const double mx = 0.2 * w, my = -0.1, rx = 0.3, ry = 0.25;
          const double dx = 1.5 + mx * x - rx * y + 0.9 * fx - 0.4 * fy;
          const double dy = -0.7 + my * y + ry * x - 0.6 * fy + 0.8 * fx;
          std::snprintf(line, sizeof line, "%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", w, x, y, fx, fy, dx, dy);
          text += line;
        }
  return dir.write("sites.csv", text);
}

TEST(OverlayCli, CsvExactRecoveryPerWafer) {
  test::TempDir dir;
  const auto csv = writeSites(dir);
  const auto j = runJson({"overlay", "--csv", csv, "--x", "x", "--y", "y", "--dx", "dx", "--dy", "dy", "--field-x",
                          "fx", "--field-y", "fy", "--group", "wafer", "--json"},
                         dir.path("err"));
  ASSERT_EQ(j["fits"].size(), 2u);
  for (int w = 0; w < 2; ++w) {
    const auto& f = j["fits"][w];
    EXPECT_EQ(f["group"], std::to_string(w + 1));
    EXPECT_NEAR(term(f, "Tx"), 1.5, 1e-9);
    EXPECT_NEAR(term(f, "Mx"), 0.2 * (w + 1), 1e-9);
    EXPECT_NEAR(term(f, "My"), -0.1, 1e-9);
    EXPECT_NEAR(term(f, "Rx"), 0.3, 1e-9);
    EXPECT_NEAR(term(f, "Ry"), 0.25, 1e-9);
    EXPECT_NEAR(term(f, "mfx"), 0.9, 1e-9);
    EXPECT_NEAR(term(f, "rfx"), 0.4, 1e-9);
    EXPECT_NEAR(term(f, "mfy"), -0.6, 1e-9);
    EXPECT_NEAR(term(f, "rfy"), 0.8, 1e-9);
    EXPECT_NEAR(term(f, "non_orthogonality"), 0.05, 1e-9);
    EXPECT_NEAR(f["residual_x"]["mean_plus_3sigma"].get<double>(), 0, 1e-8);
    ASSERT_EQ(f["residuals"].size(), f["sites"].get<std::size_t>());
    const auto& s = f["residuals"][0];
    EXPECT_NEAR(s["model_dx"].get<double>(), s["dx"].get<double>(), 1e-8);
  }
  // A second-order fit of the same sites finds no curvature.
  const auto q =
      runJson({"overlay", "--csv",     csv,  "--x",       "x",  "--y",     "y",     "--dx",    "dx", "--dy",
               "dy",      "--field-x", "fx", "--field-y", "fy", "--group", "wafer", "--order", "2",  "--json"},
              dir.path("err"));
  EXPECT_NEAR(term(q["fits"][0], "dx:x^2y^0"), 0, 1e-12);
  EXPECT_NEAR(term(q["fits"][1], "Mx"), 0.4, 1e-9);
}

TEST(OverlayCli, RefusesAnUnidentifiableDesign) {
  test::TempDir dir;
  const auto csv = writeSites(dir, true);
  const auto r = test::runCli({"overlay", "--csv", csv, "--x", "x", "--y", "y", "--dx", "dx", "--dy", "dy", "--field-x",
                               "fx", "--field-y", "fy", "--json"},
                              dir.path("err"));
  EXPECT_NE(r.exitCode, 0);
  EXPECT_THAT(r.err, HasSubstr("same field x position"));
  // Without field columns the wafer terms alone are fitted.
  const auto j =
      runJson({"overlay", "--csv", csv, "--x", "x", "--y", "y", "--dx", "dx", "--dy", "dy", "--json"}, dir.path("err"));
  EXPECT_EQ(j["fits"][0]["dx_terms"].size(), 3u);
}

std::string scannerOf(const std::string& workspace, const std::string& lot) {
  auto ws = store::Workspace::open(workspace);
  for (const auto& c : store::processAtStep(ws.db(), "LITHO_M1"))
    if (c.lot == lot) return c.processTool;
  return "";
}

// The demo lot's fit (25 wafers × 9 sites) recovers its scanner's planted
// terms within four standard errors; the translation is the parameters' own
// target plus the lot's random shift, so it is not checked.
TEST(OverlayCli, DemoRecoversThePlantedModel) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "demo.fabdb");
  const auto err = dir.path("err");
  ASSERT_EQ(test::runCli({"demo", "--workspace", ws}, err).exitCode, 0);
  for (const char* lot : {"N2601A", "N2643A", "N2629A"}) {  // AX100 on SCAN-01 and SCAN-02, CM300
    const auto scanner = scannerOf(ws, lot);
    const auto j = runJson({"overlay", "--workspace", ws, "--lot", lot, "--json"}, err);
    const auto& f = j["fits"][0];
    EXPECT_GE(f["sites"].get<int>(), 220) << lot;  // 225 less a missing value or two
    for (const auto& [name, value] : demo::plantedOverlay(scanner))
      EXPECT_LT(std::fabs(term(f, name) - value), 4 * term(f, name, "se")) << lot << " " << scanner << " " << name;
  }
  const auto one = runJson({"overlay", "--workspace", ws, "--lot", "N2601A", "--wafer", "3", "--json"}, err);
  EXPECT_LE(one["fits"][0]["sites"].get<int>(), 9);
  const auto r = test::runCli({"overlay", "--workspace", ws, "--lot", "N2601A", "--wafer", "99"}, err);
  EXPECT_NE(r.exitCode, 0);
  EXPECT_THAT(r.err, HasSubstr("no wafer 99"));
}

}  // namespace
}  // namespace fab

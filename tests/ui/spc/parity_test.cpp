// One request, the same numbers everywhere: on the demo workspace the CLI's
// JSON (`spc --json`, `capability --json`), the GUI's data models (the
// functions the control chart and capability views call) and the SPC report's
// analysis agree to the last digit — chart, limits, point count, violations,
// n and Cpk — for every parameter, for a CUSUM with a head start approved
// through the CLI, with an individual point excluded through the CLI, and
// against a spec written for one product; and a product's die-yield
// attribute chart in the GUI's attribute tab and `spc --product P --yield`;
// a lot's killer defects in the wafer-map view and `fabkit-cli killer`; and a
// parameter's Kalman level in the Kalman view and `fabkit-cli kalman --workspace`.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/store/database.h"
#include "core/store/measurements.h"
#include "tests/support/qt_wait.h"
#include "tests/support/run_cli_json.h"
#include "tests/ui/spc/demo_fixture.h"
#include "ui/report/spc_analysis.h"
#include "ui/views/spc/attribute_chart_data.h"
#include "ui/views/spc/capability_data.h"
#include "ui/views/spc/control_chart_data.h"
#include "ui/views/kalman/kalman_view.h"
#include "ui/views/wafer/wafer_map_view.h"

namespace fab::ui {
namespace {

using nlohmann::json;

/// A number as the CLI prints it: NaN and ±∞ become null.
json asJson(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

/// An index as the CLI prints it: null when the spec does not define it.
json indexValue(const json& capability, const char* name) {
  return capability[name].is_null() ? json(nullptr) : capability[name]["value"];
}

struct Views {
  json cliChart, cliCapability;
  ControlChartData gui;
  CapabilityData guiCapability;
  report::SpcParameterAnalysis report;
};

Views allThree(const std::string& ws, const std::string& parameter, const std::string& product = "") {
  Views v;
  const std::string args = "--workspace " + test::shellQuote(ws) + " --parameter " + parameter +
                           (product.empty() ? "" : " --product " + product);
  v.cliChart = test::cliJson("spc " + args);
  v.cliCapability = test::cliJson("capability " + args);
  store::Database db(ws, store::Database::Mode::ReadOnly);
  ControlChartRequest chart;
  chart.parameter = parameter;
  chart.product = product;
  chart.automatic = true;  // the chart in force, as the view opens it
  v.gui = computeControlChart(db, chart);
  CapabilityRequest capability;
  capability.parameter = parameter;
  capability.product = product;
  v.guiCapability = computeCapability(db, capability);
  report::SpcScope scope;
  scope.product = product;
  v.report = report::analyseParameter(db, parameter, scope);
  return v;
}

/// Chart, limits, points, exclusions and violations of all three, and capability.
void expectAgree(const Views& v, const std::string& what) {
  SCOPED_TRACE(what);
  const auto& gui = v.gui.result;
  const auto& rep = v.report.chart;
  EXPECT_EQ(v.cliChart["chart"], spc::chartName(gui.type));
  EXPECT_EQ(gui.type, rep.type);
  ASSERT_EQ(v.cliChart["points"], gui.points());
  ASSERT_EQ(gui.points(), rep.points());
  EXPECT_EQ(v.cliChart["limits_source"], v.gui.limitsSource);
  EXPECT_EQ(v.gui.limitsSource, v.report.limitsSource);
  ASSERT_EQ(v.cliChart["panels"].size(), gui.panels.size());
  ASSERT_EQ(gui.panels.size(), rep.panels.size());
  for (std::size_t p = 0; p < gui.panels.size(); ++p) {
    const auto& cli = v.cliChart["panels"][p];
    ASSERT_EQ(cli["limits"].size(), gui.panels[p].limits.size());
    ASSERT_EQ(rep.panels[p].limits.size(), gui.panels[p].limits.size());
    for (std::size_t s = 0; s < gui.panels[p].limits.size(); ++s) {
      const auto& g = gui.panels[p].limits[s];
      const auto& r = rep.panels[p].limits[s];
      EXPECT_EQ(cli["limits"][s]["center"], asJson(g.center));
      EXPECT_EQ(cli["limits"][s]["lcl"], asJson(g.lcl));
      EXPECT_EQ(cli["limits"][s]["ucl"], asJson(g.ucl));
      EXPECT_EQ(asJson(r.center), asJson(g.center));
      EXPECT_EQ(asJson(r.lcl), asJson(g.lcl));
      EXPECT_EQ(asJson(r.ucl), asJson(g.ucl));
    }
    ASSERT_EQ(cli["violations"].size(), gui.panels[p].violations.size()) << gui.panels[p].name;
    ASSERT_EQ(rep.panels[p].violations.size(), gui.panels[p].violations.size()) << gui.panels[p].name;
    for (std::size_t k = 0; k < gui.panels[p].violations.size(); ++k) {
      EXPECT_EQ(cli["violations"][k]["subgroup"], gui.panels[p].violations[k].point + 1);
      EXPECT_EQ(cli["violations"][k]["rule"], gui.panels[p].violations[k].rule);
      EXPECT_EQ(rep.panels[p].violations[k].point, gui.panels[p].violations[k].point);
    }
  }
  for (std::size_t i = 0; i < gui.points(); ++i) {
    EXPECT_EQ(v.cliChart["subgroups"][i]["key"], v.gui.keys[i]);
    EXPECT_EQ(v.report.pointKeys[i], v.gui.keys[i]);
    EXPECT_EQ(v.cliChart["subgroups"][i]["excluded"], gui.isExcluded(i));
    EXPECT_EQ(rep.isExcluded(i), gui.isExcluded(i));
  }

  const auto& c = v.guiCapability.capability;
  ASSERT_TRUE(v.report.capability.has_value()) << v.report.capabilityNote;
  const auto& r = *v.report.capability;
  EXPECT_EQ(v.cliCapability["n"], c.n);
  EXPECT_EQ(r.n, c.n);
  EXPECT_EQ(v.cliCapability["sigma_within"], asJson(c.sigmaWithin));
  EXPECT_EQ(asJson(r.sigmaWithin), asJson(c.sigmaWithin));
  EXPECT_EQ(v.cliCapability["sigma_within_method"], c.sigmaWithinMethod);
  EXPECT_EQ(r.sigmaWithinMethod, c.sigmaWithinMethod);
  EXPECT_EQ(indexValue(v.cliCapability, "Cpk"), asJson(c.cpk.value));
  EXPECT_EQ(indexValue(v.cliCapability, "Cpu"), asJson(c.cpu.value));
  EXPECT_EQ(asJson(r.cpk.value), asJson(c.cpk.value));
  EXPECT_EQ(asJson(r.cpu.value), asJson(c.cpu.value));
  EXPECT_EQ(indexValue(v.cliCapability, "Ppk"), asJson(c.ppk.value));
  EXPECT_EQ(asJson(r.ppk.value), asJson(c.ppk.value));
  EXPECT_EQ(v.cliCapability["spec"]["lsl"], asJson(c.spec.lsl.value_or(NAN)));
  EXPECT_EQ(v.cliCapability["spec"]["usl"], asJson(c.spec.usl.value_or(NAN)));
  EXPECT_EQ(v.cliCapability["spec"]["source"], v.guiCapability.specSource);
  EXPECT_EQ(v.report.specSource, v.guiCapability.specSource);
}

TEST(Parity, EveryDemoParameterGivesTheSameChartAndCapabilityEverywhere) {
  test::TempDir dir;
  const auto ws = test::demoWorkspaceCopy(dir);
  std::vector<std::string> names;
  {
    store::Database db(ws, store::Database::Mode::ReadOnly);
    for (const auto& p : store::listParameters(db)) names.push_back(p.name);
  }
  ASSERT_EQ(names.size(), 12u);
  for (const auto& name : names) {
    const auto v = allThree(ws, name);
    expectAgree(v, name);
    // The demo approved three-way limits for every parameter: the chart in force everywhere.
    EXPECT_EQ(v.gui.result.type, spc::ChartType::ThreeWay) << name;
    EXPECT_NE(v.guiCapability.capability.sigmaWithinMethod.find("between and within"), std::string::npos);
  }
}

TEST(Parity, CusumWithHeadStartAndAnExcludedPointApprovedAndNotedThroughTheCli) {
  test::TempDir dir;
  const auto ws = test::demoWorkspaceCopy(dir);
  const std::string w = "--workspace " + test::shellQuote(ws) + " --parameter OX_THK";
  test::cliJson("spc " + w + " --chart cusum --fir 0.5 --k 0.5 --h 4 --approve " +
                test::shellQuote("CUSUM with a head start after the furnace PM") + " --who owner");
  // The point to exclude: an individual value, named as the chart names it.
  const auto before = test::cliJson("spc " + w);
  ASSERT_EQ(before["chart"], "cusum");
  const std::string key = before["subgroups"][10]["key"];
  const auto note = test::runCliLine("spc-note " + w + " --point " + test::shellQuote(key) + " --exclude --cause " +
                                     test::shellQuote("probe slipped") + " --who owner");
  ASSERT_EQ(note.exitCode, 0) << note.out;

  const auto v = allThree(ws, "OX_THK");
  expectAgree(v, "OX_THK CUSUM");
  ASSERT_EQ(v.gui.result.type, spc::ChartType::Cusum);
  ASSERT_TRUE(v.gui.approved && v.report.approved);
  EXPECT_EQ(v.gui.approved->headStart, 0.5);
  EXPECT_EQ(v.gui.approved->h, 4.0);
  // Head start (Montgomery §9.1.5): C⁺₀ = C⁻₀ = 0.5·h·σ, so the first CUSUM value starts from there.
  const auto& e = v.gui.result.phases[0].estimate;
  const double x1 = v.gui.series->value[0];
  const double k = 0.5 * e.sigma, h0 = 0.5 * 4.0 * e.sigma;
  EXPECT_NEAR(v.gui.result.panels[0].value[0], std::max(0.0, x1 - (e.center + k) + h0), 1e-9 * e.sigma);
  EXPECT_TRUE(v.gui.result.isExcluded(10));
  // Capability leaves the excluded value out: one value fewer than the rows with a value.
  std::size_t present = 0;
  for (double x : v.gui.series->value) present += std::isfinite(x) ? 1 : 0;
  EXPECT_EQ(v.guiCapability.capability.n, present - (std::isfinite(v.gui.series->value[10]) ? 1 : 0));
  EXPECT_EQ(v.cliCapability["excluded"], json::array({key}));
  // σ within is the σ of the CUSUM in force (its approved σ of individual values).
  EXPECT_EQ(v.guiCapability.capability.sigmaWithin, v.gui.approved->sigma);
}

TEST(Parity, AProductSpecificSpecAppliesToThatProductEverywhere) {
  test::TempDir dir;
  const auto ws = test::demoWorkspaceCopy(dir);
  const auto specs = dir.path("ax100_specs.csv");
  std::ofstream(specs) << "parameter,product,lsl,target,usl,unit,effective_from\n"
                          "GATE_CD,AX100,43,45,47,nm,2026-02-01\n";
  const auto imported =
      test::runCliLine("import --workspace " + test::shellQuote(ws) + " --kind specs " + test::shellQuote(specs));
  ASSERT_EQ(imported.exitCode, 0) << imported.out;
  const auto v = allThree(ws, "GATE_CD", "AX100");
  expectAgree(v, "GATE_CD of AX100");
  EXPECT_EQ(v.guiCapability.spec.lsl, 43.0);
  EXPECT_EQ(v.guiCapability.spec.usl, 47.0);
  EXPECT_NE(v.guiCapability.specSource.find("product AX100"), std::string::npos) << v.guiCapability.specSource;
  for (const auto& p : v.gui.series->product) ASSERT_EQ(p, "AX100");
  // Every product together is held to the spec for every product.
  const auto all = allThree(ws, "GATE_CD");
  expectAgree(all, "GATE_CD of every product");
  EXPECT_EQ(all.guiCapability.spec.lsl, 42.0);
}

TEST(Parity, DieYieldAttributeChartInTheGuiAndTheCli) {
  test::TempDir dir;
  const auto ws = test::demoWorkspaceCopy(dir);
  for (const char* chart : {"", "p", "np"}) {
    const std::string asked = *chart ? std::string(" --chart ") + chart : "";
    const auto cli = test::cliJson("spc --workspace " + test::shellQuote(ws) + " --product AX100 --yield" + asked);
    store::Database db(ws, store::Database::Mode::ReadOnly);
    AttributeChartRequest request;
    request.product = "AX100";
    if (*chart) request.type = spc::parseChartType(chart);
    const auto gui = computeAttributeControlChart(db, request);
    EXPECT_EQ(cli["chart"], spc::chartName(gui.chart.result.type)) << chart;
    ASSERT_EQ(cli["points"].get<std::size_t>(), gui.chart.result.points()) << chart;
    const auto& panel = gui.chart.result.panels[0];
    ASSERT_EQ(cli["panels"][0]["limits"].size(), panel.limits.size()) << chart;
    for (std::size_t i = 0; i < panel.limits.size(); ++i) {
      EXPECT_EQ(cli["panels"][0]["limits"][i]["center"], asJson(panel.limits[i].center)) << chart;
      EXPECT_EQ(cli["panels"][0]["limits"][i]["ucl"], asJson(panel.limits[i].ucl)) << chart;
    }
    EXPECT_EQ(cli["exceptions"].size(), gui.chart.open.size()) << chart;
  }
}

TEST(Parity, KillerDefectsOfALotInTheWaferViewAndTheCli) {
  test::TempDir dir;
  const auto ws = test::demoWorkspaceCopy(dir);
  std::string lot;
  {
    store::Database db(ws, store::Database::Mode::ReadOnly);
    auto q = db.prepare("SELECT l.name FROM defect d JOIN lot l ON l.id = d.lot_id ORDER BY l.name LIMIT 1");
    ASSERT_TRUE(q.step());
    lot = q.text(0);
  }
  wafer::WaferMapView view(QString::fromStdString(ws), QString::fromStdString(lot));
  ASSERT_TRUE(test::waitUntil([&] { return view.loaded(); }));
  ASSERT_NE(view.killer(), nullptr);
  const auto& gui = *view.killer();
  const auto cli = test::cliJson("killer --workspace " + test::shellQuote(ws) + " --lot " + lot);
  EXPECT_EQ(cli["tested_dies"].get<std::size_t>(), gui.testedDies);
  EXPECT_EQ(cli["inspected_dies"].get<std::size_t>(), gui.inspectedDies);
  ASSERT_TRUE(gui.killRatios);
  EXPECT_EQ(cli["kill_ratio"]["overall"]["defective_dies"].get<std::size_t>(), gui.killRatios->overall.defectiveDies);
  EXPECT_EQ(cli["kill_ratio"]["overall"]["kill_ratio"], asJson(gui.killRatios->overall.kr));
  EXPECT_EQ(cli["logistic"]["slope"], asJson(gui.fit.slope));
  EXPECT_EQ(cli["killer_size"]["size_um"], asJson(gui.killer.sizeUm));
}

TEST(Parity, KalmanLevelOfAParameterInTheViewAndTheCli) {
  test::TempDir dir;
  const auto ws = test::demoWorkspaceCopy(dir);
  kalman::KalmanView view(QString::fromStdString(ws), "GATE_CD");
  ASSERT_TRUE(test::waitUntil([&] { return view.analysis().has_value(); }, 60000));
  const auto& gui = *view.analysis();
  const auto cli = test::cliJson("kalman --workspace " + test::shellQuote(ws) + " --parameter GATE_CD");
  ASSERT_EQ(cli["rows"].get<std::size_t>(), gui.series.size());
  EXPECT_EQ(cli["variances"][0]["value"], asJson(gui.fit.model.observationVariance));
  EXPECT_EQ(cli["variances"][1]["value"], asJson(gui.fit.model.levelVariance));
  EXPECT_EQ(cli["ewma_lambda"], asJson(gui.ewmaLambda));
  ASSERT_EQ(cli["flags"]["anomalies"].size(), gui.anomalies.anomalies.size());
  for (std::size_t i = 0; i < gui.anomalies.anomalies.size(); ++i) {
    const auto& x = gui.anomalies.anomalies[i];
    EXPECT_EQ(cli["flags"]["anomalies"][i]["row"].get<long long>(), x.step + 1);
    EXPECT_EQ(cli["flags"]["anomalies"][i]["lot"], gui.series.lot[static_cast<std::size_t>(x.step)]);
  }
  // The series, row by row: the smoothed level to the last digit.
  for (std::size_t t = 0; t < gui.series.size(); t += 97) EXPECT_EQ(cli["series"][t]["smoothed"], asJson(gui.smoothed[t]));
}

}  // namespace
}  // namespace fab::ui

// fabkit-cli yield and kgd end to end: reference values through the command
// line, and the fit's JSON against the core run in-process on the same file.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/yield/sort_csv.h"
#include "core/yield/window_fit.h"
#include "core/yield/yield_pareto.h"
#include "tests/core/yield/simulated_wafers.h"
#include "tests/support/planted_zone_workspace.h"
#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace {

using nlohmann::json;

class YieldCliTest : public ::testing::Test {
 protected:
  /// Runs fabkit-cli with space-separated arguments (the test's paths have no spaces).
  fab::test::CliResult cli(const std::string& arguments) {
    std::vector<std::string> args;
    std::istringstream in(arguments);
    for (std::string a; in >> a;) args.push_back(a);
    return fab::test::runCli(args, dir_.path("stderr.txt"));
  }
  json cliJson(const std::string& arguments) {
    const auto r = cli(arguments + " --json");
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return json::parse(r.out);
  }
  /// A die CSV from the seeded simulator (Y0 0.92, D0 0.4 cm⁻², α 1.5, die 0.5 cm²),
  /// with a radius fraction from the die's place on its 36 × 36 grid.
  std::string simulatedCsv(int wafers) {
    fab::test::SimulationSpec spec;
    spec.wafers = wafers;
    spec.y0 = 0.92;
    spec.seed = 21;
    std::ostringstream csv;
    csv << "lot,wafer,die_x,die_y,pass,bin,radius_fraction\n";
    for (const auto& w : fab::test::simulateWafers(spec))
      for (const auto& d : w.dies)
        csv << (std::stoi(w.wafer) % 2 ? "A" : "B") << "," << w.wafer << "," << d.x << "," << d.y << ","
            << (d.pass ? "1" : "0") << "," << d.bin << "," << std::hypot(d.x + 0.5, d.y + 0.5) / 25.5 << "\n";
    return dir_.write("dies.csv", csv.str());
  }
  fab::test::TempDir dir_;
};

TEST_F(YieldCliTest, ModelsAtAdOneMatchTheReference) {
  const auto j = cliJson("yield --area 1 --d0 1 --clustering 2");
  std::map<std::string, double> expected{{"poisson", 0.36788}, {"murphy", 0.39958},    {"murphy-uniform", 0.43233},
                                         {"seeds", 0.5},       {"seeds-exp", 0.36788}, {"negbin", 0.44444}};
  ASSERT_EQ(j["models"].size(), expected.size());
  for (const auto& m : j["models"]) {
    const std::string key = m["model"];
    EXPECT_NEAR(m["yield"].get<double>(), expected.at(key), 5e-6) << key;
  }
  const auto half = cliJson("yield --model negbin --area 1 --d0 1 --clustering 0.5");
  EXPECT_NEAR(half["models"][0]["yield"].get<double>(), 0.57735, 5e-6);
}

TEST_F(YieldCliTest, SolvesD0AndGoodDieCost) {
  // Negative binomial: D0 = α(Y^(−1/α) − 1)/A = 0.5 · (4 − 1)/2.
  const auto j = cliJson("yield --model negbin --area 2 --yield 0.5 --clustering 0.5");
  EXPECT_NEAR(j["models"][0]["d0"].get<double>(), 0.75, 1e-12);
  const auto c = cliJson("yield --model poisson --area 2.3 --d0 0.5 --dpw 130 --wafer-cost 5000");
  EXPECT_NEAR(c["models"][0]["good_dies_per_wafer"].get<double>(), 130 * std::exp(-1.15), 1e-9);
  EXPECT_NEAR(c["models"][0]["cost_per_good_die"].get<double>(), 5000 / (130 * std::exp(-1.15)), 1e-9);
}

TEST_F(YieldCliTest, FitMatchesTheCoreAndTheTruth) {
  const auto csv = simulatedCsv(60);
  const auto j = cliJson("yield fit --csv " + csv + " --area 0.5");
  ASSERT_EQ(j["fits"].size(), 1u);
  const auto& fit = j["fits"][0];
  fab::yield::WindowFitOptions o;
  o.dieArea = 0.5;
  const auto wafers = fab::yield::readSortCsv(csv);
  const auto core = fab::yield::fitWindowMethod(wafers, o);
  ASSERT_EQ(fit["blocks"].size(), core.blocks.size());
  for (std::size_t i = 0; i < core.blocks.size(); ++i) {
    EXPECT_EQ(fit["blocks"][i]["blocks"].get<long long>(), core.blocks[i].blocks);
    EXPECT_EQ(fit["blocks"][i]["good"].get<long long>(), core.blocks[i].good);
  }
  EXPECT_TRUE(fit["ranked"].get<bool>());
  const auto& best = fit["models"][0];
  EXPECT_EQ(best["model"], "negbin");
  EXPECT_NEAR(best["d0"].get<double>(), core.models[0].d0, 1e-9);
  EXPECT_NEAR(best["alpha"].get<double>(), core.models[0].alpha, 1e-6);
  // 60 wafers: looser than the core test's 200, about three standard errors.
  EXPECT_NEAR(best["d0"].get<double>(), 0.4, 0.06);
  EXPECT_NEAR(best["alpha"].get<double>(), 1.5, 0.45);
  EXPECT_NEAR(best["y0"].get<double>(), 0.92, 0.04);
  EXPECT_TRUE(best["goodness_of_fit"].is_object());
}

TEST_F(YieldCliTest, FitWithOneBlockSizeSaysOnlyOneParameterIsIdentifiable) {
  const auto j = cliJson("yield fit --csv " + simulatedCsv(5) + " --area 0.5 --blocks 1");
  const auto& fit = j["fits"][0];
  EXPECT_FALSE(fit["ranked"].get<bool>());
  EXPECT_EQ(fit["identifiable_parameters"], 1);
  EXPECT_NE(fit["message"].get<std::string>().find("only one parameter"), std::string::npos);
  const auto human = cli("yield fit --csv " + dir_.path("dies.csv") + " --area 0.5 --blocks 1");
  EXPECT_EQ(human.exitCode, 0);
  EXPECT_NE(human.out.find("only one parameter"), std::string::npos);
}

TEST_F(YieldCliTest, FitByWaferAndLot) {
  const auto csv = simulatedCsv(4);
  EXPECT_EQ(cliJson("yield fit --csv " + csv + " --area 0.5 --by wafer")["fits"].size(), 4u);
  EXPECT_EQ(cliJson("yield fit --csv " + csv + " --area 0.5 --by lot")["fits"].size(), 2u);
  const auto one = cliJson("yield fit --csv " + csv + " --area 0.5 --lot A --by wafer");
  ASSERT_EQ(one["fits"].size(), 2u);
  EXPECT_EQ(one["fits"][0]["group"], "wafer A/1");
  EXPECT_EQ(cli("yield fit --csv " + csv + " --area 0.5 --lot Z").exitCode, 1);
}

TEST_F(YieldCliTest, ParetoMatchesTheCore) {
  const auto csv = simulatedCsv(3);
  const auto j = cliJson("yield pareto --csv " + csv);
  const auto core = fab::yield::yieldPareto(fab::yield::readSortCsv(csv));
  EXPECT_EQ(j["dies"].get<long long>(), core.dies);
  EXPECT_EQ(j["failed"].get<long long>(), core.failed);
  ASSERT_EQ(j["by_bin"].size(), core.byBin.size());
  EXPECT_EQ(j["by_bin"][0]["bin"].get<int>(), core.byBin[0].bin);
  ASSERT_EQ(j["by_zone"].size(), 3u);
  EXPECT_EQ(j["by_zone"][0]["zone"], fab::yield::zoneName(core.byZone[0].zone));
}

TEST_F(YieldCliTest, ZoneParetoFromAWorkspaceUsesTheProductLayout) {
  // Zone losses planted on a product whose origin die is off-centre, rows count
  // down and the notch is left; the expected losses are counted by hand from
  // the layout (tests/support/planted_zone_workspace.h).
  const auto planted = fab::test::makePlantedZoneWorkspace(dir_);
  const auto j = cliJson("yield pareto --workspace " + planted.path + " --lot ZONE --by zone");
  EXPECT_EQ(j["dies"].get<long long>(), planted.dies);
  EXPECT_EQ(j["failed"].get<long long>(), planted.failed);
  EXPECT_EQ(j["dies_without_radius"].get<long long>(), 0);
  EXPECT_TRUE(j["by_bin"].empty());  // --by zone
  ASSERT_EQ(j["by_zone"].size(), 3u);
  const std::map<std::string, std::size_t> index{{"center", 0}, {"middle", 1}, {"edge", 2}};
  long long previous = planted.failed + 1;
  for (const auto& z : j["by_zone"]) {
    const auto& expected = planted.zones.at(index.at(z["zone"].get<std::string>()));
    EXPECT_EQ(z["dies"].get<long long>(), expected.dies) << z["zone"];
    EXPECT_EQ(z["failed"].get<long long>(), expected.failed) << z["zone"];
    EXPECT_NEAR(z["share_of_loss"].get<double>(), double(expected.failed) / double(planted.failed), 1e-12);
    EXPECT_LE(z["failed"].get<long long>(), previous);  // Pareto order
    previous = z["failed"].get<long long>();
  }
  EXPECT_EQ(j["by_zone"][0]["zone"], "edge");  // the planted edge ring loses most

  // A product without a layout in the workspace: no zones, and --by zone says why.
  const auto none = cli("yield pareto --workspace " + planted.path + " --lot NOLAYOUT --by zone");
  EXPECT_EQ(none.exitCode, 1);
  EXPECT_NE(none.err.find("no wafer layout"), std::string::npos) << none.err;
  const auto bins = cliJson("yield pareto --workspace " + planted.path + " --lot NOLAYOUT");
  EXPECT_TRUE(bins["by_zone"].empty());
  EXPECT_EQ(bins["by_bin"][0]["bin"], 3);
  EXPECT_EQ(cli("yield pareto --workspace " + planted.path + " --by lot").exitCode, 2);
}

TEST_F(YieldCliTest, WorkspaceFitTakesTheDieAreaFromTheProduct) {
  // The simulated dies imported for two products: SIM (0.5 cm² die, lot A) and
  // BIG (1 cm², lot B); lot A's fit from the workspace equals the CSV fit.
  const auto csv = simulatedCsv(6);
  std::ifstream in(csv);
  std::ostringstream withProduct;
  std::string line;
  std::getline(in, line);
  withProduct << line << ",product\n";
  while (std::getline(in, line)) withProduct << line << (line[0] == 'A' ? ",SIM\n" : ",BIG\n");
  const auto dies = dir_.write("dies_product.csv", withProduct.str());
  const auto products = dir_.write("products.csv",
                                   "product,die_width_um,die_height_um,pass_bins\n"
                                   "SIM,5000,10000,1\n"
                                   "BIG,10000,10000,1\n");
  const auto ws = fab::test::workspaceIn(dir_, "w.fabdb");
  ASSERT_EQ(cli("import " + products + " --workspace " + ws).exitCode, 0);
  ASSERT_EQ(cli("import " + dies + " --workspace " + ws + " --kind dies").exitCode, 0);

  const auto mixed = cli("yield fit --workspace " + ws);
  EXPECT_EQ(mixed.exitCode, 1);
  EXPECT_NE(mixed.err.find("different die areas"), std::string::npos) << mixed.err;

  const auto fromWorkspace = cliJson("yield fit --workspace " + ws + " --lot A");
  EXPECT_NEAR(fromWorkspace["die_area_cm2"].get<double>(), 0.5, 1e-12);
  EXPECT_EQ(fromWorkspace["die_area_source"], "product SIM");
  const auto fromCsv = cliJson("yield fit --csv " + csv + " --lot A --area 0.5");
  const auto& a = fromWorkspace["fits"][0];
  const auto& b = fromCsv["fits"][0];
  EXPECT_EQ(a["blocks"], b["blocks"]);
  ASSERT_EQ(a["models"].size(), b["models"].size());
  for (std::size_t i = 0; i < a["models"].size(); ++i) {
    EXPECT_EQ(a["models"][i]["model"], b["models"][i]["model"]);
    EXPECT_NEAR(a["models"][i]["d0"].get<double>(), b["models"][i]["d0"].get<double>(), 1e-12);
  }
  EXPECT_EQ(cli("yield fit --workspace " + ws + " --lot NOPE").exitCode, 1);
  EXPECT_EQ(cli("yield fit --workspace " + ws + " --csv " + csv).exitCode, 2);
}

TEST_F(YieldCliTest, KgdWilliamsBrownAndTargetCoverage) {
  const auto j = cliJson("kgd --yield 0.9 --coverage 0.95");
  EXPECT_NEAR(j["die"]["defect_level"].get<double>(), 0.0052542, 5e-8);
  EXPECT_NEAR(j["die"]["defect_level_ppm"].get<double>(), 5254.2, 0.05);
  EXPECT_NEAR(cliJson("kgd --yield 0.5 --coverage 0.99")["die"]["defect_level"].get<double>(), 0.0069075, 5e-8);
  // The coverage for the defect level of T = 0.95 is 0.95.
  const double dl = 1e6 * -std::expm1(0.05 * std::log(0.9));
  const auto t = cliJson("kgd --yield 0.9 --target-dl " + std::to_string(dl));
  EXPECT_NEAR(t["target"]["coverage_needed"].get<double>(), 0.95, 1e-6);
}

TEST_F(YieldCliTest, KgdPackageTableAndSpares) {
  // Y = 0.99 with no test coverage ships dies of quality 0.99: 96.1 % for 4, 92.3 % for 8.
  const auto j = cliJson("kgd --yield 0.99 --coverage 0 --dies 4 --table 8");
  EXPECT_NEAR(100 * j["package"]["yield"].get<double>(), 96.1, 0.05);
  EXPECT_NEAR(100 * j["table"][7]["yield"].get<double>(), 92.3, 0.05);
  const auto s = cliJson("kgd --yield 0.9 --coverage 0 --dies 10 --good-dies 8 --assembly-yield 0.99");
  ASSERT_EQ(s["spares"].size(), 3u);
  const double q = 0.9;
  const double atLeast8of10 =
      std::pow(q, 10) + 10 * std::pow(q, 9) * (1 - q) + 45 * std::pow(q, 8) * std::pow(1 - q, 2);
  EXPECT_NEAR(s["package"]["yield"].get<double>(), atLeast8of10 * 0.99, 1e-12);
  EXPECT_NEAR(s["spares"][2]["yield"].get<double>(), atLeast8of10 * 0.99, 1e-12);
}

TEST_F(YieldCliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(cli("yield --model poisson --d0 1").exitCode, 2);          // no area
  EXPECT_EQ(cli("yield --model gauss --area 1 --d0 1").exitCode, 2);   // unknown model
  EXPECT_EQ(cli("yield --model negbin --area 1 --d0 1").exitCode, 2);  // α missing
  EXPECT_EQ(cli("kgd --coverage 0.9").exitCode, 2);                    // yield missing
  EXPECT_EQ(cli("kgd --yield 0.9 --coverage 1.5").exitCode, 1);        // out of range: a fab::Error
}

}  // namespace

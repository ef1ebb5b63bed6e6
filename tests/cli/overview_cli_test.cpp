// fabkit-cli overview on the demo workspace. The demo plants two problems
// (core/demo/demo_generator.cpp): FURN-02's heater ageing drifts OX_THK, and
// ETCH-03 chamber B steps GATE_CD after its wet clean; the overview must name
// both among the three worst parameters, each with its tool. The counts are
// checked against an independent reading of `fabkit-cli spc --json` and of
// the die table, and capability against `fabkit-cli capability --json`.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/store/database.h"
#include "tests/support/run_cli.h"
#include "tests/support/run_cli_json.h"
#include "tests/support/temp_dir.h"

namespace {

using nlohmann::json;

class OverviewCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<fab::test::TempDir>();
    const auto r = fab::test::runCli({"demo", "--workspace", dir_->path("demo.fabdb")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    overview_ = fab::test::cliJson("overview --workspace " + workspace());
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::string workspace() { return fab::test::shellQuote(dir_->path("demo.fabdb")); }
  static const json& line(const std::string& parameter) {
    for (const auto& l : overview_["out_of_control"])
      if (l["parameter"] == parameter) return l;
    static const json none;
    return none;
  }
  static std::unique_ptr<fab::test::TempDir> dir_;
  static json overview_;
};
std::unique_ptr<fab::test::TempDir> OverviewCliTest::dir_;
json OverviewCliTest::overview_;

TEST_F(OverviewCliTest, NamesThePlantedProblemsAmongTheThreeWorst) {
  const auto& out = overview_["out_of_control"];
  ASSERT_GE(out.size(), 3u);
  std::set<std::string> worst;
  for (std::size_t i = 0; i < 3; ++i) worst.insert(out[i]["parameter"].get<std::string>());
  EXPECT_TRUE(worst.count("OX_THK")) << out.dump(1);
  EXPECT_TRUE(worst.count("GATE_CD")) << out.dump(1);
  EXPECT_EQ(line("OX_THK")["suspect"]["step"], "OXIDATION");
  EXPECT_EQ(line("OX_THK")["suspect"]["group"], "FURN-02/1");
  EXPECT_EQ(line("GATE_CD")["suspect"]["step"], "GATE_ETCH");
  EXPECT_EQ(line("GATE_CD")["suspect"]["group"], "ETCH-03/B");
  // Worst first: recent points beyond the limits never increase down the list.
  for (std::size_t i = 1; i < out.size(); ++i)
    EXPECT_GE(out[i - 1]["recent_beyond_limits"].get<int>(), out[i]["recent_beyond_limits"].get<int>());
  for (const char* key : {"capability", "lots", "kaizens", "imports"}) EXPECT_TRUE(overview_[key].is_array()) << key;
}

TEST_F(OverviewCliTest, RecentSignalsAgreeWithTheControlChart) {
  for (const std::string parameter : {"OX_THK", "GATE_CD"}) {
    const auto chart = fab::test::cliJson("spc --workspace " + workspace() + " --parameter " + parameter);
    // The last 10 lots in chart order, from the subgroup keys (LOT/slot).
    std::vector<std::string> order;
    for (const auto& s : chart["subgroups"]) {
      const auto lot = s["key"].get<std::string>().substr(0, s["key"].get<std::string>().find('/'));
      if (order.empty() || order.back() != lot) order.push_back(lot);
    }
    std::set<std::string> recentLots;
    for (auto it = order.rbegin(); it != order.rend() && recentLots.size() < 10; ++it) recentLots.insert(*it);
    std::set<int> beyond, recentBeyond;
    std::size_t recentPoints = 0;
    for (const auto& s : chart["subgroups"])
      recentPoints += recentLots.count(s["key"].get<std::string>().substr(0, s["key"].get<std::string>().find('/')));
    for (const auto& e : chart["exceptions"]) {
      if (e["rule"] != 1) continue;
      beyond.insert(e["subgroup"].get<int>());
      const auto key = e["key"].get<std::string>();
      if (recentLots.count(key.substr(0, key.find('/')))) recentBeyond.insert(e["subgroup"].get<int>());
    }
    const auto& l = line(parameter);
    EXPECT_EQ(l["recent_points"].get<std::size_t>(), recentPoints) << parameter;
    EXPECT_EQ(l["beyond_limits"].get<std::size_t>(), beyond.size()) << parameter;
    EXPECT_EQ(l["recent_beyond_limits"].get<std::size_t>(), recentBeyond.size()) << parameter;
    EXPECT_EQ(l["open_violations"].get<std::size_t>(), chart["exceptions"].size()) << parameter;
    EXPECT_EQ(l["chart"], chart["chart"]);
  }
}

TEST_F(OverviewCliTest, CapabilityIsTheCapabilityCommandsLowestFirst) {
  const auto& cap = overview_["capability"];
  ASSERT_EQ(cap.size(), 12u);
  for (std::size_t i = 1; i < cap.size(); ++i) EXPECT_LE(cap[i - 1]["cpk"].get<double>(), cap[i]["cpk"].get<double>());
  for (const auto& c : cap) {
    if (c["parameter"] != "OX_THK" && c["parameter"] != "CMP_STEP") continue;
    const auto j = fab::test::cliJson("capability --workspace " + workspace() + " --parameter " +
                                      c["parameter"].get<std::string>());
    const bool oneSided = j["spec"]["lsl"].is_null();  // CMP_STEP: an upper limit only
    EXPECT_EQ(c["index"], oneSided ? "Cpu" : "Cpk");
    EXPECT_DOUBLE_EQ(c["cpk"].get<double>(), j[oneSided ? "Cpu" : "Cpk"]["value"].get<double>());
    EXPECT_EQ(c["n"], j["n"]);
  }
}

TEST_F(OverviewCliTest, LotYieldsAgreeWithTheDieTable) {
  // Every demo product passes bin 1; BZ200 passes bins 1 and 2 (data/demo/products.csv).
  fab::store::Database db(dir_->path("demo.fabdb"), fab::store::Database::Mode::ReadOnly);
  auto q = db.prepare(
      "SELECT l.name, SUM(CASE WHEN d.bin = 1 OR (l.product = 'BZ200' AND d.bin = 2) THEN 1 ELSE 0 END), COUNT(*) "
      "FROM die d JOIN lot l ON l.id = d.lot_id GROUP BY l.name");
  std::map<std::string, double> yield;
  while (q.step()) yield[q.text(0)] = static_cast<double>(q.integer(1)) / static_cast<double>(q.integer(2));
  const auto& lots = overview_["lots"];
  ASSERT_EQ(lots.size(), 5u);
  EXPECT_EQ(overview_["lots_with_dies"].get<std::size_t>(), yield.size());
  double lowest = 1;
  for (const auto& [lot, y] : yield) lowest = std::min(lowest, y);
  EXPECT_DOUBLE_EQ(lots[0]["yield"].get<double>(), lowest);
  for (const auto& l : lots) EXPECT_DOUBLE_EQ(l["yield"].get<double>(), yield.at(l["lot"].get<std::string>()));
}

TEST_F(OverviewCliTest, KaizensAndImports) {
  // The demo board: cards 1–4 and 6 are not finished, card 5 is closed with its evidence.
  std::set<int> ids;
  for (const auto& k : overview_["kaizens"]) ids.insert(k["id"].get<int>());
  EXPECT_EQ(ids, (std::set<int>{1, 2, 3, 4, 6}));
  ASSERT_EQ(overview_["imports"].size(), 5u);
  EXPECT_EQ(overview_["imports"][0]["kind"], "defects");  // newest first: the demo imports defects last
  for (const auto& i : overview_["imports"]) EXPECT_EQ(i["status"], "ok");
}

TEST_F(OverviewCliTest, RecentWindowOptions) {
  const auto byDays = fab::test::cliJson("overview --workspace " + workspace() + " --days 7 --suspects 0");
  EXPECT_EQ(byDays["recent"], "the last 7 days of each parameter");
  for (const auto& l : byDays["out_of_control"]) EXPECT_TRUE(l["suspect"].is_null());
  const auto both = fab::test::runCli({"overview", "--workspace", dir_->path("demo.fabdb"), "--lots", "3", "--days", "2"});
  EXPECT_EQ(both.exitCode, 2);
  EXPECT_NE(both.err.find("either --lots or --days"), std::string::npos) << both.err;
  const auto zero = fab::test::runCli({"overview", "--workspace", dir_->path("demo.fabdb"), "--lots", "0"});
  EXPECT_EQ(zero.exitCode, 2);
}

}  // namespace

// End to end: kaizen and kanban commands on the demo workspace.
#include <gmock/gmock.h>
#include <cmath>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/run_cli.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_workspace.h"

namespace fab {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

TEST(LeanCli, DemoBoardEvidenceGatesTheFinalStage) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "demo.fabdb");
  const auto err = dir.path("err");
  ASSERT_EQ(test::runCli({"demo", "--workspace", ws}, err).exitCode, 0);

  const auto board = Json::parse(test::runCli({"kanban", "board", "--workspace", ws, "--json"}, err).out);
  EXPECT_EQ(board["board"], "Yield improvement");
  ASSERT_EQ(board["columns"].size(), 5u);
  EXPECT_EQ(board["columns"][3]["name"], "Check");
  EXPECT_EQ(board["columns"][3]["cards"][0]["kaizen"], 2);

  // Kaizen 2 (coater pump, intended lower spread): the data show it, so it closes.
  const auto e2 = Json::parse(test::runCli({"kaizen", "evidence", "2", "--workspace", ws, "--json"}, err).out);
  EXPECT_TRUE(e2["improvement_shown"].get<bool>());
  EXPECT_LT(e2["brown_forsythe"]["p"].get<double>(), 0.05);
  EXPECT_LT(e2["after"]["sd"].get<double>(), e2["before"]["sd"].get<double>());
  // A spread kaizen keeps the wafer means as its unit (wafer-to-wafer variation is the point).
  EXPECT_EQ(e2["mean_unit"]["unit"], "wafer means");
  EXPECT_EQ(e2["brown_forsythe"]["unit"], "wafer means");
  EXPECT_EQ(e2["before"]["unit"], "wafer means");
  const auto closed = test::runCli({"kaizen", "move", "2", "--workspace", ws, "--column", "Act", "--at", "2026-11-01"}, err);
  EXPECT_EQ(closed.exitCode, 0) << closed.err;

  // Kaizen 1 (GATE_CD, intended lower mean): the mean rose after the wet clean, so closing is refused …
  const auto e1 = Json::parse(test::runCli({"kaizen", "evidence", "1", "--workspace", ws, "--json"}, err).out);
  EXPECT_FALSE(e1["improvement_shown"].get<bool>());
  // The demo's 25 wafers per lot share their lot's shift, so the mean shift is tested on lot means:
  // 9 lots before the wet clean, 7 after (225 and 175 wafers).
  const auto& unit = e1["mean_unit"];
  EXPECT_EQ(unit["unit"], "lot means");
  EXPECT_EQ(unit["n_before"], 9);
  EXPECT_EQ(unit["n_after"], 7);
  EXPECT_EQ(unit["wafers_per_lot_min"], 25);
  EXPECT_EQ(unit["wafers_per_lot_max"], 25);
  EXPECT_EQ(unit["split_lots"], 0);  // the lot history puts each lot wholly on one side
  EXPECT_EQ(e1["before"]["n"], 225);
  EXPECT_EQ(e1["after"]["n"], 175);
  EXPECT_EQ(e1["before"]["unit"], "wafer means");
  const auto& w = e1["welch"];
  EXPECT_EQ(w["unit"], "lot means");
  EXPECT_EQ(w["n_before"], 9);
  EXPECT_EQ(w["n_after"], 7);
  // Equal lot sizes: the mean of the lot means is the mean of the wafer means.
  EXPECT_NEAR(w["difference"].get<double>(),
              e1["after"]["mean"].get<double>() - e1["before"]["mean"].get<double>(), 1e-9);
  EXPECT_NEAR(w["difference"].get<double>(), 1.5, 0.2);  // the planted 1.5 nm step …
  EXPECT_LT(w["ci_low"].get<double>(), 1.5);             // … inside the interval
  EXPECT_GT(w["ci_high"].get<double>(), 1.5);
  EXPECT_NEAR(w["df"].get<double>(), 14, 1);
  EXPECT_GT(w["t"].get<double>(), 5);
  EXPECT_LT(w["t"].get<double>(), 15);  // not the t ≈ 40 of wafer means
  // Lot means are not autocorrelated, so the Welch test holds and is the recommended estimate.
  EXPECT_FALSE(e1["serial_correlation"]["autocorrelated"].get<bool>());
  EXPECT_EQ(e1["serial_correlation"]["n"], 9);
  EXPECT_LT(std::abs(e1["serial_correlation"]["r1"].get<double>()), 0.3);
  EXPECT_EQ(e1["recommended"], "welch");
  EXPECT_THAT(e1["recommendation"].get<std::string>(),
              HasSubstr("wafers are nested in lots (25 per lot): the mean shift is tested on 16 lot means"));
  EXPECT_THAT(e1["verdict"].get<std::string>(), HasSubstr("tested on 16 lot means"));
  EXPECT_EQ(e1["mean_shift"]["method"], "welch");
  EXPECT_EQ(e1["mean_shift"]["unit"], "lot means");
  EXPECT_DOUBLE_EQ(e1["mean_shift"]["difference"].get<double>(), w["difference"].get<double>());
  // The intervention, fitted on the 16 lot means for comparison, sees the rise too.
  const auto& kf = e1["kalman_intervention"];
  EXPECT_EQ(kf["unit"], "lot means");
  EXPECT_EQ(kf["step_point"], 10);
  EXPECT_EQ(kf["fits"].size(), 2u);
  EXPECT_NEAR(kf["effect"].get<double>(), 1.5, 0.5);
  EXPECT_NEAR(kf["z"].get<double>(), kf["effect"].get<double>() / kf["se"].get<double>(), 1e-9);
  // The phase chart keeps the wafer means.
  EXPECT_EQ(e1["phase_chart"]["unit"], "wafer means");
  EXPECT_EQ(e1["phase_chart"]["before"]["points"], e1["before"]["n"]);
  EXPECT_EQ(e1["phase_chart"]["after"]["points"], e1["after"]["n"]);
  EXPECT_NEAR(e1["phase_chart"]["after"]["center"].get<double>(), e1["after"]["mean"].get<double>(), 1e-9);
  EXPECT_EQ(e1["cpk_before"]["unit"], "wafer means");
  const auto text = test::runCli({"kaizen", "evidence", "1", "--workspace", ws}, err);
  EXPECT_THAT(text.out, HasSubstr("Kalman intervention step (lot means, "));
  EXPECT_THAT(text.out, HasSubstr("mean difference (lot means) "));
  EXPECT_THAT(text.out, HasSubstr("the mean shift is tested on 16 lot means"));
  EXPECT_THAT(text.out, HasSubstr("the Welch t-test holds"));
  const auto refused = test::runCli({"kaizen", "move", "1", "--workspace", ws, "--column", "Act"}, err);
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_THAT(refused.err, HasSubstr("does not show the intended improvement"));
  // … unless a written override is given, which is kept.
  EXPECT_EQ(test::runCli({"kaizen", "move", "1", "--workspace", ws, "--column", "Act", "--override", "offset moved to APC"}, err).exitCode, 0);
  const auto k1 = Json::parse(test::runCli({"kaizen", "show", "1", "--workspace", ws, "--json"}, err).out);
  EXPECT_EQ(k1["stage"], "act");
  EXPECT_EQ(k1["evidence_override"], "offset moved to APC");

  // A hard WIP limit refuses a move with the reason and exit status 1.
  ASSERT_EQ(test::runCli({"kanban", "board", "--workspace", ws, "--create", "Spares", "--columns", "Queue:backlog,Work:1!,Done:done"}, err).exitCode, 0);
  ASSERT_EQ(test::runCli({"kaizen", "add", "--workspace", ws, "--title", "a", "--board", "Spares"}, err).exitCode, 0);
  ASSERT_EQ(test::runCli({"kaizen", "add", "--workspace", ws, "--title", "b", "--board", "Spares"}, err).exitCode, 0);
  const auto spares = Json::parse(test::runCli({"kanban", "board", "--workspace", ws, "--board", "Spares", "--json"}, err).out);
  const int cardA = spares["columns"][0]["cards"][0]["id"], cardB = spares["columns"][0]["cards"][1]["id"];
  EXPECT_EQ(test::runCli({"kanban", "move", "--workspace", ws, "--board", "Spares", "--card", std::to_string(cardA), "--column", "Work"}, err).exitCode, 0);
  const auto wip = test::runCli({"kanban", "move", "--workspace", ws, "--board", "Spares", "--card", std::to_string(cardB), "--column", "Work"}, err);
  EXPECT_EQ(wip.exitCode, 1);
  EXPECT_THAT(wip.err, HasSubstr("WIP limit is 1 (hard limit)"));
}

TEST(LeanCli, DemoBoardTellsTheKaizenStory) {
  test::TempDir dir;
  const auto ws = test::workspaceIn(dir, "demo.fabdb");
  const auto err = dir.path("err");
  ASSERT_EQ(test::runCli({"demo", "--workspace", ws}, err).exitCode, 0);
  const auto board = Json::parse(test::runCli({"kanban", "board", "--workspace", ws, "--json"}, err).out);
  std::size_t cards = 0, columnsWithCards = 0;
  std::vector<int> done, active;  // kaizen ids
  for (const auto& column : board["columns"]) {
    cards += column["cards"].size();
    columnsWithCards += column["cards"].empty() ? 0 : 1;
    for (const auto& card : column["cards"])
      if (card.contains("kaizen")) (column["role"] == "done" ? done : active).push_back(card["kaizen"].get<int>());
  }
  EXPECT_GE(cards, 5u);
  EXPECT_GE(columnsWithCards, 3u);

  auto evidence = [&](int kaizen) {
    const auto r = test::runCli({"kaizen", "evidence", std::to_string(kaizen), "--workspace", ws, "--json"}, err);
    return r.exitCode == 0 ? Json::parse(r.out) : Json();
  };
  // One kaizen closed in the done column, through evidence that shows the improvement.
  ASSERT_EQ(done.size(), 1u);
  const auto closed =
      Json::parse(test::runCli({"kaizen", "show", std::to_string(done[0]), "--workspace", ws, "--json"}, err).out);
  EXPECT_EQ(closed["stage"], "act");
  EXPECT_EQ(closed["evidence_override"], "");
  EXPECT_TRUE(evidence(done[0])["improvement_shown"].get<bool>());

  // One blocked in Check: its evidence fails, so it cannot close without a written override.
  int blocked = 0;
  for (int kaizen : active) {
    const auto k =
        Json::parse(test::runCli({"kaizen", "show", std::to_string(kaizen), "--workspace", ws, "--json"}, err).out);
    const auto e = evidence(kaizen);
    if (k["stage"] == "check" && e.is_object() && !e["improvement_shown"].get<bool>()) blocked = kaizen;
  }
  ASSERT_NE(blocked, 0);
  const auto refused = test::runCli(
      {"kaizen", "move", std::to_string(blocked), "--workspace", ws, "--column", "Act", "--at", "2026-11-02"}, err);
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_THAT(refused.err, HasSubstr("does not show the intended improvement"));
}

TEST(LeanCli, CardCount) {
  const auto r = test::runCli({"kanban", "size", "--demand", "2000", "--lead-time", "0.4", "--safety", "0.1", "--container", "200", "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = Json::parse(r.out);
  EXPECT_EQ(j["cards"], 5);
  EXPECT_NEAR(j["exact"].get<double>(), 4.4, 1e-12);
}

}  // namespace
}  // namespace fab

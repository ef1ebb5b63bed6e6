#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/common/error.h"
#include "core/lean/flow_metrics.h"
#include "core/lean/kaizen_store.h"
#include "core/lean/kanban_store.h"
#include "core/lean/pull_loop.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab::lean {
namespace {

using ::testing::HasSubstr;
constexpr std::int64_t kDay = 86400000, kT0 = 1772323200000;  // 2026-03-01

class KanbanTest : public ::testing::Test {
 protected:
  KanbanTest() {
    boards.createBoard("improvement", {{0, "Backlog", ColumnRole::Backlog, 0, false},
                                       {0, "Plan", ColumnRole::Active, 2, true},
                                       {0, "Do", ColumnRole::Active, 1, false},
                                       {0, "Done", ColumnRole::Done, 0, false}});
  }
  std::string moveError(std::int64_t card, const std::string& to, const EvidenceGate& gate = {}) {
    try {
      boards.move("improvement", card, to, "ana", kT0 + 9 * kDay, gate);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
  test::TempDir dir;
  store::Workspace ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  KanbanStore boards{ws.db()};
  KaizenStore kaizens{ws.db()};
};

TEST_F(KanbanTest, HardWipLimitRefusesAndSoftLimitWarns) {
  const auto a = boards.addCard("improvement", {0, "A"}, "Backlog", "ana", kT0);
  const auto b = boards.addCard("improvement", {0, "B"}, "Backlog", "ana", kT0);
  const auto c = boards.addCard("improvement", {0, "C"}, "Backlog", "ana", kT0);
  boards.move("improvement", a, "Plan", "ana", kT0 + kDay);
  boards.move("improvement", b, "Plan", "ana", kT0 + kDay);
  EXPECT_THAT(moveError(c, "Plan"), HasSubstr("Plan holds 2 cards and its WIP limit is 2 (hard limit)"));
  EXPECT_EQ(boards.load("improvement").wip(boards.load("improvement").columnNamed("Plan")->id), 2);
  boards.move("improvement", a, "Do", "ana", kT0 + 2 * kDay);
  const auto over = boards.move("improvement", b, "Do", "ana", kT0 + 3 * kDay);
  EXPECT_THAT(over.warning, HasSubstr("soft limit"));
}

TEST_F(KanbanTest, LeadAndCycleTimesFromScriptedMoves) {
  const auto a = boards.addCard("improvement", {0, "A"}, "Backlog", "ana", kT0);
  boards.move("improvement", a, "Plan", "ana", kT0 + 2 * kDay);
  boards.move("improvement", a, "Do", "ana", kT0 + 3 * kDay);
  boards.move("improvement", a, "Done", "ana", kT0 + 7 * kDay);
  const auto b = boards.addCard("improvement", {0, "B"}, "Backlog", "ana", kT0 + kDay);
  boards.move("improvement", b, "Plan", "ana", kT0 + 5 * kDay);
  const auto m = flowMetrics(boards.load("improvement"), kT0, kT0 + 8 * kDay);
  ASSERT_EQ(m.cards.size(), 2u);
  EXPECT_DOUBLE_EQ(*m.cards[0].leadDays, 7.0);
  EXPECT_DOUBLE_EQ(*m.cards[0].cycleDays, 5.0);
  EXPECT_FALSE(m.cards[1].finished);
  EXPECT_DOUBLE_EQ(*m.cards[1].ageDays, 3.0);
  EXPECT_EQ(m.finishedInWindow, 1);
  EXPECT_DOUBLE_EQ(m.little.throughputPerDay, 1.0 / 8);
  EXPECT_DOUBLE_EQ(m.little.predictedWip, 5.0 / 8);
  // Active WIP at the end of days 1..8: A active on days 2..6 (ends of days 2-6 → 5 days),
  // B active from day 5 (ends of days 5-8 → 4 days): 9 card-days over 8 days.
  EXPECT_DOUBLE_EQ(m.little.averageWip, 9.0 / 8);
  ASSERT_EQ(m.cumulativeFlow.days.size(), 8u);
  EXPECT_EQ(m.cumulativeFlow.counts.back(), (std::vector<int>{0, 1, 0, 1}));
}

TEST_F(KanbanTest, UndoAppendsACompensatingMove) {
  const auto a = boards.addCard("improvement", {0, "A"}, "Backlog", "ana", kT0);
  boards.move("improvement", a, "Plan", "ana", kT0 + kDay);
  const auto undo = boards.undo("improvement", a, "ben", kT0 + 2 * kDay);
  const auto board = boards.load("improvement");
  EXPECT_EQ(board.columnOf(a), board.columnNamed("Backlog")->id);
  ASSERT_EQ(board.moves.size(), 3u);
  EXPECT_EQ(*board.moves[2].undoOf, board.moves[1].id);
  EXPECT_EQ(undo.move.who, "ben");
  // Undoing the undo redoes the move, again by appending.
  boards.undo("improvement", a, "ben", kT0 + 3 * kDay);
  const auto redone = boards.load("improvement");
  EXPECT_EQ(redone.columnOf(a), redone.columnNamed("Plan")->id);
  EXPECT_EQ(redone.moves.size(), 4u);
  // A card only created has nothing to undo.
  const auto b = boards.addCard("improvement", {0, "B"}, "Backlog", "ana", kT0);
  EXPECT_THROW(boards.undo("improvement", b, "ben", kT0 + 3 * kDay), Error);
}

TEST_F(KanbanTest, ClosingAKaizenNeedsEvidenceOrAWrittenOverride) {
  Kaizen k;
  k.title = "Shorten GATE_ETCH chamber B wet-clean recovery";
  k.owner = "ana";
  k.submitted = kT0;
  k.link = SpcLink{"GATE_CD", "GATE_ETCH", "ETCH-03", "B", "", kT0 + 5 * kDay, Direction::LowerMean};
  kaizens.add(k, "ana", kT0);
  KanbanCard card;
  card.title = k.title;
  card.kaizenId = k.id;
  const auto c = boards.addCard("improvement", card, "Backlog", "ana", kT0);
  boards.move("improvement", c, "Do", "ana", kT0 + kDay);
  EvidenceGate failing{true, false, "mean rose by 1.5 nm (p < 0.001)", ""};
  EXPECT_THAT(moveError(c, "Done", failing), HasSubstr("does not show the intended improvement (mean rose"));
  EXPECT_THAT(moveError(c, "Done"), HasSubstr("no SPC evidence"));
  failing.override = "chamber B retired; effect shown on chamber A instead";
  boards.move("improvement", c, "Done", "ana", kT0 + 9 * kDay, failing);
  const auto closed = kaizens.get(k.id);
  EXPECT_EQ(closed.stage, Stage::Act);
  EXPECT_EQ(*closed.closed, kT0 + 9 * kDay);
  EXPECT_EQ(closed.evidenceOverride, failing.override);
  EXPECT_EQ(*closed.start, kT0 + kDay);
  const auto history = kaizens.history(k.id);
  ASSERT_GE(history.size(), 3u);
  EXPECT_EQ(history.front().field, "created");
}

TEST_F(KanbanTest, KaizenRoundTripAndEditHistory) {
  Kaizen k;
  k.type = KaizenType::A3;
  k.title = "Reduce OX_THK drift on FURN-02";
  k.area = "FURN-02";
  k.submitted = kT0;
  k.due = kT0 + 30 * kDay;
  k.hardSavings = 12000;
  k.actions = {{0, "replace heater element 3", "bo", kT0 + 10 * kDay, false}};
  kaizens.add(k, "ana", kT0);
  Kaizen loaded = kaizens.get(k.id);
  EXPECT_EQ(loaded.title, k.title);
  EXPECT_EQ(loaded.type, KaizenType::A3);
  EXPECT_EQ(*loaded.due, *k.due);
  ASSERT_EQ(loaded.actions.size(), 1u);
  EXPECT_EQ(loaded.actions[0].owner, "bo");
  EXPECT_TRUE(loaded.overdue(kT0 + 31 * kDay));
  loaded.owner = "bo";
  loaded.actions[0].done = true;
  EXPECT_EQ(kaizens.update(loaded, "bo", kT0 + kDay), 2);
  const auto history = kaizens.history(k.id);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[1].field, "owner");
  EXPECT_EQ(history[1].oldValue, "");
  EXPECT_EQ(history[1].newValue, "bo");
  EXPECT_EQ(history[2].field, "actions");
}

TEST(PullLoop, ToyotaCardCount) {
  // Reference README: D = 2000/day, L = 0.4 day, α = 0.1, C = 200 → 4.4 → 5 cards.
  const auto c = cardCount(2000, 0.4, 0.1, 200, 8 * 60);
  EXPECT_NEAR(c.exact, 4.4, 1e-12);
  EXPECT_EQ(c.cards, 5);
  EXPECT_DOUBLE_EQ(c.takt, 0.24);  // minutes per unit
  EXPECT_EQ(cardCount(1000, 1, 0, 200).cards, 5);  // exactly 5.0 stays 5
  EXPECT_THROW(cardCount(0, 1, 0, 1), Error);
}

}  // namespace
}  // namespace fab::lean

// The kanban board view over the demo workspace's "Yield improvement" board.
#include <gtest/gtest.h>

#include <QApplication>
#include <QLabel>
#include <QTableWidget>

#include <optional>

#include "core/lean/kanban_store.h"
#include "core/store/database.h"
#include "tests/ui/views/demo_fixture.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/views/lean/evidence_panel.h"
#include "ui/views/lean/kaizen_editor.h"
#include "ui/views/lean/kanban_board_view.h"
#include "ui/views/lean/kanban_column_list.h"

namespace fab::ui::lean {
namespace {

const QString kBoard = "Yield improvement";

std::int64_t columnId(const fab::lean::KanbanBoard& b, const std::string& name) { return b.columnNamed(name)->id; }

/// Cards shown in each column of the view, by id.
std::vector<std::vector<std::int64_t>> shownCards(const KanbanBoardView& v) {
  std::vector<std::vector<std::int64_t>> out;
  for (std::size_t c = 0; c < v.board().columns.size(); ++c) {
    out.emplace_back();
    auto* list = v.columnList(c);
    for (int i = 0; i < list->count(); ++i)
      out.back().push_back(list->item(i)->data(KanbanColumnList::kCardIdRole).toLongLong());
  }
  return out;
}

/// The same, from the store's own idea of where each card is.
std::vector<std::vector<std::int64_t>> storedCards(const std::string& path) {
  store::Database db(path, store::Database::Mode::ReadOnly);
  const auto b = fab::lean::KanbanStore(db).load(kBoard.toStdString());
  std::vector<std::vector<std::int64_t>> out(b.columns.size());
  for (std::size_t c = 0; c < b.columns.size(); ++c)
    for (const auto& card : b.cards)
      if (b.columnOf(card.id) == b.columns[c].id) out[c].push_back(card.id);
  return out;
}

TEST(KanbanBoardView, ShowsTheDemoBoardWithCountsAndLimits) {
  test::TempDir dir;
  const auto path = test::demoWorkspaceCopy(dir);
  KanbanBoardView view(QString::fromStdString(path), kBoard);
  ASSERT_EQ(view.board().columns.size(), 5u);
  EXPECT_EQ(shownCards(view), storedCards(path));
  // Plan holds one card against a hard limit of 3.
  EXPECT_TRUE(view.columnHeader(1)->text().contains("Plan</b> 1 / 3")) << view.columnHeader(1)->text().toStdString();
  view.resize(1500, 800);
  view.show();
  view.selectCard(1);
  // The first demo kaizen is linked to GATE_CD: its evidence arrives off the GUI thread.
  test::waitUntil([&] { return view.evidenceTable()->rowCount() > 0; });
  EXPECT_EQ(view.evidenceTable()->rowCount(), 11);  // wafer-mean rows, lot means, tests, serial correlation
  test::screenshot(view, "kanban_board");
  test::screenshot(*view.evidencePanel(), "kanban_evidence");
  view.showMetrics(true);
  test::screenshot(view, "kanban_metrics");
}

TEST(KanbanBoardView, RefusesADropOverAHardLimitAndLeavesTheBoardUnchanged) {
  test::TempDir dir;
  const auto path = test::demoWorkspaceCopy(dir);
  {
    store::Database db(path, store::Database::Mode::ReadWrite);
    fab::lean::KanbanStore store(db);
    for (const char* title : {"Task one", "Task two", "Task three"}) {
      fab::lean::KanbanCard card;
      card.title = title;
      card.owner = "kim";
      store.addCard(kBoard.toStdString(), card, "Backlog", "kim", 1'900'000'000'000);
    }
  }
  KanbanBoardView view(QString::fromStdString(path), kBoard);
  QStringList messages;
  view.setMessageSink([&](const QString& m) { messages << m; });
  const auto plan = columnId(view.board(), "Plan");
  const auto backlog = view.board().columns[0].id;
  std::vector<std::int64_t> waiting;
  for (const auto& c : view.board().cards)
    if (view.board().columnOf(c.id) == backlog) waiting.push_back(c.id);
  ASSERT_GE(waiting.size(), 3u);
  EXPECT_TRUE(view.moveCard(waiting[0], plan));
  EXPECT_TRUE(view.moveCard(waiting[1], plan));  // Plan now at its hard limit of 3
  const auto before = storedCards(path);
  const auto movesBefore = view.board().moves.size();
  EXPECT_FALSE(view.moveCard(waiting[2], plan));
  EXPECT_EQ(storedCards(path), before);
  EXPECT_EQ(shownCards(view), before);
  EXPECT_EQ(view.board().moves.size(), movesBefore);
  ASSERT_FALSE(messages.isEmpty());
  EXPECT_TRUE(messages.back().startsWith("Move refused")) << messages.back().toStdString();
  EXPECT_EQ(view.board().columnOf(waiting[2]), backlog);
}

TEST(KanbanBoardView, UndoRestoresTheCardsColumnByACompensatingMove) {
  test::TempDir dir;
  const auto path = test::demoWorkspaceCopy(dir);
  KanbanBoardView view(QString::fromStdString(path), kBoard);
  view.setMessageSink([](const QString&) {});
  const auto& b = view.board();
  const std::int64_t card = b.cards.back().id;  // the boat-label suggestion, in Backlog
  const auto from = b.columnOf(card);
  const auto moves = b.moves.size();
  ASSERT_TRUE(view.moveCard(card, columnId(b, "Plan")));
  EXPECT_EQ(view.board().columnOf(card), columnId(view.board(), "Plan"));
  ASSERT_TRUE(view.undo());
  EXPECT_EQ(view.board().columnOf(card), from);
  // History is never rewritten: the move and its compensation are both kept.
  ASSERT_EQ(view.board().moves.size(), moves + 2);
  EXPECT_EQ(view.board().moves.back().undoOf, view.board().moves[moves].id);
  EXPECT_EQ(storedCards(path), shownCards(view));
  EXPECT_FALSE(view.undo());
}

/// Moves a card to a done column: its evidence is checked off the GUI thread, so the move ends later.
bool moveToDone(KanbanBoardView& view, std::int64_t card, std::int64_t column) {
  std::optional<bool> moved;
  const auto connection = QObject::connect(&view, &KanbanBoardView::moveFinished,
                                           [&](qint64 c, bool ok) { if (c == card) moved = ok; });
  EXPECT_FALSE(view.moveCard(card, column));  // not yet: the evidence is being computed
  EXPECT_TRUE(view.checkingEvidence());
  test::waitUntil([&] { return moved.has_value(); });
  QObject::disconnect(connection);
  return moved.value_or(false);
}

TEST(KanbanBoardView, ClosingAKaizenWithoutEvidenceNeedsAWrittenOverride) {
  test::TempDir dir;
  const auto path = test::demoWorkspaceCopy(dir);
  KanbanBoardView view(QString::fromStdString(path), kBoard);
  view.setMessageSink([](const QString&) {});
  // The OX_THK kaizen has no SPC link, so the evidence cannot show anything.
  std::int64_t card = 0;
  for (const auto& c : view.board().cards)
    if (c.title.find("OX_THK") != std::string::npos) card = c.id;
  ASSERT_NE(card, 0);
  const auto act = columnId(view.board(), "Act");
  QString asked;
  view.setOverrideProvider([&](const QString&, const QString& evidence) -> std::optional<QString> {
    asked = evidence;
    return std::nullopt;
  });
  EXPECT_FALSE(moveToDone(view, card, act));
  EXPECT_FALSE(asked.isEmpty());
  EXPECT_NE(view.board().columnOf(card), act);
  view.setOverrideProvider([](const QString&, const QString&) -> std::optional<QString> {
    return QString("drift traced to a worn thermocouple; replaced");
  });
  EXPECT_TRUE(moveToDone(view, card, act));
  EXPECT_EQ(view.board().columnOf(card), act);
  EXPECT_NE(view.board().moves.back().note.find("worn thermocouple"), std::string::npos);
}

TEST(KanbanBoardView, UndoRevertsAKaizenEdit) {
  test::TempDir dir;
  const auto path = test::demoWorkspaceCopy(dir);
  KanbanBoardView view(QString::fromStdString(path), kBoard);
  view.setMessageSink([](const QString&) {});
  view.selectCard(1);
  auto k = view.editor()->edited();
  const auto title = k.title;
  k.title = "Renamed";
  ASSERT_TRUE(view.saveKaizen(k));
  EXPECT_EQ(view.editor()->edited().title, "Renamed");
  ASSERT_TRUE(view.undo());
  EXPECT_EQ(view.editor()->edited().title, title);
}

TEST(KanbanBoardView, FiltersByOwner) {
  KanbanBoardView view(QString::fromStdString(test::demoWorkspace()), kBoard);
  view.setFilters("ines", QString());
  std::size_t shown = 0;
  for (const auto& column : shownCards(view)) shown += column.size();
  EXPECT_EQ(shown, 2u);  // the demo's two FURN-02 kaizens
}

TEST(KanbanBoardView, MetricsChartsFollowTheBoard) {
  KanbanBoardView view(QString::fromStdString(test::demoWorkspace()), kBoard);
  const auto& cfd = static_cast<chart::SeriesChartPainter*>(view.cumulativeFlowWidget()->chart())->model();
  ASSERT_EQ(cfd.series.size(), 5u);
  // The top line (from the first column down) counts every card created by that day.
  const auto& top = cfd.series[0].points;
  ASSERT_FALSE(top.empty());
  EXPECT_EQ(top.back().y, static_cast<double>(view.board().cards.size()));
  for (std::size_t c = 1; c < cfd.series.size(); ++c)
    for (std::size_t d = 0; d < top.size(); ++d) EXPECT_LE(cfd.series[c].points[d].y, cfd.series[c - 1].points[d].y);
}

}  // namespace
}  // namespace fab::ui::lean

#include "core/lean/kanban_store.h"

#include <cctype>

#include "core/common/error.h"
#include "core/lean/kaizen_store.h"
#include "core/store/change_notice.h"

namespace fab::lean {
namespace {

ColumnRole roleFromName(std::string_view name) {
  if (name == "backlog") return ColumnRole::Backlog;
  if (name == "done") return ColumnRole::Done;
  return ColumnRole::Active;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::int64_t KanbanStore::createBoard(const std::string& name, const std::vector<KanbanColumn>& columns) {
  if (name.empty()) throw Error("a board needs a name");
  if (columns.empty()) throw Error("a board needs at least one column");
  store::Transaction tx(db_);
  {
    auto q = db_.prepare("SELECT count(*) FROM kanban_board WHERE name = ?");
    q.bind(1, name);
    if (q.step() && q.integer(0)) throw Error("a board named '" + name + "' already exists");
  }
  db_.prepare("INSERT INTO kanban_board(name) VALUES (?)").bind(1, name).run();
  const auto board = db_.lastInsertId();
  auto insert = db_.prepare(
      "INSERT INTO kanban_column(board_id, position, name, role, wip_limit, hard_limit) VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto& c = columns[i];
    if (c.wipLimit < 0) throw Error("column '" + c.name + "': a WIP limit cannot be negative");
    insert.bind(1, board).bind(2, static_cast<std::int64_t>(i)).bind(3, c.name).bind(4, columnRoleName(c.role));
    insert.bind(5, c.wipLimit).bind(6, std::int64_t{c.hardLimit}).run();
  }
  tx.commit();
  return board;
}

std::vector<std::string> KanbanStore::boardNames() {
  std::vector<std::string> out;
  auto q = db_.prepare("SELECT name FROM kanban_board ORDER BY id");
  while (q.step()) out.push_back(q.text(0));
  return out;
}

KanbanBoard KanbanStore::load(const std::string& boardName) {
  KanbanBoard b;
  auto q = db_.prepare("SELECT id FROM kanban_board WHERE name = ?");
  q.bind(1, boardName);
  if (!q.step()) {
    std::string names;
    for (const auto& n : boardNames()) names += (names.empty() ? "" : ", ") + n;
    throw Error("no board named '" + boardName + "'" + (names.empty() ? "" : " (boards: " + names + ")"));
  }
  b.id = q.integer(0);
  b.name = boardName;
  auto cols = db_.prepare("SELECT id, name, role, wip_limit, hard_limit FROM kanban_column WHERE board_id = ? ORDER BY position");
  cols.bind(1, b.id);
  while (cols.step())
    b.columns.push_back({cols.integer(0), cols.text(1), roleFromName(cols.textView(2)), static_cast<int>(cols.integer(3)), cols.integer(4) != 0});
  auto cards = db_.prepare("SELECT id, title, kaizen_id, owner, area, swimlane, created FROM kanban_card WHERE board_id = ? ORDER BY id");
  cards.bind(1, b.id);
  while (cards.step())
    b.cards.push_back({cards.integer(0), cards.text(1), cards.optionalInteger(2), cards.text(3), cards.text(4), cards.text(5), cards.integer(6)});
  auto moves = db_.prepare(
      "SELECT m.id, m.card_id, m.from_column, m.to_column, m.time, m.who, m.undo_of, m.note FROM card_move m "
      "JOIN kanban_card c ON c.id = m.card_id WHERE c.board_id = ? ORDER BY m.time, m.id");
  moves.bind(1, b.id);
  while (moves.step())
    b.moves.push_back({moves.integer(0), moves.integer(1), moves.optionalInteger(2), moves.integer(3), moves.integer(4),
                       moves.text(5), moves.optionalInteger(6), moves.text(7)});
  return b;
}

CardMove KanbanStore::append(CardMove move) {
  db_.prepare("INSERT INTO card_move(card_id, from_column, to_column, time, who, undo_of, note) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, move.cardId).bind(2, move.fromColumn).bind(3, move.toColumn).bind(4, move.time).bind(5, move.who)
      .bind(6, move.undoOf).bind(7, move.note)
      .run();
  move.id = db_.lastInsertId();
  return move;
}

std::int64_t KanbanStore::addCard(const std::string& boardName, KanbanCard card, const std::string& columnName,
                                  const std::string& who, std::int64_t time) {
  if (card.title.empty()) throw Error("a card needs a title");
  const auto board = load(boardName);
  const auto* column = board.columnNamed(columnName);
  if (!column) throw Error("board '" + boardName + "' has no column '" + columnName + "'");
  if (column->hardLimit && column->wipLimit > 0 && board.wip(column->id) >= column->wipLimit)
    throw Error(column->name + " is at its hard WIP limit of " + std::to_string(column->wipLimit) + "; the card cannot start there");
  store::Transaction tx(db_);
  db_.prepare("INSERT INTO kanban_card(board_id, title, kaizen_id, owner, area, swimlane, created) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, board.id).bind(2, card.title).bind(3, card.kaizenId).bind(4, card.owner).bind(5, card.area)
      .bind(6, card.swimlane).bind(7, time)
      .run();
  card.id = db_.lastInsertId();
  append({0, card.id, std::nullopt, column->id, time, who, std::nullopt, "created"});
  store::announceChange(db_, "kaizen", card.id, boardName);
  tx.commit();
  return card.id;
}

void KanbanStore::followKaizen(const KanbanBoard& board, const KanbanCard& card, const KanbanColumn& to,
                               std::int64_t time, const std::string& who, const std::string& override) {
  if (!card.kaizenId) return;
  KaizenStore kaizens(db_);
  Kaizen k = kaizens.get(*card.kaizenId);
  const std::string name = lower(to.name);
  for (Stage s : {Stage::New, Stage::Plan, Stage::Do, Stage::Check, Stage::Act, Stage::Rejected})
    if (name == stageName(s) || (s == Stage::Act && (name == "standardised" || name == "standardized"))) k.stage = s;
  if (to.role == ColumnRole::Done) {
    if (k.stage != Stage::Rejected) k.stage = Stage::Act;
    k.closed = time;
    if (!override.empty()) k.evidenceOverride = override;
  } else {
    k.closed.reset();
  }
  if (!k.start && to.role == ColumnRole::Active) k.start = time;
  kaizens.update(k, who, time);
  (void)board;
}

MoveResult KanbanStore::move(const std::string& boardName, std::int64_t cardId, const std::string& toColumn,
                             const std::string& who, std::int64_t time, const EvidenceGate& gate) {
  const auto board = load(boardName);
  const auto* to = board.columnNamed(toColumn);
  if (!to) throw Error("board '" + boardName + "' has no column '" + toColumn + "'");
  const auto& card = board.card(cardId);
  const auto check = board.checkMove(cardId, to->id);
  if (!check.allowed) throw Error(check.refusal);

  std::string override;
  if (to->role == ColumnRole::Done && card.kaizenId && lower(to->name) != "rejected") {
    if (gate.computed && gate.improvementShown) {
      // The data show the intended improvement.
    } else if (!gate.override.empty()) {
      override = gate.override;
    } else {
      throw Error("'" + card.title + "' cannot be closed: " +
                  (gate.computed ? "the evidence does not show the intended improvement (" + gate.summary + ")"
                                 : std::string("its kaizen has no SPC evidence (link a parameter and a change time)")) +
                  "; give a written override to close it anyway");
    }
  }
  store::Transaction tx(db_);
  MoveResult result;
  result.move = append({0, cardId, board.columnOf(cardId), to->id, time, who, std::nullopt,
                        override.empty() ? gate.summary : "override: " + override});
  result.warning = check.warning;
  followKaizen(board, card, *to, time, who, override);
  store::announceChange(db_, "kaizen", cardId, boardName);
  tx.commit();
  return result;
}

MoveResult KanbanStore::undo(const std::string& boardName, std::int64_t cardId, const std::string& who, std::int64_t time) {
  const auto board = load(boardName);
  auto undo = board.undoOfLastMove(cardId, time, who);
  if (!undo) throw Error("'" + board.card(cardId).title + "' has no move to undo");
  const auto check = board.checkMove(cardId, undo->toColumn);
  if (!check.allowed) throw Error("cannot undo: " + check.refusal);
  store::Transaction tx(db_);
  MoveResult result;
  result.move = append(*undo);
  result.warning = check.warning;
  followKaizen(board, board.card(cardId), board.column(undo->toColumn), undo->time, who, "");
  store::announceChange(db_, "kaizen", cardId, boardName);
  tx.commit();
  return result;
}

}  // namespace fab::lean

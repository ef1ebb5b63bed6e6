#include "core/lean/kanban_board.h"

#include <algorithm>

#include "core/common/error.h"

namespace fab::lean {

std::string_view columnRoleName(ColumnRole role) {
  switch (role) {
    case ColumnRole::Backlog: return "backlog";
    case ColumnRole::Active: return "active";
    case ColumnRole::Done: return "done";
  }
  return "active";
}

const KanbanColumn& KanbanBoard::column(std::int64_t columnId) const {
  for (const auto& c : columns)
    if (c.id == columnId) return c;
  throw Error("board '" + name + "' has no column " + std::to_string(columnId));
}

const KanbanColumn* KanbanBoard::columnNamed(const std::string& columnName) const {
  for (const auto& c : columns)
    if (c.name == columnName) return &c;
  return nullptr;
}

const KanbanCard& KanbanBoard::card(std::int64_t cardId) const {
  for (const auto& c : cards)
    if (c.id == cardId) return c;
  throw Error("board '" + name + "' has no card " + std::to_string(cardId));
}

std::int64_t KanbanBoard::columnOf(std::int64_t cardId) const {
  for (auto it = moves.rbegin(); it != moves.rend(); ++it)
    if (it->cardId == cardId) return it->toColumn;
  throw Error("card " + std::to_string(cardId) + " has never been placed on board '" + name + "'");
}

int KanbanBoard::wip(std::int64_t columnId) const {
  int n = 0;
  for (const auto& c : cards) n += columnOf(c.id) == columnId;
  return n;
}

MoveCheck KanbanBoard::checkMove(std::int64_t cardId, std::int64_t toColumn) const {
  MoveCheck check;
  const auto& to = column(toColumn);
  if (columnOf(cardId) == toColumn) {
    check.allowed = false;
    check.refusal = "'" + card(cardId).title + "' is already in " + to.name;
    return check;
  }
  if (to.wipLimit <= 0) return check;
  const int after = wip(toColumn) + 1;
  if (after <= to.wipLimit) return check;
  const std::string text = to.name + " holds " + std::to_string(after - 1) + " card" + (after == 2 ? "" : "s") +
                           " and its WIP limit is " + std::to_string(to.wipLimit);
  if (to.hardLimit) {
    check.allowed = false;
    check.refusal = text + " (hard limit): finish a card there first";
  } else {
    check.warning = text + " (soft limit): the move goes over it";
  }
  return check;
}

std::optional<CardMove> KanbanBoard::undoOfLastMove(std::int64_t cardId, std::int64_t time, const std::string& who) const {
  for (auto it = moves.rbegin(); it != moves.rend(); ++it) {
    if (it->cardId != cardId) continue;
    if (!it->fromColumn) return std::nullopt;  // creation cannot be undone by a move
    CardMove undo;
    undo.cardId = cardId;
    undo.fromColumn = it->toColumn;
    undo.toColumn = *it->fromColumn;
    undo.time = std::max(time, it->time);
    undo.who = who;
    undo.undoOf = it->id;
    undo.note = "undo of move " + std::to_string(it->id);
    return undo;
  }
  return std::nullopt;
}

}  // namespace fab::lean

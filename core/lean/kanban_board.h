#pragma once
// A kanban board: columns with WIP limits, cards, and the append-only history
// of card moves from which everything else (where a card is, flow metrics) is
// derived. Pure logic; the workspace stores it (kanban_store.h).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fab::lean {

enum class ColumnRole { Backlog, Active, Done };
std::string_view columnRoleName(ColumnRole role);

struct KanbanColumn {
  std::int64_t id = 0;
  std::string name;
  ColumnRole role = ColumnRole::Active;
  int wipLimit = 0;        ///< 0 = no limit
  bool hardLimit = false;  ///< hard: a move over the limit is refused; soft: it warns
};

struct KanbanCard {
  std::int64_t id = 0;
  std::string title;
  std::optional<std::int64_t> kaizenId;  ///< the kaizen this card tracks, if any
  std::string owner, area, swimlane;
  std::int64_t created = 0;  ///< ms since 1970 UTC
};

/// One move, never rewritten: an undo appends a compensating move.
struct CardMove {
  std::int64_t id = 0;
  std::int64_t cardId = 0;
  std::optional<std::int64_t> fromColumn;  ///< nullopt when the card was created
  std::int64_t toColumn = 0;
  std::int64_t time = 0;
  std::string who;
  std::optional<std::int64_t> undoOf;  ///< the move this one compensates
  std::string note;                    ///< e.g. the written override of an evidence check
};

/// Whether a move may happen, and what to tell the user.
struct MoveCheck {
  bool allowed = true;
  std::string warning;  ///< a soft limit reached or passed
  std::string refusal;  ///< why a move is refused
};

class KanbanBoard {
 public:
  std::int64_t id = 0;
  std::string name;
  std::vector<KanbanColumn> columns;  ///< left to right
  std::vector<KanbanCard> cards;
  std::vector<CardMove> moves;  ///< in time order

  const KanbanColumn& column(std::int64_t id) const;
  const KanbanColumn* columnNamed(const std::string& name) const;
  const KanbanCard& card(std::int64_t id) const;
  /// The column a card is in now (its last move's destination).
  std::int64_t columnOf(std::int64_t cardId) const;
  /// Cards in a column now.
  int wip(std::int64_t columnId) const;
  /// Checks a move against the destination's WIP limit.
  MoveCheck checkMove(std::int64_t cardId, std::int64_t toColumn) const;
  /// The move that undoes the card's last move (back to where it came from),
  /// or nullopt when there is nothing to undo.
  std::optional<CardMove> undoOfLastMove(std::int64_t cardId, std::int64_t time, const std::string& who) const;
};

}  // namespace fab::lean

#pragma once
// Kanban boards in the workspace. Moves are appended, never rewritten; a move
// onto a done column of a card that tracks a kaizen needs the kaizen's
// evidence to show the intended improvement, or a written override.
#include <cstdint>
#include <string>
#include <vector>

#include "core/lean/kanban_board.h"
#include "core/store/database.h"

namespace fab::lean {

/// What the caller found when it computed the kaizen's evidence (the store
/// never computes it: the analysis does, from data the store loaded).
struct EvidenceGate {
  bool computed = false;           ///< false when the kaizen has no SPC link or no data
  bool improvementShown = false;
  std::string summary;             ///< one line: what the evidence says
  std::string override;            ///< a written reason to close without the evidence
};

struct MoveResult {
  CardMove move;
  std::string warning;  ///< a soft WIP limit passed
};

class KanbanStore {
 public:
  explicit KanbanStore(store::Database& db) : db_(db) {}

  std::int64_t createBoard(const std::string& name, const std::vector<KanbanColumn>& columns);
  std::vector<std::string> boardNames();
  KanbanBoard load(const std::string& boardName);

  /// Puts a new card in a column (a creation move, time-stamped).
  std::int64_t addCard(const std::string& boardName, KanbanCard card, const std::string& columnName,
                       const std::string& who, std::int64_t time);
  /// Moves a card; throws fab::Error with the reason when a hard WIP limit or
  /// the evidence check refuses it. A kaizen card's stage follows the column
  /// when the column is named after a PDCA stage; entering a done column
  /// closes the kaizen (and keeps the override, if one was needed).
  MoveResult move(const std::string& boardName, std::int64_t cardId, const std::string& toColumn,
                  const std::string& who, std::int64_t time, const EvidenceGate& gate = {});
  /// Appends the move that undoes the card's last move.
  MoveResult undo(const std::string& boardName, std::int64_t cardId, const std::string& who, std::int64_t time);

 private:
  CardMove append(CardMove move);
  void followKaizen(const KanbanBoard& board, const KanbanCard& card, const KanbanColumn& to, std::int64_t time,
                    const std::string& who, const std::string& override);
  store::Database& db_;
};

}  // namespace fab::lean

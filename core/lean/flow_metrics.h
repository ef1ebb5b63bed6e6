#pragma once
// Flow metrics of a kanban board from its move history: lead and cycle time,
// ageing, throughput, cumulative flow and Little's law.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/lean/kanban_board.h"

namespace fab::lean {

struct CardFlow {
  std::int64_t cardId = 0;
  std::int64_t created = 0;
  std::optional<std::int64_t> started;   ///< first entry into an active column
  std::optional<std::int64_t> finished;  ///< entry into a done column, if it is there now
  std::optional<double> leadDays;        ///< created → finished
  std::optional<double> cycleDays;       ///< started → finished
  std::optional<double> ageDays;         ///< started → now, for cards in progress
};

/// Cumulative flow: for each day, how many cards sat in each column at its end.
struct CumulativeFlow {
  std::vector<std::int64_t> days;         ///< end of each day, ms since 1970 UTC
  std::vector<std::vector<int>> counts;   ///< counts[day][column index]
};

/// Little's law, L = λ·W (Little 1961): average WIP against throughput times
/// average cycle time over the window. It holds for a stable system whose
/// cards all finish, whose WIP is about the same at both ends of the window,
/// and whose average age of work in progress does not grow.
struct LittlesLaw {
  double averageWip = 0;          ///< cards in active columns, averaged over the window's days
  double throughputPerDay = 0;    ///< cards finished per day in the window
  double averageCycleDays = 0;    ///< of the cards finished in the window
  double predictedWip = 0;        ///< throughput × average cycle time
  std::string assumptions;
};

struct FlowMetrics {
  std::vector<CardFlow> cards;
  CumulativeFlow cumulativeFlow;
  LittlesLaw little;
  int finishedInWindow = 0;
};

/// Metrics over the window [from, to] (ms since 1970 UTC), `to` being "now".
FlowMetrics flowMetrics(const KanbanBoard& board, std::int64_t from, std::int64_t to);

}  // namespace fab::lean

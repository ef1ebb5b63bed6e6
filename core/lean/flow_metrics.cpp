#include "core/lean/flow_metrics.h"

#include <algorithm>
#include <map>

#include "core/common/error.h"

namespace fab::lean {
namespace {
constexpr double kDayMs = 86400000.0;
}

FlowMetrics flowMetrics(const KanbanBoard& board, std::int64_t from, std::int64_t to) {
  if (to < from) throw Error("the metrics window ends before it starts");
  std::map<std::int64_t, std::size_t> columnIndex;
  for (std::size_t i = 0; i < board.columns.size(); ++i) columnIndex[board.columns[i].id] = i;
  auto roleOf = [&](std::int64_t column) { return board.columns[columnIndex.at(column)].role; };

  FlowMetrics m;
  for (const auto& card : board.cards) {
    CardFlow f;
    f.cardId = card.id;
    f.created = card.created;
    std::optional<std::int64_t> current;
    for (const auto& move : board.moves) {
      if (move.cardId != card.id || move.time > to) continue;
      current = move.toColumn;
      const auto role = roleOf(move.toColumn);
      if (role == ColumnRole::Active && !f.started) f.started = move.time;
      if (role == ColumnRole::Done) {
        if (!f.started) f.started = move.time;  // went straight to done: cycle time 0
        f.finished = move.time;
      } else {
        f.finished.reset();  // moved back out of done
      }
    }
    if (f.finished) {
      f.leadDays = static_cast<double>(*f.finished - f.created) / kDayMs;
      f.cycleDays = static_cast<double>(*f.finished - *f.started) / kDayMs;
    } else if (f.started && current && roleOf(*current) == ColumnRole::Active) {
      f.ageDays = static_cast<double>(to - *f.started) / kDayMs;
    }
    m.cards.push_back(f);
  }

  // Cumulative flow: replay the moves day by day.
  const std::int64_t day = static_cast<std::int64_t>(kDayMs);
  std::vector<std::int64_t> location(board.cards.size(), -1);
  std::map<std::int64_t, std::size_t> cardIndex;
  for (std::size_t i = 0; i < board.cards.size(); ++i) cardIndex[board.cards[i].id] = i;
  std::size_t next = 0;
  double wipSum = 0;
  for (std::int64_t end = from + day; end - day < to; end += day) {
    const std::int64_t cut = std::min(end, to);
    while (next < board.moves.size() && board.moves[next].time <= cut) {
      const auto& mv = board.moves[next++];
      location[cardIndex.at(mv.cardId)] = mv.toColumn;
    }
    std::vector<int> counts(board.columns.size(), 0);
    for (auto col : location)
      if (col >= 0) ++counts[columnIndex.at(col)];
    int active = 0;
    for (std::size_t c = 0; c < counts.size(); ++c) active += board.columns[c].role == ColumnRole::Active ? counts[c] : 0;
    wipSum += active;
    m.cumulativeFlow.days.push_back(cut);
    m.cumulativeFlow.counts.push_back(std::move(counts));
  }

  double cycleSum = 0;
  for (const auto& f : m.cards) {
    if (f.finished && *f.finished >= from && *f.finished <= to) {
      ++m.finishedInWindow;
      cycleSum += *f.cycleDays;
    }
  }
  const double windowDays = std::max(static_cast<double>(to - from) / kDayMs, 1e-9);
  auto& l = m.little;
  l.averageWip = m.cumulativeFlow.days.empty() ? 0 : wipSum / static_cast<double>(m.cumulativeFlow.days.size());
  l.throughputPerDay = m.finishedInWindow / windowDays;
  l.averageCycleDays = m.finishedInWindow ? cycleSum / m.finishedInWindow : 0;
  l.predictedWip = l.throughputPerDay * l.averageCycleDays;
  l.assumptions =
      "Little's law L = λW holds on average for a stable system: arrivals match departures over the window, "
      "WIP is about the same at its start and end, every card that starts also finishes, and the age of the work "
      "in progress does not keep growing. A large gap between the average WIP and throughput × cycle time says "
      "one of these fails (e.g. cards started but abandoned, or a growing queue).";
  return m;
}

}  // namespace fab::lean

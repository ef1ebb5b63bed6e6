#include "core/stdf/wafer_slots.h"

#include <cctype>

namespace fab::stdf {

int trailingWaferNumber(const std::string& waferId) {
  std::size_t start = waferId.size();
  while (start > 0 && std::isdigit(static_cast<unsigned char>(waferId[start - 1]))) --start;
  const std::size_t digits = waferId.size() - start;
  if (digits == 0 || digits > 6) return 0;
  const int n = std::stoi(waferId.substr(start));
  return n >= 1 && n <= 999 ? n : 0;
}

WaferSlots::WaferSlots(store::Database& db, std::int64_t lotId) : db_(db), lotId_(lotId) {
  auto q = db.prepare("SELECT slot, coalesce(scribe, '') FROM wafer WHERE lot_id = ?");
  q.bind(1, lotId);
  while (q.step()) {
    const int slot = static_cast<int>(q.integer(0));
    taken_.insert(slot);
    if (!q.textView(1).empty()) slotOfScribe_.emplace(q.text(1), slot);
  }
}

int WaferSlots::slotOf(const std::string& waferId) {
  const std::string scribe = waferId.empty() ? "wafer " + std::to_string(++unnamed_) : waferId;
  if (auto it = slotOfScribe_.find(scribe); it != slotOfScribe_.end()) return it->second;
  int slot = trailingWaferNumber(waferId);
  if (slot == 0 || taken_.count(slot)) {
    slot = taken_.empty() ? 1 : std::max(1, *taken_.rbegin() + 1);
  }
  taken_.insert(slot);
  slotOfScribe_.emplace(scribe, slot);
  db_.prepare("INSERT INTO wafer(lot_id, slot, scribe) VALUES (?, ?, ?)")
      .bind(1, lotId_)
      .bind(2, slot)
      .bind(3, scribe)
      .run();
  return slot;
}

}  // namespace fab::stdf

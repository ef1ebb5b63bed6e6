#include "core/store/summary_counts.h"

namespace fab::store {

void SummaryCounts::startRun(std::int64_t parameterId, std::int64_t lotId, std::int64_t wafer) {
  endRun();
  run_ = {parameterId, lotId, wafer, 0, 0};
}

void SummaryCounts::endRun() {
  if (run_.stored == 0) return;
  auto& c = measurements_[{run_.parameterId, run_.lotId, run_.wafer}];
  c.stored += run_.stored;
  c.missing += run_.missing;
  run_.stored = run_.missing = 0;
}

void SummaryCounts::measurementsUncounted(std::int64_t parameterId, std::int64_t lotId, std::int64_t wafer) {
  uncounted_.insert({parameterId, lotId, wafer});
}

void SummaryCounts::write(Database& db, std::int64_t batchId) {
  endRun();
  // A wafer whose stored rows are not all known is counted from the rows
  // that carry this batch's id (the rows it inserted; measurement inserts
  // never update a stored row), replacing what was reported for it. The key
  // (parameter, lot, wafer) leads the primary key: a range read.
  if (!uncounted_.empty()) {
    auto count = db.prepare(
        "SELECT count(*), count(*) - count(value) FROM measurement "
        "WHERE parameter_id = ? AND lot_id = ? AND wafer = ? AND batch_id = ?");
    for (const auto& key : uncounted_) {
      count.bind(1, std::get<0>(key)).bind(2, std::get<1>(key)).bind(3, std::get<2>(key)).bind(4, batchId);
      auto& c = measurements_[key];
      c = {};
      if (count.step()) c = {count.integer(0), count.integer(1)};
      count.reset();
    }
  }
  std::map<WaferKey, Counted> byParameterLot;
  std::map<WaferKey, std::int64_t> byWafer;
  for (const auto& [key, c] : measurements_) {
    if (c.stored == 0) continue;
    auto& p = byParameterLot[{std::get<0>(key), std::get<1>(key)}];
    p.stored += c.stored;
    p.missing += c.missing;
    byWafer[{std::get<1>(key), std::get<2>(key)}] += c.stored;
  }
  if (!byParameterLot.empty()) {
    auto add = db.prepare(
        "INSERT INTO parameter_lot_count(parameter_id, lot_id, measurements, missing) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(parameter_id, lot_id) DO UPDATE SET "
        "measurements = parameter_lot_count.measurements + excluded.measurements, "
        "missing = parameter_lot_count.missing + excluded.missing");
    for (const auto& [key, c] : byParameterLot) add.bind(1, key.first).bind(2, key.second).bind(3, c.stored).bind(4, c.missing).run();
  }
  if (!byWafer.empty()) {
    auto add = db.prepare(
        "INSERT INTO wafer_count(lot_id, wafer, measurements) VALUES (?, ?, ?) ON CONFLICT(lot_id, wafer) "
        "DO UPDATE SET measurements = wafer_count.measurements + excluded.measurements");
    for (const auto& [key, n] : byWafer) add.bind(1, key.first).bind(2, key.second).bind(3, n).run();
  }
  // Dies and defects are counted per wafer written: a die map's rows may
  // replace stored dies (a retest), so the wafer's count is read back whole.
  const auto recount = [&](const std::set<WaferKey>& wafers, const char* table) {
    if (wafers.empty()) return;
    const std::string column = table == std::string("die") ? "dies" : "defects";
    auto count = db.prepare(std::string("SELECT count(*) FROM ") + table + " WHERE lot_id = ? AND wafer = ?");
    auto set = db.prepare("INSERT INTO wafer_count(lot_id, wafer, " + column + ") VALUES (?, ?, ?) " +
                          "ON CONFLICT(lot_id, wafer) DO UPDATE SET " + column + " = excluded." + column);
    for (const auto& [lot, wafer] : wafers) {
      count.bind(1, lot).bind(2, wafer);
      const std::int64_t n = count.step() ? count.integer(0) : 0;
      count.reset();
      set.bind(1, lot).bind(2, wafer).bind(3, n).run();
    }
  };
  recount(dieWafers_, "die");
  recount(defectWafers_, "defect");
  measurements_.clear();
  uncounted_.clear();
  dieWafers_.clear();
  defectWafers_.clear();
}

}  // namespace fab::store

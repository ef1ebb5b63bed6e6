#include "core/store/summary_counts.h"

#include <string>
#include <vector>

#include "core/store/sql_dialect.h"

namespace fab::store {
namespace {

/// A parameter's lot counted before gets this batch's counts added.
constexpr const char* kAddToParameterLot =
    "ON CONFLICT(parameter_id, lot_id) DO UPDATE SET "
    "measurements = parameter_lot_count.measurements + excluded.measurements, "
    "missing = parameter_lot_count.missing + excluded.missing";

}  // namespace

void SummaryCounts::startRun(std::int64_t parameterId, std::int64_t lotId, std::int64_t wafer) {
  endRun();
  run_ = {parameterId, lotId, wafer, 0, 0};
  measuredWafers_.insert({lotId, wafer});
}

void SummaryCounts::endRun() {
  if (run_.stored == 0) return;
  auto& c = byParameterLot_[{run_.parameterId, run_.lotId}];
  c.stored += run_.stored;
  c.missing += run_.missing;
  run_.stored = run_.missing = 0;
}

void SummaryCounts::measurementsUncounted(std::int64_t parameterId, std::int64_t lotId, std::int64_t wafer) {
  uncounted_.insert({parameterId, lotId});
  measuredWafers_.insert({lotId, wafer});
}

void SummaryCounts::write(Database& db, std::int64_t batchId) {
  endRun();
  // A parameter's lot whose stored rows are not all known is counted from the
  // rows that carry this batch's id (the rows it inserted; measurement inserts
  // never update a stored row), replacing what was reported for it. The key
  // (lot, parameter) leads the primary key: a range read.
  if (!uncounted_.empty()) {
    auto count = db.prepare(
        "SELECT count(*), count(*) - count(value) FROM measurement WHERE parameter_id = ? AND lot_id = ? AND batch_id "
        "= ?");
    for (const auto& key : uncounted_) {
      count.bind(1, key.first).bind(2, key.second).bind(3, batchId);
      auto& c = byParameterLot_[key];
      c = {};
      if (count.step()) c = {count.integer(0), count.integer(1)};
      count.reset();
    }
  }
  const bool server = db.backend() == Database::Backend::PostgreSQL;
  if (server) {
    // One statement a table: rows by the thousand would otherwise cost a round trip each.
    std::vector<std::int64_t> parameters, lots, stored, missing, waferLots, wafers;
    for (const auto& [key, c] : byParameterLot_)
      if (c.stored > 0) parameters.push_back(key.first), lots.push_back(key.second), stored.push_back(c.stored),
                        missing.push_back(c.missing);
    for (const auto& [lot, wafer] : measuredWafers_) waferLots.push_back(lot), wafers.push_back(wafer);
    if (!parameters.empty())
      db.prepare(
            "INSERT INTO parameter_lot_count(parameter_id, lot_id, measurements, missing) "
            "SELECT * FROM unnest(CAST(? AS BIGINT[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[])) " +
            std::string(kAddToParameterLot))
          .bind(1, dialect::postgresIntegerArray(parameters)).bind(2, dialect::postgresIntegerArray(lots))
          .bind(3, dialect::postgresIntegerArray(stored)).bind(4, dialect::postgresIntegerArray(missing))
          .run();
    if (!wafers.empty())
      db.prepare(
            "INSERT INTO wafer_count(lot_id, wafer, measured) "
            "SELECT lot_id, wafer, 1 FROM unnest(CAST(? AS BIGINT[]), CAST(? AS BIGINT[])) AS w(lot_id, wafer) "
            "ON CONFLICT(lot_id, wafer) DO UPDATE SET measured = 1")
          .bind(1, dialect::postgresIntegerArray(waferLots)).bind(2, dialect::postgresIntegerArray(wafers))
          .run();
  }
  if (!server && !byParameterLot_.empty()) {
    auto add = db.prepare(
        "INSERT INTO parameter_lot_count(parameter_id, lot_id, measurements, missing) VALUES (?, ?, ?, ?) " +
        std::string(kAddToParameterLot));
    for (const auto& [key, c] : byParameterLot_)
      if (c.stored > 0) add.bind(1, key.first).bind(2, key.second).bind(3, c.stored).bind(4, c.missing).run();
  }
  if (!server && !measuredWafers_.empty()) {
    auto mark = db.prepare(
        "INSERT INTO wafer_count(lot_id, wafer, measured) VALUES (?, ?, 1) ON CONFLICT(lot_id, wafer) "
        "DO UPDATE SET measured = 1");
    for (const auto& [lot, wafer] : measuredWafers_) mark.bind(1, lot).bind(2, wafer).run();
  }
  // Dies and defects are counted per wafer written: a die map's rows may
  // replace stored dies (a retest), so the wafer's count is read back whole.
  // On a server another import may write the same wafer at once: its count
  // row is locked first, so the count read after the lock includes what the
  // other import committed (READ COMMITTED reads anew at each statement).
  const auto recount = [&](const std::set<Key>& wafers, const std::string& table, const std::string& column) {
    if (wafers.empty()) return;
    Statement add, lock;
    if (server) {
      add = db.prepare("INSERT INTO wafer_count(lot_id, wafer) VALUES (?, ?) ON CONFLICT DO NOTHING");
      lock = db.prepare("SELECT 1 FROM wafer_count WHERE lot_id = ? AND wafer = ? FOR UPDATE");
    }
    auto count = db.prepare("SELECT count(*) FROM " + table + " WHERE lot_id = ? AND wafer = ?");
    auto set = db.prepare("INSERT INTO wafer_count(lot_id, wafer, " + column + ") VALUES (?, ?, ?) " +
                          "ON CONFLICT(lot_id, wafer) DO UPDATE SET " + column + " = excluded." + column);
    for (const auto& [lot, wafer] : wafers) {
      if (server) {
        add.bind(1, lot).bind(2, wafer).run();
        lock.bind(1, lot).bind(2, wafer);
        lock.step();
        lock.reset();
      }
      count.bind(1, lot).bind(2, wafer);
      const std::int64_t n = count.step() ? count.integer(0) : 0;
      count.reset();
      set.bind(1, lot).bind(2, wafer).bind(3, n).run();
    }
  };
  recount(dieWafers_, "die", "dies");
  recount(defectWafers_, "defect", "defects");
  byParameterLot_.clear();
  uncounted_.clear();
  measuredWafers_.clear();
  dieWafers_.clear();
  defectWafers_.clear();
}

}  // namespace fab::store

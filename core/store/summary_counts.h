#pragma once
// What an import adds to the counts a workspace keeps of itself
// (data/schema/008_summary.sql: measurements and missing values per parameter
// and lot; per wafer whether it is measured, its dies and defects), so that
// listing the parameters and lots reads a few rows instead of counting the tables.
//
// The counts come from what the batch stored, not from per-row triggers: the
// importer reports the measurements it stored where it knows them (a multi-row
// insert that stored every row, a single insert), and names the lots of a
// parameter whose stored rows it does not know (some rows were skipped as
// duplicates by the primary key); those are counted from the table at the end,
// by batch. Dies and defects are counted per wafer written. What is held grows
// with the lots and wafers a file names, not with its rows. Everything is
// written in the import's own transaction.
#include <cstdint>
#include <map>
#include <set>
#include <utility>

#include "core/store/database.h"

namespace fab::store {

class SummaryCounts {
 public:
  /// `stored` measurements of a parameter on a lot's wafer were inserted by
  /// this batch, `missing` of them without a value. Consecutive calls for the
  /// same wafer (an import's rows sorted by key) cost no look-up.
  void measurementsStored(std::int64_t parameterId, std::int64_t lotId, std::int64_t wafer, std::int64_t stored,
                          std::int64_t missing) {
    if (parameterId != run_.parameterId || lotId != run_.lotId || wafer != run_.wafer)
      startRun(parameterId, lotId, wafer);
    run_.stored += stored;
    run_.missing += missing;
  }
  /// This batch tried to insert measurements of a parameter on a lot's wafer
  /// but does not know how many it stored (the rest were duplicates).
  void measurementsUncounted(std::int64_t parameterId, std::int64_t lotId, std::int64_t wafer);
  /// This batch wrote dies or defects of a wafer: the wafer's are counted at the end.
  void diesWritten(std::int64_t lotId, std::int64_t wafer) { dieWafers_.insert({lotId, wafer}); }
  void defectsWritten(std::int64_t lotId, std::int64_t wafer) { defectWafers_.insert({lotId, wafer}); }

  /// Adds the batch's counts to the workspace's. Call once, before the
  /// batch's transaction commits.
  void write(Database& db, std::int64_t batchId);

 private:
  using Key = std::pair<std::int64_t, std::int64_t>;  ///< (parameter, lot) or (lot, wafer)
  struct Counted {
    std::int64_t stored = 0, missing = 0;
  };
  struct Run {
    std::int64_t parameterId = -1, lotId = -1, wafer = -1, stored = 0, missing = 0;
  };
  void startRun(std::int64_t parameterId, std::int64_t lotId, std::int64_t wafer);
  void endRun();

  Run run_;
  std::map<Key, Counted> byParameterLot_;
  std::set<Key> uncounted_;  ///< (parameter, lot) whose stored rows are counted at the end
  /// Wafers with measurements tried: each has measurements afterwards (stored
  /// now, or stored before under the keys this batch repeated).
  std::set<Key> measuredWafers_, dieWafers_, defectWafers_;
};

}  // namespace fab::store

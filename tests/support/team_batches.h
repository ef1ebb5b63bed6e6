#pragma once
// Batches engineers import into a shared workspace at once, generated so each
// is told apart by its own lot, and the check that every one that reported
// "ok" is in the workspace exactly once, row for row (the concurrency tests in
// tests/core/store and the load bench tests/bench/team_load).
#include <cstdint>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/store/database.h"

namespace fab::test {

/// One generated file: lot "T<client>-<number>", `wafers` × `sites` values of parameter THK.
struct GeneratedBatch {
  std::string lot;
  std::int64_t rows = 0;
  std::int64_t valueSum = 0;  ///< the values are whole numbers: their sum is exact in a double
  std::int64_t batchId = 0;   ///< set by the caller once imported
};

/// Writes the batch as a CSV file at `path`.
inline GeneratedBatch writeGeneratedBatch(const std::string& path, int client, int number, int wafers, int sites) {
  GeneratedBatch b;
  b.lot = "T" + std::to_string(client) + "-" + std::to_string(number);
  std::ofstream out(path);
  out << "lot,wafer,site,parameter,value,time\n";
  for (int w = 1; w <= wafers; ++w)
    for (int s = 1; s <= sites; ++s) {
      const int value = 100 + (client * 7 + number * 3 + w * 5 + s) % 41;
      out << b.lot << ',' << w << ',' << s << ",THK," << value << ",2026-04-01T08:00:00Z\n";
      ++b.rows;
      b.valueSum += value;
    }
  return b;
}

/// What is wrong with the workspace's measurements given the batches that
/// reported "ok": one line per problem, empty when every batch's rows are there
/// exactly once (its count and value sum, by batch and by lot) and nothing else is.
inline std::vector<std::string> checkImportedBatches(store::Database& db, const std::vector<GeneratedBatch>& batches) {
  std::vector<std::string> problems;
  std::map<std::int64_t, std::pair<std::int64_t, double>> byBatch;
  std::map<std::string, std::int64_t> byLot;
  {
    auto q = db.prepare("SELECT batch_id, count(*), sum(value) FROM measurement GROUP BY batch_id");
    while (q.step()) byBatch[q.integer(0)] = {q.integer(1), q.real(2)};
    auto l = db.prepare("SELECT l.name, count(*) FROM measurement m JOIN lot l ON l.id = m.lot_id GROUP BY l.name");
    while (l.step()) byLot[l.text(0)] = l.integer(1);
  }
  std::int64_t expected = 0, stored = 0;
  for (const auto& b : batches) {
    expected += b.rows;
    const auto found = byBatch.find(b.batchId);
    if (found == byBatch.end()) {
      problems.push_back("batch " + std::to_string(b.batchId) + " (" + b.lot + ") reported ok but is missing");
      continue;
    }
    if (found->second.first != b.rows || found->second.second != static_cast<double>(b.valueSum))
      problems.push_back("batch " + std::to_string(b.batchId) + " (" + b.lot + ") holds " +
                         std::to_string(found->second.first) + " rows, not " + std::to_string(b.rows));
    if (byLot[b.lot] != b.rows)
      problems.push_back("lot " + b.lot + " holds " + std::to_string(byLot[b.lot]) + " rows, not " +
                         std::to_string(b.rows));
  }
  for (const auto& [batch, rows] : byBatch) stored += rows.first;
  if (stored != expected)
    problems.push_back("the workspace holds " + std::to_string(stored) + " rows; the batches that reported ok hold " +
                       std::to_string(expected));
  auto running = db.prepare("SELECT count(*) FROM import_batch WHERE status = 'running'");
  if (running.step() && running.integer(0))
    problems.push_back(std::to_string(running.integer(0)) + " batches are still marked running");
  return problems;
}

}  // namespace fab::test

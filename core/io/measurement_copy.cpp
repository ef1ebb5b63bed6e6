// The PostgreSQL path of MeasurementWriter (core/io/measurement_writer.h): a
// chunk's rows travel in one COPY, keeping the first of rows that share a key
// and leaving out keys stored already, as the prepared inserts do on SQLite.
// One round trip per chunk instead of one per 16 rows.
#include <charconv>
#include <cmath>
#include <unordered_set>

#include "core/common/error.h"
#include "core/io/measurement_writer.h"
#include "core/store/sql_dialect.h"

namespace fab::io {
namespace {

void appendInteger(std::string& out, std::int64_t v) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

/// A real in COPY's text format: \N for a missing value (NaN).
void appendReal(std::string& out, double v) {
  if (std::isnan(v))
    out += "\\N";
  else
    store::dialect::appendPostgresReal(out, v);
}

}  // namespace

void MeasurementWriter::prepareCopy() {
  auto& db = batch_.db();
  // Dropped with the import's transaction; emptied before each chunk.
  db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS measurement_arriving(parameter_id BIGINT, lot_id BIGINT, wafer BIGINT, "
      "site_id BIGINT, time BIGINT, x DOUBLE PRECISION, y DOUBLE PRECISION, value DOUBLE PRECISION, tool_id BIGINT, "
      "batch_id BIGINT) ON COMMIT DROP");
  moveArrived_ = db.prepare(
      "WITH stored AS ("
      "  INSERT INTO measurement(parameter_id, lot_id, wafer, site_id, time, x, y, value, tool_id, batch_id) "
      "  SELECT parameter_id, lot_id, wafer, site_id, time, x, y, value, tool_id, batch_id FROM measurement_arriving "
      "  ON CONFLICT DO NOTHING RETURNING value) "
      "SELECT count(*), count(*) - count(value) FROM stored");
}

void MeasurementWriter::appendCopyRow(std::string& out, const MeasurementRow& row) const {
  appendInteger(out, parameterIds_[row.parameter]);
  out += '\t';
  appendInteger(out, lotIds_[row.lot]);
  out += '\t';
  appendInteger(out, row.wafer);
  out += '\t';
  appendInteger(out, row.site ? siteIds_[row.site - 1] : 0);
  out += '\t';
  appendInteger(out, row.time);
  out += '\t';
  appendReal(out, row.x);
  out += '\t';
  appendReal(out, row.y);
  out += '\t';
  appendReal(out, row.value);
  out += '\t';
  if (row.tool)
    appendInteger(out, toolIds_[row.tool - 1]);
  else
    out += "\\N";
  out += '\t';
  appendInteger(out, batch_.id());
  out += '\n';
}

void MeasurementWriter::copyRows(std::span<const MeasurementRow> rows) {
  if (rows.empty()) return;
  // Of rows sharing a key within the chunk the first is kept; the store
  // below leaves out keys stored before (earlier chunks, batches or writers).
  struct Key {
    std::uint32_t parameter, lot, site;
    std::int32_t wafer;
    std::int64_t time;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      std::uint64_t h = k.time * 0x9E3779B97F4A7C15ULL;
      for (std::uint64_t v : {std::uint64_t{k.parameter}, std::uint64_t{k.lot}, std::uint64_t{k.site},
                              static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.wafer))})
        h = (h ^ v) * 0x100000001B3ULL;
      return static_cast<std::size_t>(h ^ (h >> 29));
    }
  };
  std::unordered_set<Key, KeyHash> seen;
  seen.reserve(rows.size());
  std::int64_t keptMissing = 0;
  std::vector<const MeasurementRow*> keptRows;
  keptRows.reserve(rows.size());
  for (const auto& row : rows) {
    if (!seen.insert({row.parameter, row.lot, row.site, row.wafer, row.time}).second) continue;
    keptRows.push_back(&row);
    keptMissing += std::isnan(row.value);
  }
  const auto kept = static_cast<std::int64_t>(keptRows.size());
  batch_.rowDuplicate(static_cast<std::int64_t>(rows.size()) - kept);

  auto& db = batch_.db();
  // New keys (the usual import of new data) go straight into measurement. A
  // key stored already makes COPY fail: the savepoint undoes it and the rows
  // take the path that leaves stored keys out.
  try {
    // Written a piece at a time as the server takes them, so that it stores
    // one piece while the next is written: client and server overlap.
    store::Transaction direct(db);
    std::size_t next = 0;
    db.copyIn("COPY measurement(parameter_id, lot_id, wafer, site_id, time, x, y, value, tool_id, batch_id) FROM STDIN",
              [&](std::string& piece) {
                const auto end = std::min(next + kRowsPerCopyPiece, keptRows.size());
                for (; next < end; ++next) appendCopyRow(piece, *keptRows[next]);
                return next < keptRows.size();
              });
    direct.commit();
    batch_.rowStored(kept);
    for (std::int64_t i = 0; i < keptMissing; ++i) batch_.rowMissingValue();
    for (const auto* row : keptRows) count(*row, true);
    return;
  } catch (const Error&) {
  }
  copyText_.clear();
  for (const auto* row : keptRows) appendCopyRow(copyText_, *row);
  db.exec("TRUNCATE measurement_arriving");
  db.copyIn(
      "COPY measurement_arriving(parameter_id, lot_id, wafer, site_id, time, x, y, value, tool_id, batch_id) FROM "
      "STDIN",
      copyText_);
  if (!moveArrived_.step()) return;
  const auto stored = moveArrived_.integer(0), missing = moveArrived_.integer(1);
  moveArrived_.reset();
  batch_.rowStored(stored);
  batch_.rowDuplicate(kept - stored);
  for (std::int64_t i = 0; i < missing; ++i) batch_.rowMissingValue();
  for (const auto* row : keptRows) count(*row, stored == kept);
}

}  // namespace fab::io

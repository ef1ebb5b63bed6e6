#include "core/io/measurement_writer.h"

#include <bit>
#include <cmath>

#include "core/store/sql_dialect.h"

namespace fab::io {
namespace {

constexpr int kColumns = 10;
/// Bits of a bound NULL and of a parameter not bound yet: NaNs that no bound
/// double has (each NaN binds NULL), and integers beyond any id, slot or time.
constexpr std::uint64_t kNull = 0x7ff8dead0000beefULL, kNothing = 0x7ff8dead0000f00dULL;

/// A row already stored (same key) is skipped, not an error. On SQLite the
/// statement says OR IGNORE rather than ON CONFLICT DO NOTHING: the upsert
/// clause covers only the key, so the NOT NULL columns could still abort a
/// multi-row INSERT halfway, and SQLite would keep a statement journal in a
/// temporary file for every statement (about a quarter of a bulk import's
/// time). No bound key column is ever NULL, so OR IGNORE skips nothing else.
std::string insertSql(int rows, store::Database::Backend backend) {
  std::string sql = backend == store::Database::Backend::SQLite ? "INSERT OR IGNORE" : "INSERT";
  sql += " INTO measurement(parameter_id, lot_id, wafer, site_id, time, x, y, value, tool_id, batch_id) VALUES ";
  for (int i = 0; i < rows; ++i) sql += i ? ",(?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?)";
  return backend == store::Database::Backend::SQLite ? sql : sql + " ON CONFLICT DO NOTHING";
}

}  // namespace

MeasurementWriter::MeasurementWriter(ImportBatch& batch, const ColumnMapping& mapping)
    : batch_(batch),
      lots_(batch.db(), "lot"),
      parameters_(batch.db(), "parameter"),
      sites_(batch.db(), "site"),
      tools_(batch.db(), "tool"),
      insertOne_{batch.db().prepare(insertSql(1, batch.db().backend())), std::vector<std::uint64_t>(kColumns, kNothing)},
      insertMany_{batch.db().prepare(insertSql(kRowsPerInsert, batch.db().backend())),
                  std::vector<std::uint64_t>(kColumns * kRowsPerInsert, kNothing)},
      setProduct_(batch.db().prepare("UPDATE lot SET product = ? WHERE id = ? AND product IS NULL")),
      setUnit_(batch.db().prepare("UPDATE parameter SET unit = ? WHERE id = ? AND unit IS NULL")),
      insertWafer_(batch.db().prepare("INSERT INTO wafer(lot_id, slot, scribe) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
  insertOne_.bind(kColumns, batch.id());
  for (int i = 0; i < kRowsPerInsert; ++i) insertMany_.bind(i * kColumns + kColumns, batch.id());
  if (mapping.wide()) addHeaderParameters(mapping);
  copying_ = batch.db().backend() == store::Database::Backend::PostgreSQL;
  if (copying_) prepareCopy();
}

void MeasurementWriter::addHeaderParameters(const ColumnMapping& mapping) {
  auto getUnit = batch_.db().prepare("SELECT coalesce(unit, '') FROM parameter WHERE id = ?");
  std::unordered_map<std::int64_t, std::string> units;
  for (std::size_t i = 0; i < mapping.parameterNames.size(); ++i) {
    const auto id = parameters_.idOf(mapping.parameterNames[i]);
    auto it = units.find(id);
    if (it == units.end()) {
      getUnit.bind(1, id);
      it = units.emplace(id, getUnit.step() ? getUnit.text(0) : "").first;
      getUnit.reset();
    }
    const auto& unit = mapping.parameterUnits[i];
    if (unit.empty() || it->second == unit) continue;
    if (it->second.empty()) {
      it->second = unit;
      setUnit_.bind(1, unit).bind(2, id).run();
      continue;
    }
    batch_.note("parameter '" + mapping.parameterNames[i] + "' keeps its unit '" + it->second + "'; the header says '" +
                unit + "'");
  }
}

std::unordered_map<std::string, std::string> MeasurementWriter::knownUnits() {
  std::unordered_map<std::string, std::string> units;
  auto q = batch_.db().prepare("SELECT name, unit FROM parameter WHERE unit IS NOT NULL");
  while (q.step()) units.emplace(q.text(0), q.text(1));
  return units;
}

void MeasurementWriter::write(MeasurementChunk& chunk) {
  resolveNames(chunk);
  for (auto& problem : chunk.problems) batch_.reject(std::move(problem));
  if (batch_.storing()) storeRows(chunk.rows);
}

void MeasurementWriter::resolveNames(MeasurementChunk& chunk) {
  for (const auto& name : chunk.newLots) lotIds_.push_back(lots_.idOf(name));
  for (const auto& name : chunk.newParameters) parameterIds_.push_back(parameters_.idOf(name));
  for (const auto& name : chunk.newSites) siteIds_.push_back(sites_.idOf(name));
  for (const auto& name : chunk.newTools) toolIds_.push_back(tools_.idOf(name));
  for (const auto& p : chunk.lotProducts) setProduct_.bind(1, p.text).bind(2, lotIds_[p.id]).run();
  for (const auto& u : chunk.parameterUnits) setUnit_.bind(1, u.text).bind(2, parameterIds_[u.id]).run();
  std::vector<std::int64_t> waferLots, slots;  // on a server, wafers without a scribe go in one statement
  for (const auto& w : chunk.newWafers) {
    if (copying_ && w.scribe.empty()) {
      waferLots.push_back(lotIds_[w.lot]);
      slots.push_back(w.slot);
      continue;
    }
    insertWafer_.bind(1, lotIds_[w.lot]).bind(2, w.slot);
    if (w.scribe.empty())
      insertWafer_.bindNull(3);
    else
      insertWafer_.bind(3, w.scribe);
    insertWafer_.run();
  }
  if (!slots.empty())
    batch_.db()
        .prepare(
            "INSERT INTO wafer(lot_id, slot) SELECT * FROM unnest(CAST(? AS BIGINT[]), CAST(? AS BIGINT[])) "
            "ON CONFLICT DO NOTHING")
        .bind(1, store::dialect::postgresIntegerArray(waferLots))
        .bind(2, store::dialect::postgresIntegerArray(slots))
        .run();
}

void MeasurementWriter::Insert::bind(int index, std::int64_t value) {
  auto& last = bound[static_cast<std::size_t>(index - 1)];
  const auto bits = static_cast<std::uint64_t>(value);
  if (last == bits) return;
  last = bits;
  statement.bind(index, value);
}

void MeasurementWriter::Insert::bindNull(int index) {
  auto& last = bound[static_cast<std::size_t>(index - 1)];
  if (last == kNull) return;
  last = kNull;
  statement.bindNull(index);
}

void MeasurementWriter::Insert::bind(int index, double value) {
  auto& last = bound[static_cast<std::size_t>(index - 1)];
  const auto bits = std::isnan(value) ? kNull : std::bit_cast<std::uint64_t>(value);
  if (last == bits) return;
  last = bits;
  statement.bind(index, value);
}

void MeasurementWriter::bindRow(Insert& insert, int first, const MeasurementRow& row) {
  insert.bind(first + 1, parameterIds_[row.parameter]);
  insert.bind(first + 2, lotIds_[row.lot]);
  insert.bind(first + 3, std::int64_t{row.wafer});
  insert.bind(first + 4, row.site ? siteIds_[row.site - 1] : std::int64_t{0});
  insert.bind(first + 5, row.time);
  insert.bind(first + 6, row.x);
  insert.bind(first + 7, row.y);
  insert.bind(first + 8, row.value);
  if (row.tool)
    insert.bind(first + 9, toolIds_[row.tool - 1]);
  else
    insert.bindNull(first + 9);
}

void MeasurementWriter::storeRows(std::span<const MeasurementRow> rows) {
  if (copying_) return copyRows(rows);
  // Values go kRowsPerInsert at a time; a missing value is stored on its own,
  // in order, so that the rows stored without a value can be counted.
  std::size_t start = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (std::isnan(rows[i].value)) {
      storeEach(rows.subspan(start, i + 1 - start));
      start = i + 1;
    } else if (i + 1 - start == kRowsPerInsert) {
      for (int k = 0; k < kRowsPerInsert; ++k) bindRow(insertMany_, k * kColumns, rows[start + k]);
      insertMany_.statement.step();
      insertMany_.statement.reset();
      const int stored = batch_.db().changes();
      batch_.rowStored(stored);
      batch_.rowDuplicate(kRowsPerInsert - stored);
      // Which of the rows were stored is known when all were; else their wafers are counted at the end.
      for (int k = 0; k < kRowsPerInsert; ++k) count(rows[start + k], stored == kRowsPerInsert);
      start = i + 1;
    }
  }
  storeEach(rows.subspan(start));
}

void MeasurementWriter::storeEach(std::span<const MeasurementRow> rows) {
  for (const auto& row : rows) {
    bindRow(insertOne_, 0, row);
    insertOne_.statement.step();
    insertOne_.statement.reset();
    if (batch_.db().changes() == 0) {
      batch_.rowDuplicate();
      continue;
    }
    batch_.rowStored();
    if (std::isnan(row.value)) batch_.rowMissingValue();
    count(row, true);
  }
}

void MeasurementWriter::count(const MeasurementRow& row, bool stored) {
  const auto parameter = parameterIds_[row.parameter], lot = lotIds_[row.lot];
  if (stored)
    batch_.counts().measurementsStored(parameter, lot, row.wafer, 1, std::isnan(row.value));
  else
    batch_.counts().measurementsUncounted(parameter, lot, row.wafer);
}

}  // namespace fab::io

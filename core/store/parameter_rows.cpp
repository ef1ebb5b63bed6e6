#include "core/store/parameter_rows.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include <sqlite3.h>

#include "core/store/audit_trail.h"

namespace fab::store {

namespace {

/// Names of the lots, sites and tools the rows use, each read once by id (a
/// few thousand look-ups, however many rows name them).
class NamesById {
 public:
  NamesById(Database& db, const char* sql) : lookUp_(db.prepare(sql)) {}
  /// The index of the id's entry in entries().
  std::uint32_t indexOf(std::int64_t id) {
    if (id == lastId_) return lastIndex_;
    lastId_ = id;
    // Ids are small row ids: an array finds them (sites change every row), a map the others.
    if (id >= 0 && id < kDenseIds) {
      const auto at = static_cast<std::size_t>(id);
      if (at >= dense_.size()) dense_.resize(at + 1, kNone);
      if (dense_[at] == kNone) dense_[at] = add(id);
      return lastIndex_ = dense_[at];
    }
    auto [it, added] = index_.try_emplace(id, 0);
    if (added) it->second = add(id);
    return lastIndex_ = it->second;
  }
  std::vector<NameEntry>& entries() { return names_; }

 private:
  static constexpr std::int64_t kDenseIds = 1 << 20;
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  std::uint32_t add(std::int64_t id) {
    lookUp_.bind(1, id);
    NameEntry e;
    e.id = id;
    if (lookUp_.step()) {
      e.name = lookUp_.text(0);
      e.found = true;
      if (lookUp_.columnCount() > 1) e.extra = lookUp_.text(1);
    }
    lookUp_.reset();
    names_.push_back(std::move(e));
    return static_cast<std::uint32_t>(names_.size() - 1);
  }

  Statement lookUp_;
  std::vector<std::uint32_t> dense_;  ///< by id below kDenseIds: the entry's index, or kNone
  std::unordered_map<std::int64_t, std::uint32_t> index_;
  std::vector<NameEntry> names_;
  std::int64_t lastId_ = std::numeric_limits<std::int64_t>::min();
  std::uint32_t lastIndex_ = 0;
};

/// Reads the rows of the lots with ids in [firstLot, lastLot] on one connection.
class RowReader {
 public:
  explicit RowReader(Database& db)
      : lots_(db, "SELECT name, coalesce(product, '') FROM lot WHERE id = ?"),
        sites_(db, "SELECT name FROM site WHERE id = ?"),
        tools_(db, "SELECT name FROM tool WHERE id = ?"),
        db_(db) {}

  void read(std::int64_t parameterId, std::int64_t firstLot, std::int64_t lastLot, const MeasurementFilter& filter,
            std::vector<ParameterRow>& rows) {
    const std::set<std::string> wantedLots(filter.lots.begin(), filter.lots.end());
    // One key range of measurement per lot that holds the parameter: the key
    // starts with the lot (data/schema/009_measurement_by_lot.sql), the lots are
    // those counted at import (008_summary.sql).
    // The time window's tests only when there is one: the VM evaluates them on every row.
    auto q = db_.prepare(
        std::string("SELECT m.lot_id, m.wafer, m.site_id, m.time, m.x, m.y, m.value, m.tool_id "
                    "FROM parameter_lot_count c "
                    "JOIN measurement m ON m.lot_id = c.lot_id AND m.parameter_id = c.parameter_id "
                    "WHERE c.parameter_id = ?1 AND c.lot_id BETWEEN ?4 AND ?5") +
        (filter.from ? " AND m.time >= ?2" : "") + (filter.to ? " AND m.time <= ?3" : ""));
    q.bind(1, parameterId).bind(4, firstLot).bind(5, lastLot);
    if (filter.from) q.bind(2, *filter.from);
    if (filter.to) q.bind(3, *filter.to);
    while (q.step()) {
      const auto lot = lots_.indexOf(q.integer(0));
      if (lot >= lotWanted_.size()) lotWanted_.resize(lot + 1, -1);
      if (lotWanted_[lot] < 0) {
        const auto& e = lots_.entries()[lot];
        lotWanted_[lot] = e.found && (wantedLots.empty() || wantedLots.count(e.name)) &&
                          (filter.product.empty() || e.extra == filter.product);
      }
      if (!lotWanted_[lot]) continue;
      ParameterRow r;
      r.lot = lot;
      r.wafer = static_cast<std::int32_t>(q.integer(1));
      r.site = sites_.indexOf(q.integer(2));
      r.time = q.integer(3);
      r.x = q.real(4);
      r.y = q.real(5);
      r.value = q.real(6);
      const auto tool = q.optionalInteger(7);
      r.tool = tool ? tools_.indexOf(*tool) + 1 : 0;
      rows.push_back(r);
    }
  }

  /// Takes in rows another reader read: their name indexes become this reader's.
  void adopt(RowReader& other, std::vector<ParameterRow>& from, std::vector<ParameterRow>& into) {
    std::vector<std::uint32_t> lot, site, tool{0};
    for (const auto& e : other.lots_.entries()) lot.push_back(lots_.indexOf(e.id));
    for (const auto& e : other.sites_.entries()) site.push_back(sites_.indexOf(e.id));
    for (const auto& e : other.tools_.entries()) tool.push_back(tools_.indexOf(e.id) + 1);
    into.reserve(into.size() + from.size());
    for (auto r : from) {
      r.lot = lot[r.lot], r.site = site[r.site], r.tool = tool[r.tool];
      into.push_back(r);
    }
  }

  void names(ParameterRows& out) {
    out.lots = std::move(lots_.entries());
    out.sites = std::move(sites_.entries());
    out.tools = std::move(tools_.entries());
  }

 private:
  NamesById lots_, sites_, tools_;
  std::vector<std::int8_t> lotWanted_;  ///< by lot index: -1 not decided yet
  Database& db_;
};

/// A read transaction: every statement inside sees one state of the workspace.
class ReadTransaction {
 public:
  explicit ReadTransaction(Database& db) : db_(db) { db_.exec("BEGIN"); }
  ~ReadTransaction() {
    try {
      db_.exec("COMMIT");
    } catch (...) {
    }
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Database& db_;
};

/// Whether a statement on the connection is part way through its rows: its
/// read would keep the read transaction below from ending cleanly.
bool statementRunning(sqlite3* db) {
  for (sqlite3_stmt* s = sqlite3_next_stmt(db, nullptr); s; s = sqlite3_next_stmt(db, s))
    if (sqlite3_stmt_busy(s)) return true;
  return false;
}

constexpr std::int64_t kTwoConnectionRows = 200'000;  ///< below this, a second connection costs more than it saves

}  // namespace

ParameterRows readParameterRows(Database& db, std::int64_t parameterId, const MeasurementFilter& filter) {
  constexpr auto kLast = std::numeric_limits<std::int64_t>::max();
  // The lots that hold the parameter and their counts, kept at import (008_summary.sql).
  std::vector<std::pair<std::int64_t, std::int64_t>> lots;
  std::int64_t total = 0;
  {
    auto q = db.prepare("SELECT lot_id, measurements FROM parameter_lot_count WHERE parameter_id = ? ORDER BY lot_id");
    q.bind(1, parameterId);
    while (q.step()) lots.emplace_back(q.integer(0), q.integer(1)), total += q.integer(1);
  }
  ParameterRows out;
  out.rows.reserve(static_cast<std::size_t>(total));
  RowReader reader(db);
  // A large parameter on an SQLite file, outside a transaction (whose changes a
  // second connection would not see): the later half of its lots is read on a
  // second connection at the same time, on the other core.
  const bool twoConnections = total >= kTwoConnectionRows && lots.size() >= 2 &&
                              db.backend() == Database::Backend::SQLite && !db.inTransaction() &&
                              !statementRunning(db.handle()) && !db.path().empty() && db.path() != ":memory:";
  if (!twoConnections) {
    reader.read(parameterId, 0, kLast, filter, out.rows);
    reader.names(out);
    return out;
  }
  std::size_t half = 0;
  for (std::int64_t counted = 0; half < lots.size() && counted < total / 2; ++half) counted += lots[half].second;
  half = std::clamp<std::size_t>(half, 1, lots.size() - 1);
  const auto secondFirstLot = lots[half].first;

  ReadTransaction snapshot(db);
  const auto stamp = changeStamp(db);
  std::vector<ParameterRow> later;
  bool laterRead = false;
  std::optional<Database> other;
  std::optional<RowReader> otherReader;
  std::thread second([&] {
    try {
      other.emplace(db.path(), Database::Mode::ReadOnly);
      ReadTransaction otherSnapshot(*other);
      if (changeStamp(*other) != stamp) return;  // an import landed in between: read it all here
      otherReader.emplace(*other);
      later.reserve(out.rows.capacity() - out.rows.capacity() / 2);
      otherReader->read(parameterId, secondFirstLot, kLast, filter, later);
      laterRead = true;
    } catch (...) {
      laterRead = false;  // read here instead
    }
  });
  try {
    reader.read(parameterId, 0, secondFirstLot - 1, filter, out.rows);
  } catch (...) {
    second.join();
    throw;
  }
  second.join();
  if (laterRead)
    reader.adopt(*otherReader, later, out.rows);
  else
    reader.read(parameterId, secondFirstLot, kLast, filter, out.rows);
  otherReader.reset();
  reader.names(out);
  return out;
}

}  // namespace fab::store

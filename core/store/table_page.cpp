#include "core/store/table_page.h"

#include <array>
#include <limits>

namespace fab::store {
namespace {

/// The SQL that sorts by a column: never NULL (missing numbers sort first as
/// −∞, missing names as ''), so rows compare as tuples for keyset paging.
const char* sortExpression(MeasurementColumn column) {
  switch (column) {
    case MeasurementColumn::Parameter:
      return "p.name";
    case MeasurementColumn::Lot:
      return "l.name";
    case MeasurementColumn::Wafer:
      return "m.wafer";
    case MeasurementColumn::Site:
      return "coalesce(si.name, '')";
    case MeasurementColumn::X:
      return "coalesce(m.x, ?12)";
    case MeasurementColumn::Y:
      return "coalesce(m.y, ?12)";
    case MeasurementColumn::Value:
      return "coalesce(m.value, ?12)";
    case MeasurementColumn::Unit:
      return "coalesce(p.unit, '')";
    case MeasurementColumn::Time:
      return "m.time";
    case MeasurementColumn::Tool:
      return "coalesce(t.name, '')";
    case MeasurementColumn::Batch:
      return "m.batch_id";
  }
  return "c.parameter_id";
}

bool sortsAsText(MeasurementColumn c) {
  return c == MeasurementColumn::Parameter || c == MeasurementColumn::Lot || c == MeasurementColumn::Site ||
         c == MeasurementColumn::Unit || c == MeasurementColumn::Tool;
}
bool sortsAsReal(MeasurementColumn c) {
  return c == MeasurementColumn::X || c == MeasurementColumn::Y || c == MeasurementColumn::Value;
}

/// The rows' order (after the sorted column): by parameter, lot, wafer, site,
/// time. The measurement key starts with the lot (data/schema/009_measurement_by_lot.sql),
/// so this order walks the lots that hold each parameter (parameter_lot_count,
/// keyed by parameter then lot) and reads each one's key range in measurement.
constexpr const char* kKey = "c.parameter_id, c.lot_id, m.wafer, m.site_id, m.time";

/// The FROM clause with the joins the query reads: every join to show rows
/// (`forDisplay`), else only those its sort and filters need, so counting and
/// locating a far page do not look up names for every row. The rows come from
/// the lots of each parameter: a filter by parameter or lot, or a cursor, is a
/// seek in parameter_lot_count, then one key range of measurement per lot.
/// (`+c.`: the join's equalities are not carried over to a cursor's bounds on
/// c, which would make the range in measurement an inequality and its order unused.)
std::string fromSql(const MeasurementQuery& q, bool forDisplay) {
  const bool all = forDisplay || !q.text.empty();
  const auto sort = q.sortBy;
  auto sortsBy = [&](MeasurementColumn c) { return sort && *sort == c; };
  std::string sql =
      " FROM parameter_lot_count c JOIN measurement m ON m.lot_id = +c.lot_id AND m.parameter_id = +c.parameter_id";
  if (all || sortsBy(MeasurementColumn::Parameter) || sortsBy(MeasurementColumn::Unit))
    sql += " JOIN parameter p ON p.id = m.parameter_id";
  if (all || sortsBy(MeasurementColumn::Lot)) sql += " JOIN lot l ON l.id = m.lot_id";
  if (all || sortsBy(MeasurementColumn::Site)) sql += " LEFT JOIN site si ON si.id = m.site_id";
  if (all || sortsBy(MeasurementColumn::Tool)) sql += " LEFT JOIN tool t ON t.id = m.tool_id";
  return sql + " WHERE 1 = 1";
}

/// The ORDER BY of a query and the condition "after the cursor" in that order.
struct Keyset {
  std::string sortExpr;  ///< "0" in storage order
  std::string order;
  std::string after;
};

Keyset keyset(const MeasurementQuery& q) {
  Keyset k;
  const bool sorted = q.sortBy.has_value();
  k.sortExpr = sorted ? sortExpression(*q.sortBy) : "0";
  const char* direction = q.descending ? " DESC" : "";
  k.order = " ORDER BY ";
  if (sorted) k.order += k.sortExpr + direction + ", ";
  k.order += std::string("c.parameter_id") + direction + ", c.lot_id" + direction + ", m.wafer" + direction +
             ", m.site_id" + direction + ", m.time" + direction;
  const std::string tuple = sorted ? "(" + k.sortExpr + ", " + kKey + ")" : std::string("(") + kKey + ")";
  k.after =
      " AND " + tuple + (q.descending ? " < " : " > ") + (sorted ? "(?4, ?5, ?6, ?7, ?8, ?9)" : "(?5, ?6, ?7, ?8, ?9)");
  return k;
}

void bindCursor(Statement& s, const MeasurementQuery& q, const PageCursor& c) {
  if (q.sortBy) std::visit([&](const auto& v) { s.bind(4, v); }, c.sortValue);
  s.bind(5, c.parameterId).bind(6, c.lotId).bind(7, c.wafer).bind(8, c.siteId).bind(9, c.time);
}

/// The cursor of the current row, from its sort value and key in columns first, first + 1… first + 5.
PageCursor readCursor(const Statement& s, int first, const MeasurementQuery& q) {
  PageCursor c;
  if (q.sortBy && sortsAsText(*q.sortBy))
    c.sortValue = s.text(first);
  else if (q.sortBy && sortsAsReal(*q.sortBy))
    c.sortValue = s.real(first);  // −∞ for a missing value, as sorted
  else
    c.sortValue = s.integer(first);
  c.parameterId = s.integer(first + 1);
  c.lotId = s.integer(first + 2);
  c.wafer = s.integer(first + 3);
  c.siteId = s.integer(first + 4);
  c.time = s.integer(first + 5);
  return c;
}

// Parameter numbers: ?1 parameter, ?2 lot, ?3 text pattern, ?4 sort value, ?5–?9 key, ?10 limit, ?11 offset,
// ?12 −∞ (a missing real sorts first; bound, as SQL has no literal for it that both SQLite and PostgreSQL read).
// Filters are added as fixed SQL fragments only when set, so the primary key
// stays usable; user text is only ever bound.
std::string filterSql(const MeasurementQuery& q) {
  std::string sql;
  if (!q.parameter.empty()) sql += " AND c.parameter_id = (SELECT id FROM parameter WHERE name = ?1)";
  if (!q.lot.empty()) sql += " AND c.lot_id = (SELECT id FROM lot WHERE name = ?2)";
  if (!q.text.empty())
    sql +=
        // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
        " AND (lower(p.name) LIKE lower(?3) ESCAPE '\\' OR lower(l.name) LIKE lower(?3) ESCAPE '\\' "
        "OR lower(si.name) LIKE lower(?3) ESCAPE '\\' OR lower(t.name) LIKE lower(?3) ESCAPE '\\')";
  return sql;
}

void bindFilters(Statement& s, const MeasurementQuery& q) {
  if (!q.parameter.empty()) s.bind(1, q.parameter);
  if (!q.lot.empty()) s.bind(2, q.lot);
  if (!q.text.empty()) {
    std::string pattern = "%";
    for (char c : q.text) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    s.bind(3, pattern + "%");
  }
}

void bindMissingRealFloor(Statement& s, const MeasurementQuery& q) {
  if (q.sortBy && sortsAsReal(*q.sortBy)) s.bind(12, -std::numeric_limits<double>::infinity());
}

}  // namespace

const char* measurementColumnName(MeasurementColumn column) {
  static constexpr std::array<const char*, kMeasurementColumnCount> names = {
      "parameter", "lot", "wafer", "site", "x", "y", "value", "unit", "time", "tool", "batch"};
  return names[static_cast<std::size_t>(column)];
}

MeasurementPage fetchMeasurementPage(Database& db, const MeasurementQuery& query,
                                     const std::optional<PageCursor>& after, std::size_t limit, std::size_t skip) {
  const Keyset k = keyset(query);
  std::optional<PageCursor> from = after;
  if (skip > 0) {
    // A jump: find the row before the page with a narrow query (keys only), then page on from it.
    auto s = db.prepare("SELECT " + k.sortExpr + ", " + kKey + fromSql(query, false) + filterSql(query) +
                        (from ? k.after : "") + k.order + " LIMIT 1 OFFSET ?11");
    bindFilters(s, query);
    bindMissingRealFloor(s, query);
    if (from) bindCursor(s, query, *from);
    s.bind(11, static_cast<std::int64_t>(skip - 1));
    if (!s.step()) return {};
    from = readCursor(s, 0, query);
  }

  auto s = db.prepare(
      "SELECT p.name, l.name, m.wafer, coalesce(si.name, ''), m.x, m.y, m.value, coalesce(p.unit, ''), m.time, "
      "coalesce(t.name, ''), m.batch_id, " +
      k.sortExpr + ", " + kKey + fromSql(query, true) + filterSql(query) + (from ? k.after : "") + k.order +
      " LIMIT ?10");
  bindFilters(s, query);
  bindMissingRealFloor(s, query);
  if (from) bindCursor(s, query, *from);
  // One row more than asked tells whether another page follows.
  s.bind(10, static_cast<std::int64_t>(limit + 1));

  MeasurementPage page;
  PageCursor last;
  while (s.step()) {
    if (page.rows.size() == limit) {
      page.next = last;
      break;
    }
    MeasurementRow r;
    r.parameter = s.text(0);
    r.lot = s.text(1);
    r.wafer = static_cast<int>(s.integer(2));
    r.site = s.text(3);
    r.x = s.real(4);
    r.y = s.real(5);
    r.value = s.real(6);
    r.unit = s.text(7);
    r.time = s.integer(8);
    r.tool = s.text(9);
    r.batch = s.integer(10);
    page.rows.push_back(std::move(r));
    last = readCursor(s, 11, query);
  }
  return page;
}

std::int64_t countMeasurements(Database& db, const MeasurementQuery& query) {
  auto s = db.prepare("SELECT count(*)" + fromSql(query, false) + filterSql(query));
  bindFilters(s, query);
  return s.step() ? s.integer(0) : 0;
}

namespace {
std::vector<std::string> names(Database& db, const char* sql) {
  std::vector<std::string> out;
  auto q = db.prepare(sql);
  while (q.step()) out.push_back(q.text(0));
  return out;
}
}  // namespace

std::vector<std::string> parameterNames(Database& db) { return names(db, "SELECT name FROM parameter ORDER BY name"); }
std::vector<std::string> lotNames(Database& db) { return names(db, "SELECT name FROM lot ORDER BY name"); }

std::vector<std::string> lotsWithDies(Database& db, const std::string& product) {
  std::vector<std::string> out;
  auto q = db.prepare(
      "SELECT name FROM lot WHERE product = ? AND EXISTS (SELECT 1 FROM die WHERE die.lot_id = lot.id) ORDER BY name");
  q.bind(1, product);
  while (q.step()) out.push_back(q.text(0));
  return out;
}

std::vector<ImportBatchSummary> listImportBatches(Database& db) {
  std::vector<ImportBatchSummary> out;
  auto q = db.prepare(
      "SELECT b.id, b.source, b.kind, b.status, coalesce(b.message, ''), b.started, coalesce(b.finished, 0), "
      "       b.rows_ok, b.rows_rejected, b.rows_duplicate, b.rows_missing, "
      "       (SELECT count(*) FROM import_error e WHERE e.batch_id = b.id) "
      "FROM import_batch b ORDER BY b.id DESC");
  while (q.step()) {
    ImportBatchSummary b;
    b.id = q.integer(0);
    b.source = q.text(1);
    b.kind = q.text(2);
    b.status = q.text(3);
    b.message = q.text(4);
    b.started = q.integer(5);
    b.finished = q.integer(6);
    b.rowsOk = q.integer(7);
    b.rowsRejected = q.integer(8);
    b.rowsDuplicate = q.integer(9);
    b.rowsMissing = q.integer(10);
    b.errors = q.integer(11);
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<ImportErrorRow> listImportErrors(Database& db, std::int64_t batchId, std::size_t limit) {
  std::vector<ImportErrorRow> out;
  auto q = db.prepare(
      "SELECT line, coalesce(column_no, 0), coalesce(column_name, ''), message, coalesce(raw_text, '') "
      "FROM import_error WHERE batch_id = ? ORDER BY line, column_no LIMIT ?");
  q.bind(1, batchId).bind(2, static_cast<std::int64_t>(limit));
  while (q.step()) out.push_back({q.integer(0), q.integer(1), q.text(2), q.text(3), q.text(4)});
  return out;
}

}  // namespace fab::store

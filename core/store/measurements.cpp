#include "core/store/measurements.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/common/error.h"
#include "core/io/field_parse.h"

namespace fab::store {

namespace {

/// Names of the lots, sites and tools a parameter's rows use, each read once
/// by id (a few thousand look-ups, however many rows name them).
class NamesById {
 public:
  NamesById(Database& db, const char* sql) : lookUp_(db.prepare(sql)) {}
  /// The index of the id's entry in names(); an id with no row reads as "" (a LEFT JOIN's NULL).
  std::uint32_t indexOf(std::int64_t id) {
    if (id == lastId_) return lastIndex_;
    auto [it, added] = index_.try_emplace(id, static_cast<std::uint32_t>(names_.size()));
    if (added) {
      lookUp_.bind(1, id);
      Entry e;
      if (lookUp_.step()) {
        e.name = lookUp_.text(0);
        e.found = true;
        if (lookUp_.columnCount() > 1) e.extra = lookUp_.text(1);
      }
      lookUp_.reset();
      names_.push_back(std::move(e));
    }
    lastId_ = id;
    return lastIndex_ = it->second;
  }
  struct Entry {
    std::string name, extra;  ///< extra: a lot's product
    bool found = false;
    std::uint32_t rank = 0;  ///< position in ascending byte order of the names; 0 for no row
  };
  std::vector<Entry>& entries() { return names_; }
  /// Ranks the names as SQLite's ORDER BY does: a missing row (NULL) first, then by bytes.
  void rank() {
    std::vector<std::uint32_t> order(names_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) {
      if (names_[a].found != names_[b].found) return !names_[a].found;
      return names_[a].name < names_[b].name;
    });
    for (std::uint32_t r = 0; r < order.size(); ++r) names_[order[r]].rank = r;
  }

 private:
  Statement lookUp_;
  std::unordered_map<std::int64_t, std::uint32_t> index_;
  std::vector<Entry> names_;
  std::int64_t lastId_ = std::numeric_limits<std::int64_t>::min();
  std::uint32_t lastIndex_ = 0;
};

}  // namespace

MeasurementSeries loadMeasurements(Database& db, const std::string& parameter, const MeasurementFilter& filter) {
  MeasurementSeries s;
  s.parameter = parameter;
  std::int64_t parameterId = -1;
  {
    auto q = db.prepare("SELECT id, coalesce(unit, '') FROM parameter WHERE name = ?");
    q.bind(1, parameter);
    if (q.step()) {
      parameterId = q.integer(0);
      s.unit = q.text(1);
    }
  }
  if (parameterId < 0) {
    std::string names;
    for (const auto& p : listParameters(db)) names += (names.empty() ? "" : ", ") + p.name;
    throw Error("no parameter '" + parameter + "' in the workspace" +
                (names.empty() ? " (it holds no measurements yet)" : " (parameters: " + names + ")"));
  }
  // The parameter's rows, typed, with the ids of their names: one key range of
  // measurement per lot that holds the parameter (the key starts with the lot,
  // data/schema/009_measurement_by_lot.sql; the lots are those counted at import,
  // 008_summary.sql). The names are joined once per id and the rows ordered here
  // (by time, lot name, wafer, site name, as the charts plot them: a total order,
  // as no two rows of a parameter share lot, wafer, site and time).
  NamesById lots(db, "SELECT name, coalesce(product, '') FROM lot WHERE id = ?");
  NamesById sites(db, "SELECT name FROM site WHERE id = ?");
  NamesById tools(db, "SELECT name FROM tool WHERE id = ?");
  const std::set<std::string> wantedLots(filter.lots.begin(), filter.lots.end());
  std::vector<std::int8_t> lotWanted;  ///< by lot index: -1 not decided yet
  struct Row {
    std::int64_t time;
    double x, y, value;
    std::uint32_t lot, site, tool;  ///< indexes into the names; tool: index + 1, 0 = none
    std::int32_t wafer;
  };
  std::vector<Row> rows;
  {
    // The count kept at import (data/schema/008_summary.sql) sizes the rows once.
    auto n = db.prepare("SELECT coalesce(sum(measurements), 0) FROM parameter_lot_count WHERE parameter_id = ?");
    n.bind(1, parameterId);
    if (n.step()) rows.reserve(static_cast<std::size_t>(n.integer(0)));
  }
  {
    auto q = db.prepare(
        "SELECT m.lot_id, m.wafer, m.site_id, m.time, m.x, m.y, m.value, m.tool_id "
        "FROM parameter_lot_count c JOIN measurement m ON m.lot_id = c.lot_id AND m.parameter_id = c.parameter_id "
        "WHERE c.parameter_id = ?1 AND (?2 IS NULL OR m.time >= ?2) AND (?3 IS NULL OR m.time <= ?3)");
    q.bind(1, parameterId).bind(2, filter.from).bind(3, filter.to);
    while (q.step()) {
      const auto lot = lots.indexOf(q.integer(0));
      if (lot >= lotWanted.size()) lotWanted.resize(lot + 1, -1);
      if (lotWanted[lot] < 0) {
        const auto& e = lots.entries()[lot];
        lotWanted[lot] = e.found && (wantedLots.empty() || wantedLots.count(e.name)) &&
                         (filter.product.empty() || e.extra == filter.product);
      }
      if (!lotWanted[lot]) continue;
      Row r;
      r.lot = lot;
      r.wafer = static_cast<std::int32_t>(q.integer(1));
      r.site = sites.indexOf(q.integer(2));
      r.time = q.integer(3);
      r.x = q.real(4);
      r.y = q.real(5);
      r.value = q.real(6);
      r.tool = q.isNull(7) ? 0 : tools.indexOf(q.integer(7)) + 1;
      rows.push_back(r);
    }
  }
  lots.rank();
  sites.rank();
  const auto& lotNames = lots.entries();
  const auto& siteNames = sites.entries();
  const auto& toolNames = tools.entries();
  const auto before = [&](const Row& a, const Row& b) {
    if (a.time != b.time) return a.time < b.time;
    if (a.lot != b.lot) return lotNames[a.lot].rank < lotNames[b.lot].rank;
    if (a.wafer != b.wafer) return a.wafer < b.wafer;
    return siteNames[a.site].rank < siteNames[b.site].rank;
  };
  if (!std::is_sorted(rows.begin(), rows.end(), before)) std::sort(rows.begin(), rows.end(), before);
  const auto n = rows.size();
  std::vector<std::uint32_t> lotOf(n), siteOf(n), toolOf(n);
  s.wafer.reserve(n), s.time.reserve(n), s.x.reserve(n), s.y.reserve(n), s.value.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& r = rows[i];
    lotOf[i] = r.lot, siteOf[i] = r.site, toolOf[i] = r.tool;
    s.wafer.push_back(r.wafer);
    s.time.push_back(r.time);
    s.x.push_back(r.x);
    s.y.push_back(r.y);
    s.value.push_back(r.value);
  }
  std::vector<Row>().swap(rows);
  std::vector<std::string> lotName, product, siteName, toolName{std::string()};
  for (const auto& e : lotNames) lotName.push_back(e.name), product.push_back(e.extra);
  for (const auto& e : siteNames) siteName.push_back(e.name);
  for (const auto& e : toolNames) toolName.push_back(e.name);
  s.product = NameColumn(std::move(product), lotOf);
  s.lot = NameColumn(std::move(lotName), std::move(lotOf));
  s.site = NameColumn(std::move(siteName), std::move(siteOf));
  s.tool = NameColumn(std::move(toolName), std::move(toolOf));
  return s;
}

std::string subgroupKey(const MeasurementSeries& s, const std::string& field, std::size_t i) {
  if (field == "lot") return s.lot[i];
  if (field == "wafer") return s.lot[i] + "/" + std::to_string(s.wafer[i]);
  if (field == "tool") return s.tool[i];
  if (field == "time") return io::formatTimestamp(s.time[i]);
  return s.product[i];
}

std::optional<std::vector<std::string>> subgroupKeys(const MeasurementSeries& s, const std::string& field) {
  if (field != "lot" && field != "wafer" && field != "tool" && field != "time" && field != "product")
    return std::nullopt;
  std::vector<std::string> keys(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) keys[i] = subgroupKey(s, field, i);
  return keys;
}

std::vector<ParameterSummary> listParameters(Database& db) {
  std::vector<ParameterSummary> out;
  // The counts the imports keep (data/schema/008_summary.sql), not a count of the measurements.
  auto q = db.prepare(
      "SELECT p.name, coalesce(p.unit, ''), coalesce(sum(c.measurements), 0), coalesce(sum(c.missing), 0), "
      "       count(CASE WHEN c.measurements > 0 THEN 1 END) "
      "FROM parameter p LEFT JOIN parameter_lot_count c ON c.parameter_id = p.id GROUP BY p.id ORDER BY p.name");
  while (q.step()) out.push_back({q.text(0), q.text(1), q.integer(2), q.integer(3), q.integer(4)});
  return out;
}

std::optional<SpecLimits> specInForce(Database& db, const std::string& parameter, const std::string& product,
                                      std::int64_t at) {
  auto q = db.prepare(
      "SELECT product, lsl, target, usl, coalesce(unit, ''), effective_from FROM spec "
      "WHERE parameter = ?1 AND (product = ?2 OR product = '') AND effective_from <= ?3 "
      "ORDER BY product = ?2 DESC, effective_from DESC, id DESC LIMIT 1");
  q.bind(1, parameter).bind(2, product).bind(3, at);
  if (!q.step()) return std::nullopt;
  SpecLimits s;
  s.parameter = parameter;
  s.product = q.text(0);
  s.lsl = q.optionalReal(1);
  s.target = q.optionalReal(2);
  s.usl = q.optionalReal(3);
  s.unit = q.text(4);
  s.effectiveFrom = q.integer(5);
  return s;
}

std::vector<ProcessContext> processAtStep(Database& db, const std::string& step) {
  std::vector<ProcessContext> out;
  auto q = db.prepare(
      "SELECT l.name, h.wafer, coalesce(h.process_tool, ''), coalesce(h.chamber, ''), coalesce(h.recipe, ''), "
      "       coalesce(h.track_in, 0), coalesce(h.track_out, 0) "
      "FROM lot_history h JOIN lot l ON l.id = h.lot_id WHERE h.step = ? ORDER BY l.name, h.wafer, h.track_in");
  q.bind(1, step);
  while (q.step())
    out.push_back(
        {q.text(0), static_cast<int>(q.integer(1)), q.text(2), q.text(3), q.text(4), q.integer(5), q.integer(6)});
  return out;
}

std::vector<std::string> listSteps(Database& db) {
  std::vector<std::string> out;
  auto q = db.prepare("SELECT DISTINCT step FROM lot_history ORDER BY step");
  while (q.step()) out.push_back(q.text(0));
  return out;
}

}  // namespace fab::store

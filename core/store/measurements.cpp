#include "core/store/measurements.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/common/error.h"
#include "core/io/field_parse.h"
#include "core/store/parameter_rows.h"

namespace fab::store {

namespace {

/// Each name's position in SQLite's ORDER BY of the names: a missing row (NULL) first, then by bytes.
std::vector<std::uint32_t> ranks(const std::vector<NameEntry>& names) {
  std::vector<std::uint32_t> order(names.size()), rank(names.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) {
    if (names[a].found != names[b].found) return !names[a].found;
    return names[a].name < names[b].name;
  });
  for (std::uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
  return rank;
}

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
  // The parameter's rows (parameter_rows.h), ordered here by time, lot name,
  // wafer, site name, as the charts plot them: a total order, as no two rows of a
  // parameter share lot, wafer, site and time.
  auto read = readParameterRows(db, parameterId, filter);
  auto& rows = read.rows;
  const auto lotRank = ranks(read.lots), siteRank = ranks(read.sites);
  const auto before = [&](const ParameterRow& a, const ParameterRow& b) {
    if (a.time != b.time) return a.time < b.time;
    if (a.lot != b.lot) return lotRank[a.lot] < lotRank[b.lot];
    if (a.wafer != b.wafer) return a.wafer < b.wafer;
    return siteRank[a.site] < siteRank[b.site];
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
  std::vector<ParameterRow>().swap(rows);
  std::vector<std::string> lotName, product, siteName, toolName{std::string()};
  for (const auto& e : read.lots) lotName.push_back(e.name), product.push_back(e.extra);
  for (const auto& e : read.sites) siteName.push_back(e.name);
  for (const auto& e : read.tools) toolName.push_back(e.name);
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

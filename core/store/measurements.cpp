#include "core/store/measurements.h"

#include "core/common/error.h"
#include "core/io/field_parse.h"

namespace fab::store {

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
  // Lots as a JSON array bound to one parameter keeps the query prepared whatever the filter size.
  std::string lotsJson = "[";
  for (const auto& lot : filter.lots) {
    std::string escaped;
    for (char c : lot) {
      if (c == '"' || c == '\\') escaped += '\\';
      escaped += c;
    }
    lotsJson += (lotsJson.size() > 1 ? ",\"" : "\"") + escaped + "\"";
  }
  lotsJson += "]";
  auto q = db.prepare(
      "SELECT l.name, m.wafer, coalesce(si.name, ''), m.time, m.x, m.y, m.value, coalesce(t.name, ''), "
      "       coalesce(l.product, '') "
      "FROM measurement m JOIN lot l ON l.id = m.lot_id "
      "LEFT JOIN site si ON si.id = m.site_id LEFT JOIN tool t ON t.id = m.tool_id "
      "WHERE m.parameter_id = ?1 "
      "  AND (?2 = 0 OR l.name IN (SELECT value FROM json_each(?3))) "
      "  AND (?4 IS NULL OR m.time >= ?4) AND (?5 IS NULL OR m.time <= ?5) "
      "  AND (?6 = '' OR l.product = ?6) "
      "ORDER BY m.time, l.name, m.wafer, si.name");
  q.bind(1, parameterId).bind(2, static_cast<std::int64_t>(filter.lots.size())).bind(3, lotsJson);
  q.bind(4, filter.from).bind(5, filter.to).bind(6, filter.product);
  while (q.step()) {
    s.lot.push_back(q.text(0));
    s.wafer.push_back(static_cast<int>(q.integer(1)));
    s.site.push_back(q.text(2));
    s.time.push_back(q.integer(3));
    s.x.push_back(q.real(4));
    s.y.push_back(q.real(5));
    s.value.push_back(q.real(6));
    s.tool.push_back(q.text(7));
    s.product.push_back(q.text(8));
  }
  return s;
}

std::optional<std::vector<std::string>> subgroupKeys(const MeasurementSeries& s, const std::string& field) {
  if (field != "lot" && field != "wafer" && field != "tool" && field != "time" && field != "product") return std::nullopt;
  std::vector<std::string> keys(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (field == "lot")
      keys[i] = s.lot[i];
    else if (field == "wafer")
      keys[i] = s.lot[i] + "/" + std::to_string(s.wafer[i]);
    else if (field == "tool")
      keys[i] = s.tool[i];
    else if (field == "time")
      keys[i] = io::formatTimestamp(s.time[i]);
    else
      keys[i] = s.product[i];
  }
  return keys;
}

std::vector<ParameterSummary> listParameters(Database& db) {
  std::vector<ParameterSummary> out;
  // The counts the imports keep (data/schema/009_summary.sql), not a count of the measurements.
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
    out.push_back({q.text(0), static_cast<int>(q.integer(1)), q.text(2), q.text(3), q.text(4), q.integer(5), q.integer(6)});
  return out;
}

std::vector<std::string> listSteps(Database& db) {
  std::vector<std::string> out;
  auto q = db.prepare("SELECT DISTINCT step FROM lot_history ORDER BY step");
  while (q.step()) out.push_back(q.text(0));
  return out;
}

}  // namespace fab::store

#include "core/store/inspections.h"

namespace fab::store {

std::vector<WaferInspections> loadInspections(Database& db, const DieFilter& filter, const std::string& layer) {
  std::vector<WaferInspections> out;
  // One row per inspected die, or one row with NULL die columns for a whole-wafer inspection.
  auto q = db.prepare(
      "SELECT l.name, i.wafer, i.id, i.batch_id, i.layer, i.whole_wafer, d.source_x, d.source_y, d.x_um, d.y_um, "
      "       d.die_x, d.die_y "
      "FROM inspection i JOIN lot l ON l.id = i.lot_id LEFT JOIN inspected_die d ON d.inspection_id = i.id "
      "WHERE (?1 = 0 OR l.name IN (SELECT value FROM json_each(?2))) AND (?3 IS NULL OR i.wafer = ?3) "
      "  AND (?4 = '' OR i.layer = ?4) "
      "ORDER BY l.name, i.wafer, i.id, d.source_y, d.source_x");
  q.bind(1, static_cast<std::int64_t>(filter.lots.size())).bind(2, lotsJson(filter.lots));
  q.bind(3, filter.wafer ? std::optional<std::int64_t>(*filter.wafer) : std::nullopt).bind(4, layer);
  while (q.step()) {
    const std::string lot = q.text(0);
    const int wafer = static_cast<int>(q.integer(1));
    if (out.empty() || out.back().lot != lot || out.back().wafer != wafer) out.push_back({lot, wafer, {}});
    auto& list = out.back().inspections;
    const std::int64_t id = q.integer(2);
    if (list.empty() || list.back().id != id) {
      Inspection i;
      i.id = id;
      i.batchId = q.integer(3);
      i.layer = q.text(4);
      i.wholeWafer = q.integer(5) != 0;
      list.push_back(std::move(i));
    }
    if (q.isNull(6)) continue;
    InspectedDie d;
    d.sourceX = static_cast<int>(q.integer(6));
    d.sourceY = static_cast<int>(q.integer(7));
    d.xUm = q.real(8);
    d.yUm = q.real(9);
    if (!q.isNull(10)) d.dieX = static_cast<int>(q.integer(10));
    if (!q.isNull(11)) d.dieY = static_cast<int>(q.integer(11));
    list.back().dies.push_back(d);
  }
  return out;
}

}  // namespace fab::store

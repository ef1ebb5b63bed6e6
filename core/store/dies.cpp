#include "core/store/dies.h"

#include <algorithm>
#include <sstream>
#include <string_view>

#include "core/io/field_parse.h"

namespace fab::store {
namespace {

std::vector<int> parseBins(const std::string& text) {
  std::vector<int> bins;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ','))
    if (auto v = io::parseInteger(item)) bins.push_back(static_cast<int>(*v));
  return bins;
}

Product readProduct(Statement& q) {
  Product p;
  p.name = q.text(0);
  p.dieWidthUm = q.isNull(1) ? 0 : q.real(1);
  p.dieHeightUm = q.isNull(2) ? 0 : q.real(2);
  if (!q.isNull(3)) p.waferDiameterMm = q.real(3);
  if (!q.isNull(4)) p.edgeExclusionMm = q.real(4);
  if (!q.isNull(5)) p.scribeUm = q.real(5);
  if (!q.isNull(6)) p.notch = q.text(6);
  p.originDieX = static_cast<int>(q.integer(7));
  p.originDieY = static_cast<int>(q.integer(8));
  p.yUp = q.integer(9) != 0;
  p.passBins = parseBins(q.text(10));
  p.gridOffsetXUm = q.real(11);
  p.gridOffsetYUm = q.real(12);
  return p;
}

constexpr const char* kProductColumns =
    "SELECT name, die_width_um, die_height_um, wafer_diameter_mm, edge_exclusion_mm, scribe_um, notch, "
    "coalesce(origin_die_x, 0), coalesce(origin_die_y, 0), y_up, pass_bins, grid_offset_x_um, grid_offset_y_um "
    "FROM product";

/// Whether a die passed: the file's pass column where given, else the
/// product's pass bins (bin 1 without a product), parsed once per bins text.
class PassRule {
 public:
  bool operator()(const Statement& q, int passColumn, int binsColumn, int bin) {
    if (!q.isNull(passColumn)) return q.integer(passColumn) != 0;
    const std::string_view bins = q.isNull(binsColumn) ? std::string_view("1") : q.textView(binsColumn);
    if (bins != text_) {
      text_ = bins;
      bins_ = parseBins(text_);
    }
    for (int b : bins_)
      if (b == bin) return true;
    return false;
  }

 private:
  std::string text_ = "1";
  std::vector<int> bins_ = {1};
};

}  // namespace

std::string lotsJson(const std::vector<std::string>& lots) {
  std::string json = "[";
  for (const auto& lot : lots) {
    json += json.size() > 1 ? ",\"" : "\"";
    for (char c : lot) {
      if (c == '"' || c == '\\') json += '\\';
      json += c;
    }
    json += '"';
  }
  return json + "]";
}

bool Product::isPass(int bin) const {
  for (int b : passBins)
    if (b == bin) return true;
  return false;
}

std::optional<Product> loadProduct(Database& db, const std::string& name) {
  auto q = db.prepare(std::string(kProductColumns) + " WHERE name = ?");
  q.bind(1, name);
  if (!q.step()) return std::nullopt;
  return readProduct(q);
}

std::vector<Product> listProducts(Database& db) {
  std::vector<Product> out;
  auto q = db.prepare(std::string(kProductColumns) + " ORDER BY name");
  while (q.step()) out.push_back(readProduct(q));
  return out;
}

namespace {

/// Binds a DieFilter to ?1 (lot count), ?2 (lots as JSON) and ?3 (wafer or NULL).
void bindDieFilter(Statement& q, const DieFilter& filter) {
  q.bind(1, static_cast<std::int64_t>(filter.lots.size())).bind(2, lotsJson(filter.lots));
  q.bind(3, filter.wafer ? std::optional<std::int64_t>(*filter.wafer) : std::nullopt);
}

}  // namespace

std::vector<WaferDies> loadDies(Database& db, const DieFilter& filter) {
  std::vector<WaferDies> out;
  auto q = db.prepare(
      "SELECT l.name, d.wafer, coalesce(l.product, ''), d.die_x, d.die_y, d.bin, d.pass, p.pass_bins "
      "FROM die d JOIN lot l ON l.id = d.lot_id LEFT JOIN product p ON p.name = l.product "
      "WHERE (?1 = 0 OR l.name IN (SELECT value FROM json_each(?2))) AND (?3 IS NULL OR d.wafer = ?3) "
      "ORDER BY l.name, d.wafer");
  // Ordered by lot and wafer only, SQLite walks the lot names' index and each lot's dies by the die table's key
  // (lot, wafer, die_x, die_y) instead of sorting every die of the workspace; each wafer's dies are put in row
  // order (die_y, then die_x) here.
  bindDieFilter(q, filter);
  PassRule passed;
  while (q.step()) {
    const std::string lot = q.text(0);
    const int wafer = static_cast<int>(q.integer(1));
    if (out.empty() || out.back().lot != lot || out.back().wafer != wafer) out.push_back({lot, wafer, q.text(2), {}});
    Die d;
    d.x = static_cast<int>(q.integer(3));
    d.y = static_cast<int>(q.integer(4));
    d.bin = static_cast<int>(q.integer(5));
    d.pass = passed(q, 6, 7, d.bin);
    out.back().dies.push_back(d);
  }
  for (auto& w : out)
    std::sort(w.dies.begin(), w.dies.end(),
              [](const Die& a, const Die& b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
  return out;
}

std::vector<std::string> lotsWithDies(Database& db, const DieFilter& filter) {
  auto q = db.prepare(
      "SELECT l.name FROM lot l WHERE (?1 = 0 OR l.name IN (SELECT value FROM json_each(?2))) "
      "AND EXISTS (SELECT 1 FROM die d WHERE d.lot_id = l.id AND (?3 IS NULL OR d.wafer = ?3)) ORDER BY l.name");
  bindDieFilter(q, filter);
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.text(0));
  return out;
}

std::vector<WaferDieCounts> loadDieCounts(Database& db, const DieFilter& filter) {
  std::vector<WaferDieCounts> out;
  // Dies per wafer, bin and pass flag: a few rows per wafer; the pass bins apply below as in loadDies.
  auto q = db.prepare(
      "SELECT l.name, d.wafer, d.bin, d.pass, count(*), p.pass_bins "
      "FROM die d JOIN lot l ON l.id = d.lot_id LEFT JOIN product p ON p.name = l.product "
      "WHERE (?1 = 0 OR l.name IN (SELECT value FROM json_each(?2))) AND (?3 IS NULL OR d.wafer = ?3) "
      "GROUP BY l.name, d.wafer, d.bin, d.pass, p.pass_bins ORDER BY l.name, d.wafer");
  bindDieFilter(q, filter);
  PassRule passed;
  while (q.step()) {
    const std::string lot = q.text(0);
    const int wafer = static_cast<int>(q.integer(1));
    if (out.empty() || out.back().lot != lot || out.back().wafer != wafer) out.push_back({lot, wafer, 0, 0});
    const auto n = q.integer(4);
    out.back().tested += n;
    out.back().pass += passed(q, 3, 5, static_cast<int>(q.integer(2))) ? n : 0;
  }
  return out;
}

std::vector<WaferDefects> loadDefects(Database& db, const DieFilter& filter, const std::string& layer) {
  std::vector<WaferDefects> out;
  auto q = db.prepare(
      "SELECT l.name, d.wafer, d.defect_id, d.x_um, d.y_um, d.die_x, d.die_y, d.size_um, coalesce(d.class, 0), d.layer "
      "FROM defect d JOIN lot l ON l.id = d.lot_id "
      "WHERE (?1 = 0 OR l.name IN (SELECT value FROM json_each(?2))) AND (?3 IS NULL OR d.wafer = ?3) "
      "  AND (?4 = '' OR d.layer = ?4) ORDER BY l.name, d.wafer, d.defect_id");
  bindDieFilter(q, filter);
  q.bind(4, layer);
  while (q.step()) {
    const std::string lot = q.text(0);
    const int wafer = static_cast<int>(q.integer(1));
    if (out.empty() || out.back().lot != lot || out.back().wafer != wafer) out.push_back({lot, wafer, {}});
    Defect d;
    d.defectId = q.integer(2);
    d.xUm = q.real(3);
    d.yUm = q.real(4);
    if (!q.isNull(5)) d.dieX = static_cast<int>(q.integer(5));
    if (!q.isNull(6)) d.dieY = static_cast<int>(q.integer(6));
    d.sizeUm = q.real(7);
    d.defectClass = static_cast<int>(q.integer(8));
    d.layer = q.text(9);
    out.back().defects.push_back(d);
  }
  return out;
}

std::vector<LotSummary> listLots(Database& db) {
  std::vector<LotSummary> out;
  // The counts the imports keep (data/schema/008_summary.sql), not a count of
  // the measurement, die and defect tables.
  auto q = db.prepare(
      "SELECT l.name, coalesce(l.product, ''), coalesce(w.wafers, 0), coalesce(m.n, 0), coalesce(w.dies, 0), "
      "       coalesce(w.defects, 0) "
      "FROM lot l "
      "LEFT JOIN (SELECT lot_id, count(CASE WHEN measured + dies + defects > 0 THEN 1 END) AS wafers, "
      "                  sum(dies) AS dies, sum(defects) AS defects FROM wafer_count GROUP BY lot_id) AS w "
      "  ON w.lot_id = l.id "
      "LEFT JOIN (SELECT lot_id, sum(measurements) AS n FROM parameter_lot_count GROUP BY lot_id) AS m "
      "  ON m.lot_id = l.id "
      "ORDER BY l.name");
  while (q.step()) out.push_back({q.text(0), q.text(1), q.integer(2), q.integer(3), q.integer(4), q.integer(5)});
  return out;
}

}  // namespace fab::store

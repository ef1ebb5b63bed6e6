// Row importers for dies (bin maps), defects, spec limits, lot history and
// product definitions.
#include <cctype>
#include <unordered_map>

#include "core/io/die_renumbering.h"
#include "core/io/field_parse.h"
#include "core/io/row_base.h"
#include "core/store/bulk_rows.h"

namespace fab::io {
namespace {

class DieRows final : public RowBase {
 public:
  DieRows(ImportBatch& b, const ColumnMapping& m, const std::vector<std::string>& h, const FieldFormat& f,
          const wafer::DieNumbering& n)
      : RowBase(b, m, h, f),
        renumbering_(b, n),
        insert_(b.db().prepare("INSERT INTO die(lot_id, wafer, die_x, die_y, bin, pass, batch_id) VALUES (?, "
                               "?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {}

  void importRow(const CsvRecord& r) override {
    if (!checkShape(r)) return;
    std::string_view lotName, product;
    std::optional<std::int64_t> x, y, bin;
    std::optional<bool> pass;
    if (!text(r, Role::Lot, lotName, true) || !integer(r, Role::DieX, x, true) || !integer(r, Role::DieY, y, true) ||
        !integer(r, Role::Bin, bin, true) || !passFlag(r, Role::Pass, pass))
      return;
    text(r, Role::Product, product, false);
    if (!batch_.storing()) return;
    const auto lot = lotId(lotName, product);
    int slot;
    if (!waferSlot(r, lot, slot)) return;
    if (renumbering_.active()) {
      // Sort map numbering → the product's die frame (core/wafer/die_frame.h).
      constexpr std::int64_t kLimit = 1'000'000;
      for (auto [v, role] : {std::pair{*x, Role::DieX}, std::pair{*y, Role::DieY}})
        if (v < -kLimit || v > kLimit)
          return reject(r, mapping_.column(role), "expected a die index between -1000000 and 1000000, found " + std::to_string(v));
      const auto die = renumbering_.toProduct(lot, lotName, r.line, {static_cast<int>(*x), static_cast<int>(*y)});
      x = die.x;
      y = die.y;
    }
    batch_.counts().diesWritten(lot, slot);
    if (bulk_) {
      bulk_->add({lot, slot, *x, *y, *bin, pass ? std::optional<std::int64_t>(*pass) : std::nullopt, batch_.id()});
      if (bulk_->pending() >= kBulkRows) finish();
      return;
    }
    insert_.bind(1, lot).bind(2, slot).bind(3, *x).bind(4, *y).bind(5, *bin);
    if (pass) insert_.bind(6, std::int64_t{*pass}); else insert_.bindNull(6);
    insert_.bind(7, batch_.id());
    insert_.step();
    insert_.reset();
    batch_.db().changes() ? batch_.rowStored() : batch_.rowDuplicate();
  }

  void finish() override {
    if (!bulk_) return;
    const auto rows = static_cast<std::int64_t>(bulk_->pending());
    const auto stored = bulk_->flush();
    batch_.rowStored(stored);
    batch_.rowDuplicate(rows - stored);
  }

 private:
  static constexpr std::size_t kBulkRows = 16384;
  DieRenumbering renumbering_;
  store::Statement insert_;
  /// On a PostgreSQL workspace dies go kBulkRows at a time (a die map is tens of thousands of rows).
  std::unique_ptr<store::BulkRows> bulk_ =
      batch_.db().backend() == store::Database::Backend::PostgreSQL
          ? std::make_unique<store::BulkRows>(batch_.db(), "die",
                                              std::vector<std::string>{"lot_id", "wafer", "die_x", "die_y", "bin",
                                                                       "pass", "batch_id"},
                                              std::vector<std::string>{"lot_id", "wafer", "die_x", "die_y"})
          : nullptr;
};

class DefectRows final : public RowBase {
 public:
  DefectRows(ImportBatch& b, const ColumnMapping& m, const std::vector<std::string>& h, const FieldFormat& f)
      : RowBase(b, m, h, f),
        insert_(b.db().prepare("INSERT INTO defect(batch_id, lot_id, wafer, defect_id, x_um, y_um, die_x, "
                               "die_y, size_um, class, layer) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {}

  void importRow(const CsvRecord& r) override {
    if (!checkShape(r)) return;
    std::string_view lotName, product, layer;
    std::optional<double> x, y, size;
    std::optional<std::int64_t> id, dieX, dieY, cls;
    if (!text(r, Role::Lot, lotName, true) || !number(r, Role::X, x, true) || !number(r, Role::Y, y, true) ||
        !number(r, Role::Size, size) || !integer(r, Role::DefectId, id) || !integer(r, Role::DieX, dieX) ||
        !integer(r, Role::DieY, dieY) || !integer(r, Role::DefectClass, cls))
      return;
    text(r, Role::Product, product, false);
    text(r, Role::Layer, layer, false);
    if (!batch_.storing()) return;
    const auto lot = lotId(lotName, product);
    int slot;
    if (!waferSlot(r, lot, slot)) return;
    // Without a defect id, defects are numbered in file order within their wafer.
    const auto key = std::to_string(lot) + "/" + std::to_string(slot) + "/" + std::string(layer);
    const std::int64_t defectId = id ? *id : ++nextId_[key];
    insert_.bind(1, batch_.id()).bind(2, lot).bind(3, slot).bind(4, defectId).bind(5, *x).bind(6, *y);
    insert_.bind(7, dieX).bind(8, dieY).bind(9, size).bind(10, cls).bind(11, layer);
    batch_.counts().defectsWritten(lot, slot);
    insert_.step();
    insert_.reset();
    batch_.db().changes() ? batch_.rowStored() : batch_.rowDuplicate();
  }

 private:
  store::Statement insert_;
  std::unordered_map<std::string, std::int64_t> nextId_;
};

class SpecRows final : public RowBase {
 public:
  SpecRows(ImportBatch& b, const ColumnMapping& m, const std::vector<std::string>& h, const FieldFormat& f)
      : RowBase(b, m, h, f),
        insert_(b.db().prepare("INSERT INTO spec(parameter, product, lsl, target, usl, unit, effective_from, batch_id) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {}

  void importRow(const CsvRecord& r) override {
    if (!checkShape(r)) return;
    std::string_view parameter, product, unit;
    std::optional<double> lsl, target, usl;
    std::optional<std::int64_t> from;
    if (!text(r, Role::Parameter, parameter, true) || !number(r, Role::Lsl, lsl) || !number(r, Role::Target, target) ||
        !number(r, Role::Usl, usl) || !timestamp(r, Role::EffectiveFrom, from))
      return;
    text(r, Role::Product, product, false);
    text(r, Role::Unit, unit, false);
    if (!lsl && !usl) return reject(r, std::nullopt, "a spec needs an LSL, a USL or both");
    if (lsl && usl && *lsl >= *usl)
      return reject(r, mapping_.column(Role::Usl), "USL " + std::to_string(*usl) + " is not above LSL " + std::to_string(*lsl));
    if (target && ((lsl && *target < *lsl) || (usl && *target > *usl)))
      return reject(r, mapping_.column(Role::Target), "the target lies outside the spec limits");
    // Two limits for one parameter, product and start date would leave the one in force to chance.
    const auto [first, isNew] =
        firstLine_.try_emplace(std::string(parameter) + '\x1f' + std::string(product) + '\x1f' +
                                   std::to_string(from.value_or(0)),
                               r.line);
    if (!isNew)
      return reject(r, mapping_.column(Role::Parameter),
                    "line " + std::to_string(first->second) + " already gives the spec of '" + std::string(parameter) +
                        "' for " + (product.empty() ? std::string("every product") : "product '" + std::string(product) + "'") +
                        " from the same date");
    if (!batch_.storing()) return;
    insert_.bind(1, parameter).bind(2, product).bind(3, lsl).bind(4, target).bind(5, usl).bind(6, unit);
    insert_.bind(7, from.value_or(0)).bind(8, batch_.id()).run();
    batch_.rowStored();
  }

 private:
  store::Statement insert_;
  std::unordered_map<std::string, std::int64_t> firstLine_;  ///< parameter, product, start → its first line
};

class HistoryRows final : public RowBase {
 public:
  HistoryRows(ImportBatch& b, const ColumnMapping& m, const std::vector<std::string>& h, const FieldFormat& f)
      : RowBase(b, m, h, f),
        insert_(b.db().prepare("INSERT INTO lot_history(lot_id, wafer, step, process_tool, chamber, recipe, "
                               "track_in, track_out, batch_id) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {}

  void importRow(const CsvRecord& r) override {
    if (!checkShape(r)) return;
    std::string_view lotName, product, step, tool, chamber, recipe;
    std::optional<std::int64_t> in, out;
    if (!text(r, Role::Lot, lotName, true) || !text(r, Role::Step, step, true) || !timestamp(r, Role::TrackIn, in) ||
        !timestamp(r, Role::TrackOut, out))
      return;
    text(r, Role::Product, product, false);
    text(r, Role::Tool, tool, false);
    text(r, Role::Chamber, chamber, false);
    text(r, Role::Recipe, recipe, false);
    if (in && out && *out < *in) return reject(r, mapping_.column(Role::TrackOut), "track-out is before track-in");
    if (!batch_.storing()) return;
    const auto lot = lotId(lotName, product);
    int slot;
    if (!waferSlot(r, lot, slot)) return;
    auto optionalText = [](std::string_view t) { return t.empty() ? std::nullopt : std::optional<std::string_view>(t); };
    insert_.bind(1, lot).bind(2, slot).bind(3, step).bind(4, optionalText(tool)).bind(5, optionalText(chamber));
    insert_.bind(6, optionalText(recipe)).bind(7, in.value_or(0)).bind(8, out).bind(9, batch_.id());
    insert_.step();
    insert_.reset();
    batch_.db().changes() ? batch_.rowStored() : batch_.rowDuplicate();
  }

 private:
  store::Statement insert_;
};

class ProductRows final : public RowBase {
 public:
  ProductRows(ImportBatch& b, const ColumnMapping& m, const std::vector<std::string>& h, const FieldFormat& f)
      : RowBase(b, m, h, f),
        insert_(b.db().prepare(
            "INSERT INTO product(name, die_width_um, die_height_um, wafer_diameter_mm, edge_exclusion_mm, "
            "scribe_um, notch, origin_die_x, origin_die_y, y_up, pass_bins, batch_id, grid_offset_x_um, "
            "grid_offset_y_um) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET die_width_um = excluded.die_width_um, die_height_um = "
            "excluded.die_height_um, wafer_diameter_mm = excluded.wafer_diameter_mm, edge_exclusion_mm = "
            "excluded.edge_exclusion_mm, scribe_um = excluded.scribe_um, notch = excluded.notch, origin_die_x = "
            "excluded.origin_die_x, origin_die_y = excluded.origin_die_y, y_up = excluded.y_up, pass_bins = "
            "excluded.pass_bins, batch_id = excluded.batch_id, grid_offset_x_um = excluded.grid_offset_x_um, "
            "grid_offset_y_um = excluded.grid_offset_y_um")) {}

  void importRow(const CsvRecord& r) override {
    if (!checkShape(r)) return;
    std::string_view name, notch, passBins;
    std::optional<double> width, height, diameter, edge, scribe, offsetX, offsetY;
    std::optional<std::int64_t> ox, oy;
    std::optional<bool> yUp;
    if (!text(r, Role::Product, name, true) || !number(r, Role::DieWidth, width) || !number(r, Role::DieHeight, height) ||
        !number(r, Role::WaferDiameter, diameter) || !number(r, Role::EdgeExclusion, edge) ||
        !number(r, Role::Scribe, scribe) || !integer(r, Role::OriginX, ox) || !integer(r, Role::OriginY, oy) ||
        !passFlag(r, Role::YUp, yUp) || !number(r, Role::GridOffsetX, offsetX) || !number(r, Role::GridOffsetY, offsetY))
      return;
    text(r, Role::Notch, notch, false);
    text(r, Role::PassBins, passBins, false);
    std::string notchText(notch);
    for (auto& c : notchText) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!notchText.empty() && notchText != "down" && notchText != "up" && notchText != "left" && notchText != "right")
      return reject(r, mapping_.column(Role::Notch), "expected the notch as down, up, left or right, found '" + std::string(notch) + "'");
    for (auto [v, role] : {std::pair{width, Role::DieWidth}, std::pair{height, Role::DieHeight}, std::pair{diameter, Role::WaferDiameter}})
      if (v && *v <= 0) return reject(r, mapping_.column(role), "expected a positive size");
    std::string bins(passBins);
    for (auto& c : bins) if (c == ';' || c == ' ') c = ',';
    if (!batch_.storing()) return;
    insert_.bind(1, name).bind(2, width).bind(3, height).bind(4, diameter).bind(5, edge).bind(6, scribe);
    if (notchText.empty()) insert_.bindNull(7); else insert_.bind(7, notchText);
    insert_.bind(8, ox).bind(9, oy).bind(10, std::int64_t{yUp.value_or(true)});
    insert_.bind(11, bins.empty() ? std::string("1") : bins).bind(12, batch_.id());
    insert_.bind(13, offsetX.value_or(0)).bind(14, offsetY.value_or(0)).run();
    batch_.rowStored();
  }

 private:
  store::Statement insert_;
};

}  // namespace

std::unique_ptr<RowImporter> makeRowImporter(ImportKind kind, ImportBatch& batch, const ColumnMapping& mapping,
                                             const std::vector<std::string>& header, const FieldFormat& format,
                                             const wafer::DieNumbering& dieNumbering) {
  switch (kind) {
    case ImportKind::Measurements: break;  // measurements go through the two-thread pipeline
    case ImportKind::Dies:
      return std::make_unique<DieRows>(batch, mapping, header, format, dieNumbering);
    case ImportKind::Defects:
      return std::make_unique<DefectRows>(batch, mapping, header, format);
    case ImportKind::Specs:
      return std::make_unique<SpecRows>(batch, mapping, header, format);
    case ImportKind::History:
      return std::make_unique<HistoryRows>(batch, mapping, header, format);
    case ImportKind::Products:
      return std::make_unique<ProductRows>(batch, mapping, header, format);
  }
  return nullptr;
}

}  // namespace fab::io

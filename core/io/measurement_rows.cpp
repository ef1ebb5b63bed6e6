// Measurement rows: long files (one row per value: lot, wafer, site,
// parameter, value…) and wide files (one column per parameter), stored one
// value per row. Missing values (empty, N/A…) are kept as NULL.
#include <unordered_map>

#include "core/io/field_parse.h"
#include "core/io/row_base.h"

namespace fab::io {
namespace {

class MeasurementRows final : public RowBase {
 public:
  MeasurementRows(ImportBatch& batch, const ColumnMapping& mapping, const std::vector<std::string>& header)
      : RowBase(batch, mapping, header),
        parameters_(batch.db(), "parameter"),
        sites_(batch.db(), "site"),
        tools_(batch.db(), "tool"),
        insert_(batch.db().prepare(
            "INSERT OR IGNORE INTO measurement(parameter_id, lot_id, wafer, site_id, time, x, y, value, tool_id, batch_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")),
        setUnit_(batch.db().prepare("UPDATE parameter SET unit = ? WHERE id = ? AND unit IS NULL")),
        getUnit_(batch.db().prepare("SELECT coalesce(unit, '') FROM parameter WHERE id = ?")) {
    if (mapping.wide()) {
      for (std::size_t i = 0; i < mapping.parameterColumns.size(); ++i) {
        const auto id = parameters_.idOf(mapping.parameterNames[i]);
        wideIds_.push_back(id);
        if (!checkUnit(id, mapping.parameterUnits[i]).empty())
          batch.note("parameter '" + mapping.parameterNames[i] + "' keeps its unit '" + units_[id] +
                     "'; the header says '" + mapping.parameterUnits[i] + "'");
      }
    }
  }

  void importRow(const CsvRecord& r) override {
    if (!checkShape(r)) return;
    std::string_view lotName, product, site, tool, chamber;
    std::optional<std::int64_t> time;
    std::optional<double> x, y;
    if (!text(r, Role::Lot, lotName, true) || !timestamp(r, Role::Time, time) || !number(r, Role::X, x) ||
        !number(r, Role::Y, y))
      return;
    text(r, Role::Product, product, false);
    text(r, Role::Site, site, false);
    text(r, Role::Tool, tool, false);
    text(r, Role::Chamber, chamber, false);

    if (!batch_.storing()) {  // validate only: the batch will be rolled back
      int slot;
      if (!checkWafer(r, slot)) return;
      if (!mapping_.wide()) {
        checkLongValue(r);
        return;
      }
      for (const auto c : mapping_.parameterColumns) {
        if (!isMissing(r.fields[c]) && !parseNumber(r.fields[c])) {
          reject(r, c, "expected a number, found '" + std::string(r.fields[c]) + "'");
          return;
        }
      }
      return;
    }
    const std::int64_t lot = lotId(lotName, product);
    int slot;
    if (!waferSlot(r, lot, slot)) return;
    insert_.bind(2, lot).bind(3, static_cast<std::int64_t>(slot));
    insert_.bind(4, site.empty() ? std::int64_t{0} : sites_.idOf(site));
    insert_.bind(5, time.value_or(0));
    insert_.bind(6, x).bind(7, y);
    if (tool.empty() && chamber.empty()) {
      insert_.bindNull(9);
    } else {
      toolName_.assign(tool);
      if (!chamber.empty()) toolName_.append("/").append(chamber);
      insert_.bind(9, tools_.idOf(toolName_));
    }
    insert_.bind(10, batch_.id());

    if (mapping_.wide()) {
      // The whole row is checked first so that a bad cell rejects the row, not part of it.
      values_.resize(mapping_.parameterColumns.size());
      for (std::size_t i = 0; i < values_.size(); ++i) {
        const auto c = mapping_.parameterColumns[i];
        values_[i].reset();
        if (isMissing(r.fields[c])) continue;
        values_[i] = parseNumber(r.fields[c]);
        if (!values_[i]) {
          reject(r, c, "expected a number, found '" + std::string(r.fields[c]) + "'");
          return;
        }
      }
      for (std::size_t i = 0; i < values_.size(); ++i) store(wideIds_[i], values_[i]);
      return;
    }
    std::string_view parameter, unit;
    if (!text(r, Role::Parameter, parameter, true)) return;
    text(r, Role::Unit, unit, false);
    std::optional<double> value;
    if (!number(r, Role::Value, value)) return;
    const auto id = parameters_.idOf(parameter);
    if (const auto conflict = checkUnit(id, unit); !conflict.empty()) {
      reject(r, mapping_.column(Role::Unit), conflict);
      return;
    }
    store(id, value);
  }

 private:
  bool checkWafer(const CsvRecord& r, int& slot) {
    const auto t = trim(field(r, Role::Wafer));
    slot = 0;
    if (t.empty() || parseInteger(t)) return true;
    const char last = t.back();
    if (last >= '0' && last <= '9') return true;
    reject(r, mapping_.column(Role::Wafer), "expected a wafer slot number or a scribe id ending in it, found '" + std::string(t) + "'");
    return false;
  }

  void checkLongValue(const CsvRecord& r) {
    std::string_view parameter;
    std::optional<double> value;
    if (text(r, Role::Parameter, parameter, true)) number(r, Role::Value, value);
  }

  /// Records the parameter's unit on first sight; returns a message when a
  /// later row names another unit for the same parameter.
  std::string checkUnit(std::int64_t id, std::string_view unit) {
    auto it = units_.find(id);
    if (it == units_.end()) {
      getUnit_.bind(1, id);
      std::string known = getUnit_.step() ? getUnit_.text(0) : "";
      getUnit_.reset();
      it = units_.emplace(id, known).first;
    }
    if (unit.empty()) return {};
    if (it->second.empty()) {
      it->second = std::string(unit);
      setUnit_.bind(1, unit).bind(2, id).run();
      return {};
    }
    if (it->second == unit) return {};
    return "unit '" + std::string(unit) + "' differs from the unit '" + it->second + "' this parameter already has";
  }

  void store(std::int64_t parameter, std::optional<double> value) {
    insert_.bind(1, parameter).bind(8, value);
    insert_.step();
    insert_.reset();
    if (batch_.db().changes() == 0) {
      batch_.rowDuplicate();
      return;
    }
    batch_.rowStored();
    if (!value) batch_.rowMissingValue();
  }

  store::NameIds parameters_, sites_, tools_;
  store::Statement insert_, setUnit_, getUnit_;
  std::vector<std::int64_t> wideIds_;
  std::vector<std::optional<double>> values_;
  std::unordered_map<std::int64_t, std::string> units_;
  std::string toolName_;
};

}  // namespace

std::unique_ptr<RowImporter> makeMeasurementRows(ImportBatch& batch, const ColumnMapping& mapping,
                                                 const std::vector<std::string>& header) {
  return std::make_unique<MeasurementRows>(batch, mapping, header);
}

}  // namespace fab::io

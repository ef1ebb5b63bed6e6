// Long files (one row per value: lot, wafer, site, parameter, value…) and wide
// files (one column per parameter) become one MeasurementRow per value.
// Missing values (empty, N/A…) are kept as NaN and stored as NULL.
#include "core/io/measurement_parser.h"

#include "core/io/field_parse.h"

namespace fab::io {
namespace {
constexpr double kNone = MeasurementRow::kNone;
}  // namespace

MeasurementParser::MeasurementParser(const ColumnMapping& mapping, const std::vector<std::string>& header,
                                     const FieldFormat& format, bool skipBadRows,
                                     std::unordered_map<std::string, std::string> knownUnits)
    : RowChecks(mapping, header, format,
                [this](ImportProblem p) {
                  ++rejected_;
                  chunk_->problems.push_back(std::move(p));
                }),
      skipBadRows_(skipBadRows),
      knownUnits_(std::move(knownUnits)) {
  for (const auto& name : mapping.parameterNames) wideIds_.push_back(parameters_.idOf(name, pendingParameters_));
  wideValues_.resize(wideIds_.size());
}

void MeasurementParser::parse(const CsvRecord& r, MeasurementChunk& chunk) {
  chunk_ = &chunk;
  ++chunk.records;
  if (!pendingParameters_.empty()) {
    chunk.newParameters.insert(chunk.newParameters.end(), pendingParameters_.begin(), pendingParameters_.end());
    pendingParameters_.clear();
  }
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
  if (!storing()) return checkOnly(r);

  MeasurementRow row;
  row.lot = lots_.idOf(lotName, chunk.newLots);
  if (!product.empty()) {
    if (lotHasProduct_.size() <= row.lot) lotHasProduct_.resize(row.lot + 1);
    if (!lotHasProduct_[row.lot]) {
      lotHasProduct_[row.lot] = true;
      chunk.lotProducts.push_back({row.lot, std::string(product)});
    }
  }
  std::optional<int> slot;
  std::string_view scribe;
  if (!waferSlot(r, slot, scribe)) return;
  if (slot) noteWafer(row.lot, *slot, scribe);
  row.wafer = slot.value_or(0);
  row.site = site.empty() ? 0 : sites_.idOf(site, chunk.newSites) + 1;
  row.time = time.value_or(0);
  row.x = x.value_or(kNone);
  row.y = y.value_or(kNone);
  if (tool.empty() && chamber.empty()) {
    row.tool = 0;
  } else {
    toolName_.assign(tool);
    if (!chamber.empty()) toolName_.append("/").append(chamber);
    row.tool = tools_.idOf(toolName_, chunk.newTools) + 1;
  }
  if (mapping_.wide()) return parseWideValues(r, row);

  std::string_view parameter, unit;
  if (!text(r, Role::Parameter, parameter, true)) return;
  text(r, Role::Unit, unit, false);
  std::optional<double> value;
  if (!number(r, Role::Value, value)) return;
  row.parameter = parameters_.idOf(parameter, chunk.newParameters);
  if (!checkUnit(r, row.parameter, parameter, unit)) return;
  row.value = value.value_or(kNone);
  chunk.rows.push_back(row);
}

void MeasurementParser::parseWideValues(const CsvRecord& r, const MeasurementRow& row) {
  // The whole row is checked first so that a bad cell rejects the row, not part of it.
  for (std::size_t i = 0; i < wideIds_.size(); ++i) {
    const auto c = mapping_.parameterColumns[i];
    wideValues_[i] = kNone;
    if (isMissing(r.fields[c])) continue;
    const auto v = parseNumberField(r.fields[c]);
    if (!v) return reject(r, c, numberProblem(r.fields[c]));
    wideValues_[i] = *v;
  }
  MeasurementRow value = row;
  for (std::size_t i = 0; i < wideIds_.size(); ++i) {
    value.parameter = wideIds_[i];
    value.value = wideValues_[i];
    chunk_->rows.push_back(value);
  }
}

void MeasurementParser::checkOnly(const CsvRecord& r) {
  // After a rejection in all-or-nothing mode nothing will be stored: the rest
  // of the row is checked without interning names.
  const auto t = trim(field(r, Role::Wafer));
  if (!t.empty() && !parseInteger(t) && !(t.back() >= '0' && t.back() <= '9'))
    return reject(r, column(Role::Wafer),
                  "expected a wafer slot number or a scribe id ending in it, found '" + std::string(t) + "'");
  if (!mapping_.wide()) {
    std::string_view parameter;
    std::optional<double> value;
    if (text(r, Role::Parameter, parameter, true)) number(r, Role::Value, value);
    return;
  }
  for (const auto c : mapping_.parameterColumns)
    if (!isMissing(r.fields[c]) && !parseNumberField(r.fields[c])) return reject(r, c, numberProblem(r.fields[c]));
}

void MeasurementParser::noteWafer(std::uint32_t lot, int slot, std::string_view scribe) {
  const std::uint64_t key = std::uint64_t{lot} << 32 | static_cast<std::uint32_t>(slot);
  if (key == lastWafer_) return;
  lastWafer_ = key;
  if (wafersSeen_.insert(key).second) chunk_->newWafers.push_back({lot, slot, std::string(scribe)});
}

bool MeasurementParser::checkUnit(const CsvRecord& r, std::uint32_t parameter, std::string_view name,
                                  std::string_view unit) {
  if (units_.size() <= parameter) {
    // First sight of the parameter: the unit the workspace already has, if any.
    units_.resize(parameter + 1);
    if (auto it = knownUnits_.find(std::string(name)); it != knownUnits_.end()) units_[parameter] = it->second;
  }
  auto& known = units_[parameter];
  if (unit.empty() || known == unit) return true;
  if (known.empty()) {
    known = std::string(unit);
    chunk_->parameterUnits.push_back({parameter, known});
    return true;
  }
  reject(r, column(Role::Unit),
         "unit '" + std::string(unit) + "' differs from the unit '" + known + "' this parameter already has");
  return false;
}

}  // namespace fab::io

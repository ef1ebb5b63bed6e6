#include "core/io/row_base.h"

#include <cctype>

#include "core/io/field_parse.h"

namespace fab::io {

RowBase::RowBase(ImportBatch& batch, const ColumnMapping& mapping, const std::vector<std::string>& header)
    : batch_(batch),
      mapping_(mapping),
      header_(header),
      lots_(batch.db(), "lot"),
      setProduct_(batch.db().prepare("UPDATE lot SET product = ? WHERE id = ? AND product IS NULL")),
      insertWafer_(batch.db().prepare("INSERT OR IGNORE INTO wafer(lot_id, slot, scribe) VALUES (?, ?, ?)")) {}

std::string_view RowBase::field(const CsvRecord& r, Role role) const {
  const auto c = mapping_.column(role);
  return c && *c < r.fields.size() ? r.fields[*c] : std::string_view();
}

void RowBase::reject(const CsvRecord& r, std::optional<std::size_t> column, std::string message) {
  ImportProblem p;
  p.line = r.line;
  if (column) {
    p.column = *column < r.fieldColumns.size() ? r.fieldColumns[*column] : 0;
    p.columnName = *column < header_.size() ? header_[*column] : "";
  }
  p.message = std::move(message);
  p.rawText = std::string(r.raw);
  batch_.reject(std::move(p));
}

bool RowBase::checkShape(const CsvRecord& r) {
  if (r.fields.size() == header_.size()) return true;
  reject(r, std::nullopt,
         "expected " + std::to_string(header_.size()) + " fields as in the header, found " + std::to_string(r.fields.size()));
  return false;
}

bool RowBase::text(const CsvRecord& r, Role role, std::string_view& out, bool required) {
  out = trim(field(r, role));
  if (out.empty() && required) {
    reject(r, mapping_.column(role), "expected a " + std::string(roleName(role)) + ", found an empty field");
    return false;
  }
  return true;
}

bool RowBase::number(const CsvRecord& r, Role role, std::optional<double>& out, bool required) {
  out.reset();
  const auto t = field(r, role);
  if (isMissing(t)) {
    if (!required) return true;
    reject(r, mapping_.column(role), "expected a number, found " + (trim(t).empty() ? std::string("an empty field") : "'" + std::string(t) + "'"));
    return false;
  }
  out = parseNumber(t);
  if (out) return true;
  reject(r, mapping_.column(role), "expected a number, found '" + std::string(t) + "'");
  return false;
}

bool RowBase::integer(const CsvRecord& r, Role role, std::optional<std::int64_t>& out, bool required) {
  out.reset();
  const auto t = field(r, role);
  if (trim(t).empty()) {
    if (!required) return true;
    reject(r, mapping_.column(role), "expected a whole number, found an empty field");
    return false;
  }
  out = parseInteger(t);
  if (out) return true;
  reject(r, mapping_.column(role), "expected a whole number, found '" + std::string(t) + "'");
  return false;
}

bool RowBase::timestamp(const CsvRecord& r, Role role, std::optional<std::int64_t>& out, bool required) {
  out.reset();
  const auto t = field(r, role);
  if (trim(t).empty()) {
    if (!required) return true;
    reject(r, mapping_.column(role), "expected a time, found an empty field");
    return false;
  }
  out = parseTimestamp(t);
  if (out) return true;
  reject(r, mapping_.column(role),
         "expected a time like 2026-03-01T08:15:30+01:00 or 2026-03-01 08:15:30, found '" + std::string(t) + "'");
  return false;
}

bool RowBase::passFlag(const CsvRecord& r, Role role, std::optional<bool>& out) {
  out.reset();
  auto t = trim(field(r, role));
  if (t.empty()) return true;
  std::string lower;
  for (char c : t) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "1" || lower == "true" || lower == "pass" || lower == "p" || lower == "yes" || lower == "good") out = true;
  else if (lower == "0" || lower == "false" || lower == "fail" || lower == "f" || lower == "no" || lower == "bad") out = false;
  if (out) return true;
  reject(r, mapping_.column(role), "expected pass or fail (1/0, true/false, P/F), found '" + std::string(t) + "'");
  return false;
}

std::int64_t RowBase::lotId(std::string_view lot, std::string_view product) {
  const auto id = lots_.idOf(lot);
  if (!product.empty() && !lotsWithProduct_.count(id)) {
    lotsWithProduct_.insert(id);
    setProduct_.bind(1, product).bind(2, id).run();
  }
  return id;
}

bool RowBase::waferSlot(const CsvRecord& r, std::int64_t lot, int& slot) {
  slot = 0;
  const auto t = trim(field(r, Role::Wafer));
  if (t.empty()) return true;
  std::string_view scribe;
  if (auto v = parseInteger(t)) {
    slot = static_cast<int>(*v);
  } else {
    std::size_t digits = t.size();
    while (digits > 0 && t[digits - 1] >= '0' && t[digits - 1] <= '9') --digits;
    const auto tail = t.substr(digits);
    if (tail.empty() || tail.size() > 4) {
      reject(r, mapping_.column(Role::Wafer), "expected a wafer slot number or a scribe id ending in it, found '" + std::string(t) + "'");
      return false;
    }
    slot = static_cast<int>(*parseInteger(tail));
    scribe = t;
  }
  if (slot < 0 || slot > 999) {
    reject(r, mapping_.column(Role::Wafer), "wafer slot " + std::to_string(slot) + " is out of range (0-999)");
    return false;
  }
  if (!wafersSeen_.count({lot, slot})) {  // count() first: emplace would allocate a node for every row
    wafersSeen_.insert({lot, slot});
    insertWafer_.bind(1, lot).bind(2, slot);
    if (scribe.empty()) insertWafer_.bindNull(3); else insertWafer_.bind(3, scribe);
    insertWafer_.run();
  }
  return true;
}

}  // namespace fab::io

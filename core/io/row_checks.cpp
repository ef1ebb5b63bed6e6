#include "core/io/row_checks.h"

#include <cctype>

#include "core/io/field_parse.h"
#include "core/io/pass_fail.h"

namespace fab::io {

RowChecks::RowChecks(const ColumnMapping& mapping, const std::vector<std::string>& header, const FieldFormat& format,
                     Sink sink)
    : mapping_(mapping), header_(header), format_(format), sink_(std::move(sink)) {
  columnOf_.fill(-1);
  for (const auto& [role, c] : mapping.columns) columnOf_[static_cast<std::size_t>(role)] = static_cast<int>(c);
}

void RowChecks::reject(const CsvRecord& r, std::optional<std::size_t> column, std::string message) {
  ImportProblem p;
  p.line = r.line;
  if (column) {
    p.column = *column < r.fieldColumns.size() ? r.fieldColumns[*column] : 0;
    p.columnName = *column < header_.size() ? header_[*column] : "";
  }
  p.message = std::move(message);
  p.rawText = std::string(r.raw);
  sink_(std::move(p));
}

bool RowChecks::checkShape(const CsvRecord& r) {
  if (r.fields.size() == header_.size()) return true;
  reject(r, std::nullopt,
         "expected " + std::to_string(header_.size()) + " fields as in the header, found " +
             std::to_string(r.fields.size()));
  return false;
}

bool RowChecks::text(const CsvRecord& r, Role role, std::string_view& out, bool required) {
  out = trim(field(r, role));
  if (out.empty() && required) {
    reject(r, column(role), "expected a " + std::string(roleName(role)) + ", found an empty field");
    return false;
  }
  return true;
}

bool RowChecks::number(const CsvRecord& r, Role role, std::optional<double>& out, bool required) {
  out.reset();
  const auto t = field(r, role);
  if (isMissing(t)) {
    if (!required) return true;
    reject(
        r, column(role),
        "expected a number, found " + (trim(t).empty() ? std::string("an empty field") : "'" + std::string(t) + "'"));
    return false;
  }
  out = parseNumberField(t);
  if (out) return true;
  reject(r, column(role), numberProblem(t));
  return false;
}

std::string RowChecks::numberProblem(std::string_view t) const {
  std::string message = "expected a number";
  if (!format_.numbers.plain())
    message += format_.numbers.decimalMark == ',' ? " with a decimal comma" : " with a decimal point";
  if (format_.numbers.thousands) message += " and thousands separator " + thousandsName(format_.numbers.thousands);
  message += ", found '" + std::string(t) + "'";
  if (const auto hint = thousandsHint(t, format_.numbers); !hint.empty()) return message + "; " + hint;
  const NumberFormat otherMark{format_.numbers.decimalMark == '.' ? ',' : '.', 0};
  if (parseNumber(t, otherMark))
    message += otherMark.decimalMark == ',' ? "; it reads as a number with a decimal comma (--decimal-comma)"
                                            : "; it reads as a number with a decimal point (--decimal-point)";
  return message;
}

bool RowChecks::integer(const CsvRecord& r, Role role, std::optional<std::int64_t>& out, bool required) {
  out.reset();
  const auto t = field(r, role);
  if (trim(t).empty()) {
    if (!required) return true;
    reject(r, column(role), "expected a whole number, found an empty field");
    return false;
  }
  out = parseInteger(t);
  if (out) return true;
  reject(r, column(role), "expected a whole number, found '" + std::string(t) + "'");
  return false;
}

bool RowChecks::timestamp(const CsvRecord& r, Role role, std::optional<std::int64_t>& out, bool required) {
  out.reset();
  const auto t = field(r, role);
  if (trim(t).empty()) {
    if (!required) return true;
    reject(r, column(role), "expected a time, found an empty field");
    return false;
  }
  out = parseTimestamp(t, format_.dates);
  if (out) return true;
  std::string expected = "expected a time like 2026-03-01T08:15:30+01:00 or 2026-03-01 08:15:30";
  if (format_.dates == DateOrder::DayMonthYear) expected += " or 01.03.2026 08:15";
  if (format_.dates == DateOrder::MonthDayYear) expected += " or 03/01/2026 08:15";
  expected += " (dates: " + format_.dateDescription() + ")";
  if (format_.dateSource != FormatSource::Declared) expected += "; --date-format dmy, mdy or iso declares the order";
  reject(r, column(role), expected + ", found '" + std::string(t) + "'");
  return false;
}

bool RowChecks::passFlag(const CsvRecord& r, Role role, std::optional<bool>& out) {
  out.reset();
  auto t = trim(field(r, role));
  if (t.empty()) return true;
  out = parsePassFail(t);
  if (out) return true;
  reject(r, column(role), "expected pass or fail (1/0, true/false, P/F), found '" + std::string(t) + "'");
  return false;
}

bool RowChecks::waferSlot(const CsvRecord& r, std::optional<int>& slot, std::string_view& scribe) {
  slot.reset();
  scribe = {};
  const auto t = trim(field(r, Role::Wafer));
  if (t.empty()) return true;
  int value;
  if (auto v = parseInteger(t)) {
    value = static_cast<int>(*v);
  } else {
    std::size_t digits = t.size();
    while (digits > 0 && t[digits - 1] >= '0' && t[digits - 1] <= '9') --digits;
    const auto tail = t.substr(digits);
    if (tail.empty() || tail.size() > 4) {
      reject(r, column(Role::Wafer),
             "expected a wafer slot number or a scribe id ending in it, found '" + std::string(t) + "'");
      return false;
    }
    value = static_cast<int>(*parseInteger(tail));
    scribe = t;
  }
  if (value < 0 || value > 999) {
    reject(r, column(Role::Wafer), "wafer slot " + std::to_string(value) + " is out of range (0-999)");
    return false;
  }
  slot = value;
  return true;
}

}  // namespace fab::io

#include "core/io/field_format_sniff.h"

#include <vector>

#include "core/common/error.h"
#include "core/io/csv_reader.h"

namespace fab::io {
namespace {

bool readsNumbers(Role role) {
  switch (role) {
    case Role::X:
    case Role::Y:
    case Role::Value:
    case Role::Size:
    case Role::Lsl:
    case Role::Target:
    case Role::Usl:
    case Role::DieWidth:
    case Role::DieHeight:
    case Role::WaferDiameter:
    case Role::EdgeExclusion:
    case Role::Scribe:
    case Role::GridOffsetX:
    case Role::GridOffsetY:
      return true;
    default:
      return false;
  }
}

bool readsTimes(Role role) {
  return role == Role::Time || role == Role::TrackIn || role == Role::TrackOut || role == Role::EffectiveFrom;
}

/// The first field seen that supports a decision, for the message when two decisions clash.
struct Witness {
  std::int64_t line = 0;
  std::uint32_t column = 0;
  std::string columnName, text;
  explicit operator bool() const { return line != 0; }
  std::string describe(const std::string& path) const {
    return path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": column '" + columnName + "' has '" +
           text + "'";
  }
};

bool digitsOnly(std::string_view t) {
  if (t.empty()) return false;
  for (char c : t)
    if (c < '0' || c > '9') return false;
  return true;
}

/// Which decimal mark a numeric-looking field shows: '.', ',' or 0 (none, or either).
char decimalMarkOf(std::string_view text) {
  auto t = trim(text);
  if (!t.empty() && (t.front() == '+' || t.front() == '-')) t.remove_prefix(1);
  if (const auto e = t.find_first_of("eE"); e != std::string_view::npos) t = t.substr(0, e);
  const auto last = t.find_last_of(".,");
  if (last == std::string_view::npos || !digitsOnly(t.substr(last + 1))) return 0;
  const char mark = t[last];
  const auto head = t.substr(0, last);
  const bool other = head.find(mark == '.' ? ',' : '.') != std::string_view::npos;
  if (other) return mark;  // 1.000,5 or 1,000.5: the last mark is the decimal one
  if (!digitsOnly(head)) return 0;
  // 1.500 or 1,500: three digits after a single mark of a short head could be thousands.
  if (head.size() <= 3 && t.size() - last - 1 == 3) return mark == ',' ? ',' : 0;
  return mark;
}

struct DateVotes {
  Witness iso, dayFirst, monthFirst, ambiguous, dotted;
};

/// Sorts a date field into the votes; ISO and unreadable fields do not vote.
void voteDate(std::string_view text, const Witness& where, DateVotes& votes) {
  auto t = trim(text);
  if (parseTimestamp(t)) {
    if (!votes.iso) votes.iso = where;
    return;
  }
  std::size_t i = 0;
  auto number = [&](int& out) {
    const auto start = i;
    out = 0;
    while (i < t.size() && i - start < 2 && t[i] >= '0' && t[i] <= '9') out = out * 10 + (t[i++] - '0');
    return i > start;
  };
  int first, second;
  if (!number(first) || i >= t.size()) return;
  const char sep = t[i++];
  if ((sep != '.' && sep != '/' && sep != '-') || !number(second) || i >= t.size() || t[i] != sep) return;
  if (sep == '.') {
    if (!votes.dotted) votes.dotted = where;
  } else if (first > 12) {
    if (!votes.dayFirst) votes.dayFirst = where;
  } else if (second > 12) {
    if (!votes.monthFirst) votes.monthFirst = where;
  } else if (!votes.ambiguous) {
    votes.ambiguous = where;
  }
}

}  // namespace

FieldFormat sniffFieldFormat(const std::string& path, char delimiter, const ColumnMapping& mapping,
                             const FieldFormatOptions& declared) {
  declared.validate();
  FieldFormat format;
  format.numbers.thousands = declared.thousands;
  if (declared.decimalMark) {
    format.numbers.decimalMark = *declared.decimalMark;
    format.numberSource = FormatSource::Declared;
  } else if (declared.thousands == '.' || declared.thousands == ',') {
    format.numbers.decimalMark = declared.thousands == '.' ? ',' : '.';
    format.numberSource = FormatSource::Declared;
  }
  if (declared.dates) {
    format.dates = *declared.dates;
    format.dateSource = FormatSource::Declared;
  }
  const bool sniffNumbers = format.numberSource == FormatSource::Default && delimiter != ',';
  const bool sniffDates = format.dateSource == FormatSource::Default;
  std::vector<std::size_t> numberColumns(mapping.parameterColumns), timeColumns;
  for (const auto& [role, column] : mapping.columns) {
    if (readsNumbers(role)) numberColumns.push_back(column);
    if (readsTimes(role)) timeColumns.push_back(column);
  }
  if ((!sniffNumbers || numberColumns.empty()) && (!sniffDates || timeColumns.empty())) return format;

  CsvOptions csv;
  csv.delimiter = delimiter;
  CsvReader reader(path, csv);
  CsvRecord record;
  if (!reader.next(record)) return format;
  const std::vector<std::string> header(record.fields.begin(), record.fields.end());
  Witness point, comma;
  DateVotes dates;
  for (std::size_t n = 0; n < kFormatSampleRecords && reader.next(record); ++n) {
    auto where = [&](std::size_t c) {
      return Witness{record.line, record.fieldColumns[c], c < header.size() ? std::string(trim(header[c])) : "",
                     std::string(record.fields[c])};
    };
    if (sniffNumbers)
      for (auto c : numberColumns) {
        if (c >= record.fields.size() || isMissing(record.fields[c])) continue;
        const char mark = decimalMarkOf(record.fields[c]);
        Witness& vote = mark == '.' ? point : comma;
        if (mark && !vote) vote = where(c);
      }
    if (sniffDates)
      for (auto c : timeColumns)
        if (c < record.fields.size()) voteDate(record.fields[c], where(c), dates);
  }

  // Both marks in the first rows: the point stays, and the rows with the other
  // mark are rejected one by one, each naming the option that reads it.
  if (comma && !point) {
    format.numbers.decimalMark = ',';
    format.numberSource = FormatSource::Detected;
  } else if (point && !comma) {
    format.numberSource = FormatSource::Detected;
  }

  if (dates.dayFirst && dates.monthFirst)
    throw Error(dates.dayFirst.describe(path) + ", a day-first date, but " + dates.monthFirst.describe(path) +
                ", a month-first one; declare the order with --date-format dmy or mdy");
  if (dates.dayFirst || (dates.dotted && !dates.monthFirst && !dates.ambiguous)) {
    format.dates = DateOrder::DayMonthYear;
    format.dateSource = FormatSource::Detected;
  } else if (dates.monthFirst) {
    format.dates = DateOrder::MonthDayYear;
    format.dateSource = FormatSource::Detected;
  } else if (dates.ambiguous && (dates.dotted || !dates.iso)) {
    // (Among ISO dates an ambiguous one is a bad row, rejected with the option that reads it.)
    throw Error(dates.ambiguous.describe(path) +
                ": its dates could be day/month or month/day (no day above 12 in the "
                "first " +
                std::to_string(kFormatSampleRecords) + " rows); declare the order with --date-format dmy or mdy");
  }
  return format;
}

}  // namespace fab::io

#pragma once
// Typed parsing of CSV fields with std::from_chars: numbers, integers,
// missing-value tokens and timestamps.
#include <cstdint>
#include <optional>
#include <string_view>

namespace fab::io {

/// Trims ASCII spaces and tabs. Inline: an import trims every field it reads.
inline std::string_view trim(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  return t;
}

/// True for the tokens a fab export uses for "no value": empty, NA, N/A,
/// NaN, null, none, '-' (case-insensitive, after trimming).
bool isMissing(std::string_view text);

/// Parses a finite decimal number (leading '+' allowed, surrounding spaces
/// ignored). nullopt when the text is not a number or is Inf/NaN.
std::optional<double> parseNumber(std::string_view text);

/// How an export writes its numbers: the decimal mark ('.' or ',') and the
/// thousands separator (0 none; '.', ',', '\'' or ' ', where ' ' also stands
/// for the no-break space U+00A0 and the narrow no-break space U+202F).
struct NumberFormat {
  char decimalMark = '.';
  char thousands = 0;
  bool plain() const { return decimalMark == '.' && thousands == 0; }
};

/// Parses a finite number written in `format`. The plain format takes the
/// `std::from_chars` path above unchanged; otherwise the decimal mark becomes
/// '.' and thousands separators are dropped, each group after the first
/// holding exactly three digits ("1.000.000,5"; "1.00,5" is not a number).
std::optional<double> parseNumber(std::string_view text, NumberFormat format);

/// Parses a whole number. nullopt when the text is not an integer.
std::optional<std::int64_t> parseInteger(std::string_view text);

/// Parses an ISO 8601 style timestamp into milliseconds since 1970-01-01 UTC:
/// `YYYY-MM-DD`, then optionally `T` or a space and `hh:mm[:ss[.fff]]`, then
/// optionally `Z` or `±hh[:mm]`. '/' may separate the date. A time without a
/// zone is taken as UTC. nullopt when the text is not such a timestamp.
std::optional<std::int64_t> parseTimestamp(std::string_view text);

/// The end of a time window (`--to`, a report's last day): a bare date
/// (`2026-10-31`) means the last millisecond of that day, so the window holds
/// the whole day; a timestamp means itself. nullopt as parseTimestamp.
std::optional<std::int64_t> parseWindowEnd(std::string_view text);

/// Which of day and month a numeric date writes first.
enum class DateOrder {
  Iso,           ///< only year-first dates (the ISO 8601 form above)
  DayMonthYear,  ///< also dd.mm.yyyy, dd/mm/yyyy, dd-mm-yyyy
  MonthDayYear,  ///< also mm/dd/yyyy, mm-dd-yyyy (a dotted date is still day-first)
};

/// Parses a timestamp in the ISO form (always accepted) or, unless `order` is
/// Iso, a day- or month-first date of one or two digits each and a four-digit
/// year, followed optionally by a space or `T` and `hh:mm[:ss[.fff]]` and a zone
/// as above. A dotted date (01.03.2026) is day-first whatever the order.
std::optional<std::int64_t> parseTimestamp(std::string_view text, DateOrder order);

/// Formats milliseconds since 1970 UTC as `YYYY-MM-DDThh:mm:ssZ` (with
/// `.fff` when the milliseconds are not zero).
std::string formatTimestamp(std::int64_t ms);

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant,
/// "chrono-Compatible Low-Level Date Algorithms", days_from_civil).
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);

}  // namespace fab::io

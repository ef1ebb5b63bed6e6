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

/// Parses a whole number. nullopt when the text is not an integer.
std::optional<std::int64_t> parseInteger(std::string_view text);

/// Parses an ISO 8601 style timestamp into milliseconds since 1970-01-01 UTC:
/// `YYYY-MM-DD`, then optionally `T` or a space and `hh:mm[:ss[.fff]]`, then
/// optionally `Z` or `±hh[:mm]`. '/' may separate the date. A time without a
/// zone is taken as UTC. nullopt when the text is not such a timestamp.
std::optional<std::int64_t> parseTimestamp(std::string_view text);

/// Formats milliseconds since 1970 UTC as `YYYY-MM-DDThh:mm:ssZ` (with
/// `.fff` when the milliseconds are not zero).
std::string formatTimestamp(std::int64_t ms);

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant,
/// "chrono-Compatible Low-Level Date Algorithms", days_from_civil).
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);

}  // namespace fab::io

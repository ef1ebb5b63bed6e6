#include "core/io/field_parse.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

namespace fab::io {

namespace {
bool equalsLower(std::string_view t, std::string_view lower) {
  if (t.size() != lower.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

bool readDigits(std::string_view& t, int count, int& out) {
  if (t.size() < static_cast<std::size_t>(count)) return false;
  out = 0;
  for (int i = 0; i < count; ++i) {
    const char c = t[static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  t.remove_prefix(static_cast<std::size_t>(count));
  return true;
}
}  // namespace

bool isMissing(std::string_view text) {
  const auto t = trim(text);
  return t.empty() || equalsLower(t, "na") || equalsLower(t, "n/a") || equalsLower(t, "nan") ||
         equalsLower(t, "null") || equalsLower(t, "none") || t == "-" || equalsLower(t, "#n/a");
}

std::optional<double> parseNumber(std::string_view text) {
  auto t = trim(text);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  if (t.empty()) return std::nullopt;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::int64_t> parseInteger(std::string_view text) {
  auto t = trim(text);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  if (t.empty()) return std::nullopt;
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || ptr != t.data() + t.size()) return std::nullopt;
  return v;
}

std::int64_t daysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {

/// Up to `maxCount` digits (at least one).
bool readUpToDigits(std::string_view& t, int maxCount, int& out) {
  int n = 0;
  out = 0;
  while (n < maxCount && static_cast<std::size_t>(n) < t.size() && t[static_cast<std::size_t>(n)] >= '0' &&
         t[static_cast<std::size_t>(n)] <= '9')
    out = out * 10 + (t[static_cast<std::size_t>(n++)] - '0');
  t.remove_prefix(static_cast<std::size_t>(n));
  return n > 0;
}

/// The rest of a timestamp after its date: optionally `T` or a space, the time
/// of day and a zone; then the milliseconds since 1970 UTC.
std::optional<std::int64_t> timestampFrom(int year, int month, int day, std::string_view t) {
  int hour = 0, minute = 0, second = 0, millis = 0;
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  std::int64_t offsetMinutes = 0;
  if (!t.empty() && (t[0] == 'T' || t[0] == ' ')) {
    t.remove_prefix(1);
    if (!readDigits(t, 2, hour) || t.empty() || t[0] != ':') return std::nullopt;
    t.remove_prefix(1);
    if (!readDigits(t, 2, minute)) return std::nullopt;
    if (!t.empty() && t[0] == ':') {
      t.remove_prefix(1);
      if (!readDigits(t, 2, second)) return std::nullopt;
      if (!t.empty() && (t[0] == '.' || t[0] == ',')) {
        t.remove_prefix(1);
        int scale = 100;
        while (!t.empty() && t[0] >= '0' && t[0] <= '9') {
          millis += (t[0] - '0') * scale;
          scale /= 10;
          t.remove_prefix(1);
        }
      }
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    t = trim(t);
    if (!t.empty() && (t[0] == 'Z' || t[0] == 'z')) {
      t.remove_prefix(1);
    } else if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
      const int sign = t[0] == '-' ? -1 : 1;
      t.remove_prefix(1);
      int oh = 0, om = 0;
      if (!readDigits(t, 2, oh)) return std::nullopt;
      if (!t.empty() && t[0] == ':') t.remove_prefix(1);
      if (!t.empty() && !readDigits(t, 2, om)) return std::nullopt;
      offsetMinutes = sign * (oh * 60 + om);
    }
  }
  if (!t.empty()) return std::nullopt;
  const std::int64_t seconds = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                               hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  return seconds * 1000 + millis;
}

/// Length in bytes of a thousands separator of `format` at the start of `t`; 0 when none.
std::size_t separatorAt(std::string_view t, char thousands) {
  if (thousands == 0 || t.empty()) return 0;
  if (thousands != ' ') return t[0] == thousands ? 1 : 0;
  if (t[0] == ' ') return 1;
  if (t.substr(0, 2) == "\xC2\xA0") return 2;      // no-break space
  if (t.substr(0, 3) == "\xE2\x80\xAF") return 3;  // narrow no-break space
  return 0;
}

}  // namespace

std::optional<std::int64_t> parseWindowEnd(std::string_view text) {
  const auto t = parseTimestamp(text);
  if (!t) return std::nullopt;
  constexpr std::int64_t kDayMs = 86'400'000;
  return trim(text).size() == 10 ? *t + kDayMs - 1 : *t;  // YYYY-MM-DD alone
}

std::optional<std::int64_t> parseTimestamp(std::string_view text) {
  auto t = trim(text);
  int year, month, day;
  if (!readDigits(t, 4, year) || t.empty() || (t[0] != '-' && t[0] != '/')) return std::nullopt;
  const char dateSep = t[0];
  t.remove_prefix(1);
  if (!readDigits(t, 2, month) || t.empty() || t[0] != dateSep) return std::nullopt;
  t.remove_prefix(1);
  if (!readDigits(t, 2, day)) return std::nullopt;
  return timestampFrom(year, month, day, t);
}

std::optional<std::int64_t> parseTimestamp(std::string_view text, DateOrder order) {
  if (auto iso = parseTimestamp(text); iso || order == DateOrder::Iso) return iso;
  auto t = trim(text);
  int first, second, year;
  if (!readUpToDigits(t, 2, first) || t.empty() || (t[0] != '.' && t[0] != '/' && t[0] != '-')) return std::nullopt;
  const char dateSep = t[0];
  t.remove_prefix(1);
  if (!readUpToDigits(t, 2, second) || t.empty() || t[0] != dateSep) return std::nullopt;
  t.remove_prefix(1);
  if (!readDigits(t, 4, year)) return std::nullopt;
  const bool dayFirst = dateSep == '.' || order == DateOrder::DayMonthYear;
  return dayFirst ? timestampFrom(year, second, first, t) : timestampFrom(year, first, second, t);
}

std::optional<double> parseNumber(std::string_view text, NumberFormat format) {
  if (format.plain()) return parseNumber(text);
  // Rewritten into the plain form, then the same from_chars path.
  auto t = trim(text);
  char plain[128];
  if (format.thousands == 0) {
    // Only the decimal mark to swap: one copy, no per-character state.
    if (t.size() >= sizeof plain || t.find('.') != std::string_view::npos) return std::nullopt;
    std::memcpy(plain, t.data(), t.size());
    if (const auto mark = t.find(format.decimalMark); mark != std::string_view::npos) plain[mark] = '.';
    return parseNumber(std::string_view(plain, t.size()));
  }
  std::size_t n = 0;
  int groupDigits = 0;    // digits since the start or the last thousands separator
  bool grouped = false;   // a thousands separator was seen
  bool inInteger = true;  // before the decimal mark or an exponent
  while (!t.empty()) {
    if (n + 1 >= sizeof plain) return std::nullopt;
    const char c = t[0];
    if (inInteger) {
      if (const auto sep = separatorAt(t, format.thousands)) {
        if (groupDigits == 0 || groupDigits > 3 || (grouped && groupDigits != 3)) return std::nullopt;
        grouped = true;
        groupDigits = 0;
        t.remove_prefix(sep);
        continue;
      }
      if (c >= '0' && c <= '9') {
        ++groupDigits;
      } else if (c == '+' || c == '-') {
        if (n != 0) return std::nullopt;
      } else {
        if (grouped && groupDigits != 3) return std::nullopt;
        inInteger = false;
        if (c == format.decimalMark) {
          plain[n++] = '.';
          t.remove_prefix(1);
          continue;
        }
        if (c == '.' || c == ',') return std::nullopt;  // the other mark: not this format's number
      }
    } else if (c == '.' || c == ',' || separatorAt(t, format.thousands)) {
      return std::nullopt;
    }
    plain[n++] = c;
    t.remove_prefix(1);
  }
  if (inInteger && grouped && groupDigits != 3) return std::nullopt;
  return parseNumber(std::string_view(plain, n));
}

std::string formatTimestamp(std::int64_t ms) {
  // civil_from_days (H. Hinnant).
  std::int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  const int millis = static_cast<int>(ms - secs * 1000);
  std::int64_t z = (secs >= 0 ? secs : secs - 86399) / 86400;
  const auto sod = static_cast<int>(secs - z * 86400);
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const auto y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
  char out[64];
  if (y < 0 || y > 9999) {
    if (millis)
      std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", y, m, d, sod / 3600, sod / 60 % 60, sod % 60, millis);
    else
      std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02dZ", y, m, d, sod / 3600, sod / 60 % 60, sod % 60);
    return out;
  }
  // The same text digit by digit: a chart names each of a million points with it.
  char* p = out;
  const auto digits = [&p](unsigned v, int width) {
    for (int k = width - 1; k >= 0; --k, v /= 10) p[k] = static_cast<char>('0' + v % 10);
    p += width;
  };
  digits(static_cast<unsigned>(y), 4);
  *p++ = '-';
  digits(m, 2);
  *p++ = '-';
  digits(d, 2);
  *p++ = 'T';
  digits(static_cast<unsigned>(sod / 3600), 2);
  *p++ = ':';
  digits(static_cast<unsigned>(sod / 60 % 60), 2);
  *p++ = ':';
  digits(static_cast<unsigned>(sod % 60), 2);
  if (millis) {
    *p++ = '.';
    digits(static_cast<unsigned>(millis), 3);
  }
  *p++ = 'Z';
  return std::string(out, p);
}

}  // namespace fab::io

#pragma once
// How an export writes its numbers and dates: the decimal mark, a thousands
// separator and the order of day and month. Declared by the user or sniffed
// from the file's first records (field_format_sniff.h), decided once per file
// and used by every row check.
#include <optional>
#include <string>
#include <string_view>

#include "core/io/field_parse.h"

namespace fab::io {

std::string_view dateOrderName(DateOrder order);  ///< "iso", "dmy", "mdy"
std::optional<DateOrder> dateOrderFromName(std::string_view name);

/// What the user declared; what is left unset is sniffed from the file.
struct FieldFormatOptions {
  std::optional<char> decimalMark;  ///< '.' or ','
  char thousands = 0;               ///< 0: none allowed; '.', ',', '\'' or ' ' (see NumberFormat)
  std::optional<DateOrder> dates;
  /// Throws fab::Error when the choices contradict (a thousands separator equal
  /// to the decimal mark, an unknown separator).
  void validate() const;
};

/// Where a decision came from, as the import summary states it.
enum class FormatSource { Default, Detected, Declared };

struct FieldFormat {
  NumberFormat numbers;
  DateOrder dates = DateOrder::Iso;
  FormatSource numberSource = FormatSource::Default;
  FormatSource dateSource = FormatSource::Default;

  /// "decimal comma (detected)", "decimal point, thousands ',' (declared)".
  std::string numberDescription() const;
  /// "ISO 8601 (default)", "day first: dd.mm.yyyy hh:mm (detected)".
  std::string dateDescription() const;
};

/// The name of a thousands separator as `--thousands` takes it ("." "," "'" "space").
std::string thousandsName(char thousands);
/// Parses a `--thousands` value: one of . , ' or "space" (also a space, a
/// no-break or a narrow no-break space). nullopt otherwise.
std::optional<char> thousandsFromName(std::string_view name);

/// For a field `format` refuses that reads as a number grouped in thousands
/// ("1.000,5", "1,000.5", "12 500"): what to declare to accept it, e.g.
/// "it looks like a number with thousands separators: declare them with
/// --thousands ." Empty when the field does not look so.
std::string thousandsHint(std::string_view text, const NumberFormat& format);

}  // namespace fab::io

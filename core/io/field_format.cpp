#include "core/io/field_format.h"

#include "core/common/error.h"

namespace fab::io {
namespace {

std::string_view sourceName(FormatSource source) {
  switch (source) {
    case FormatSource::Default:
      return "default";
    case FormatSource::Detected:
      return "detected";
    case FormatSource::Declared:
      return "declared";
  }
  return "";
}

bool containsSeparator(std::string_view text, char thousands) {
  if (thousands != ' ') return text.find(thousands) != std::string_view::npos;
  return text.find(' ') != std::string_view::npos || text.find("\xC2\xA0") != std::string_view::npos ||
         text.find("\xE2\x80\xAF") != std::string_view::npos;
}

}  // namespace

std::string_view dateOrderName(DateOrder order) {
  switch (order) {
    case DateOrder::Iso:
      return "iso";
    case DateOrder::DayMonthYear:
      return "dmy";
    case DateOrder::MonthDayYear:
      return "mdy";
  }
  return "";
}

std::optional<DateOrder> dateOrderFromName(std::string_view name) {
  for (auto order : {DateOrder::Iso, DateOrder::DayMonthYear, DateOrder::MonthDayYear})
    if (dateOrderName(order) == name) return order;
  return std::nullopt;
}

void FieldFormatOptions::validate() const {
  if (thousands != 0 && thousands != '.' && thousands != ',' && thousands != '\'' && thousands != ' ')
    throw Error("the thousands separator must be . , ' or a space, not '" + std::string(1, thousands) + "'");
  if (decimalMark && *decimalMark != '.' && *decimalMark != ',')
    throw Error("the decimal mark must be . or , not '" + std::string(1, *decimalMark) + "'");
  if (decimalMark && thousands == *decimalMark)
    throw Error("the thousands separator '" + std::string(1, thousands) + "' cannot also be the decimal mark");
}

std::string FieldFormat::numberDescription() const {
  std::string text = numbers.decimalMark == ',' ? "decimal comma" : "decimal point";
  if (numbers.thousands) text += ", thousands " + thousandsName(numbers.thousands);
  return text + " (" + std::string(sourceName(numberSource)) + ")";
}

std::string FieldFormat::dateDescription() const {
  std::string text;
  switch (dates) {
    case DateOrder::Iso:
      text = "ISO 8601 yyyy-mm-dd hh:mm:ss";
      break;
    case DateOrder::DayMonthYear:
      text = "day first: dd.mm.yyyy or dd/mm/yyyy hh:mm[:ss]";
      break;
    case DateOrder::MonthDayYear:
      text = "month first: mm/dd/yyyy hh:mm[:ss]";
      break;
  }
  return text + " (" + std::string(sourceName(dateSource)) + ")";
}

std::string thousandsName(char thousands) {
  if (thousands == ' ') return "space";
  return std::string(1, thousands);
}

std::optional<char> thousandsFromName(std::string_view name) {
  if (name == "." || name == "," || name == "'") return name[0];
  if (name == "space" || name == " " || name == "\xC2\xA0" || name == "\xE2\x80\xAF") return ' ';
  return std::nullopt;
}

std::string thousandsHint(std::string_view text, const NumberFormat& format) {
  const char otherMark = format.decimalMark == '.' ? ',' : '.';
  for (char decimal : {format.decimalMark, otherMark})
    for (char thousands : {'.', ',', '\'', ' '}) {
      if (thousands == decimal || !containsSeparator(trim(text), thousands)) continue;
      if (!parseNumber(text, NumberFormat{decimal, thousands})) continue;
      std::string hint =
          "it looks like a number with thousands separators: declare them with --thousands " + thousandsName(thousands);
      if (decimal != format.decimalMark) hint += decimal == ',' ? " --decimal-comma" : " --decimal-point";
      return hint;
    }
  return {};
}

}  // namespace fab::io

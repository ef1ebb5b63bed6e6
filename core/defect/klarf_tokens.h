#pragma once
// Splitting KLARF 1.2 text into records (keyword, values, ';') with the line
// of every value, for the reader.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fab::defect {

struct KlarfToken {
  std::string_view text;  ///< without the quotes of a quoted string
  bool quoted = false;
  std::int64_t line = 0;
};

struct KlarfRecord {
  std::string_view keyword;
  std::vector<KlarfToken> values;
  std::int64_t line = 0;   ///< line of the keyword
  bool terminated = true;  ///< false for a record cut off by the end of the text
};

/// The records of the text in order. A record still open at the end of the
/// text is returned with terminated = false; an unterminated quote throws
/// fab::Error with its line.
std::vector<KlarfRecord> splitKlarfRecords(std::string_view text, const std::string& source);

}  // namespace fab::defect

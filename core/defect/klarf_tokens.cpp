#include "core/defect/klarf_tokens.h"

#include "core/common/error.h"

namespace fab::defect {

std::vector<KlarfRecord> splitKlarfRecords(std::string_view text, const std::string& source) {
  std::vector<KlarfRecord> records;
  KlarfRecord current;
  bool open = false;
  std::int64_t line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto add = [&](std::string_view t, bool quoted, std::int64_t at) {
    if (!open) {
      current = KlarfRecord{};
      current.keyword = t;
      current.line = at;
      open = true;
      if (quoted) current.values.push_back({t, true, at});  // a record cannot start with a string; kept for the error
    } else {
      current.values.push_back({t, quoted, at});
    }
  };
  while (i < n) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
    } else if (c == ';') {
      if (open) {
        records.push_back(std::move(current));
        open = false;
      }
      ++i;
    } else if (c == '"') {
      const std::size_t close = text.find('"', i + 1);
      if (close == std::string_view::npos)
        throw Error(source + ":" + std::to_string(line) + ": a quoted string is not closed (file truncated?)");
      const std::string_view s = text.substr(i + 1, close - i - 1);
      add(s, true, line);
      for (char q : s) line += q == '\n';
      i = close + 1;
    } else {
      std::size_t j = i;
      while (j < n && text[j] != ';' && text[j] != '"' && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' &&
             text[j] != '\r' && text[j] != '\f' && text[j] != '\v')
        ++j;
      add(text.substr(i, j - i), false, line);
      i = j;
    }
  }
  if (open) {
    current.terminated = false;
    records.push_back(std::move(current));
  }
  return records;
}

}  // namespace fab::defect

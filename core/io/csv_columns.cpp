#include "core/io/csv_columns.h"

#include <algorithm>
#include <limits>

#include "core/common/error.h"
#include "core/io/csv_reader.h"
#include "core/io/csv_table.h"
#include "core/io/field_parse.h"

namespace fab::io {

std::optional<double> parseTimeAsDays(std::string_view text) {
  if (auto v = parseNumber(text)) return v;
  if (auto ms = parseTimestamp(text)) return static_cast<double>(*ms) / 86400000.0;
  return std::nullopt;
}

CsvColumns CsvColumns::read(const std::string& path, const std::vector<ColumnRequest>& columns) {
  CsvColumns out;
  out.path_ = path;
  CsvReader reader(path);
  CsvRecord record;
  if (!reader.next(record)) throw Error(path + ": the file has no header line");
  std::vector<std::string> header;
  for (auto f : record.fields) header.emplace_back(trim(f));
  std::vector<std::size_t> index;
  for (const auto& c : columns) {
    index.push_back(findColumn(header, c.name, path));
    out.names_.push_back(header[index.back()]);
  }
  out.values_.resize(columns.size());
  // After the first rows, room for the rows the file's size promises at their length (and a tenth
  // more), so a long file's arrays are not regrown by copying.
  constexpr std::size_t kSampleRows = 4096;
  const std::uint64_t headerBytes = reader.bytesRead();
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::int64_t previousLine = out.headerLine_ = record.line;
  while (reader.next(record)) {
    if (record.fields.size() != header.size())
      throw Error(path + ":" + std::to_string(record.line) + ": expected " + std::to_string(header.size()) +
                  " fields as in the header, found " + std::to_string(record.fields.size()));
    if (record.line != previousLine + 1) out.lineBreaks_.emplace_back(out.rows_, record.line);
    previousLine = record.line;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto text = record.fields[index[c]];
      auto v = columns[c].type == ColumnType::Time ? parseTimeAsDays(text) : parseNumber(text);
      if (!v) {
        if (!isMissing(text))
          throw Error(path + ":" + std::to_string(record.line) + ": column '" + out.names_[c] + "': expected " +
                      (columns[c].type == ColumnType::Time ? "a number or a date/time" : "a number") + ", found '" +
                      std::string(text) + "'");
        v = kNaN;
      }
      out.values_[c].push_back(*v);
    }
    if (++out.rows_ == kSampleRows) {
      const double bytesPerRow = static_cast<double>(reader.bytesRead() - headerBytes) / kSampleRows;
      const auto expected = static_cast<double>(reader.fileSize() - headerBytes) / std::max(bytesPerRow, 1.0);
      for (auto& v : out.values_) v.reserve(static_cast<std::size_t>(expected * 1.1) + kSampleRows);
    }
  }
  return out;
}

std::int64_t CsvColumns::line(std::size_t row) const {
  // The last break at or before `row`; rows after it follow one line each.
  auto it = std::upper_bound(lineBreaks_.begin(), lineBreaks_.end(), row,
                             [](std::size_t r, const auto& b) { return r < b.first; });
  if (it == lineBreaks_.begin()) return headerLine_ + 1 + static_cast<std::int64_t>(row);
  --it;
  return it->second + static_cast<std::int64_t>(row - it->first);
}

}  // namespace fab::io

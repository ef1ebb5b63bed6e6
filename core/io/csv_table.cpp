#include "core/io/csv_table.h"

#include <cctype>
#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/io/csv_reader.h"
#include "core/io/field_parse.h"

namespace fab::io {

CsvTable CsvTable::read(const std::string& path) {
  CsvTable table;
  table.path_ = path;
  CsvReader reader(path);
  CsvRecord record;
  if (!reader.next(record)) throw Error(path + ": the file has no header line");
  for (auto f : record.fields) table.header_.emplace_back(trim(f));
  while (reader.next(record)) {
    if (record.fields.size() != table.header_.size())
      throw Error(path + ":" + std::to_string(record.line) + ": expected " + std::to_string(table.header_.size()) +
                  " fields as in the header, found " + std::to_string(record.fields.size()));
    auto& row = table.rows_.emplace_back();
    row.reserve(record.fields.size());
    for (auto f : record.fields) row.emplace_back(f);
    table.lines_.push_back(record.line);
  }
  return table;
}

bool CsvTable::hasColumn(const std::string& name) const {
  for (const auto& h : header_)
    if (h == name) return true;
  return false;
}

std::size_t findColumn(const std::vector<std::string>& header, const std::string& name, const std::string& path) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  for (std::size_t i = 0; i < header.size(); ++i)
    if (lower(header[i]) == lower(name)) return i;
  std::string present;
  for (const auto& h : header) present += (present.empty() ? "" : ", ") + h;
  throw Error(path + ": no column named '" + name + "' (columns: " + present + ")");
}

std::size_t CsvTable::columnIndex(const std::string& name) const { return findColumn(header_, name, path_); }

std::vector<std::string> CsvTable::strings(const std::string& column) const {
  const auto c = columnIndex(column);
  std::vector<std::string> out;
  out.reserve(rows_.size());
  for (const auto& row : rows_) out.push_back(row[c]);
  return out;
}

std::vector<double> CsvTable::numbers(const std::string& column) const {
  const auto c = columnIndex(column);
  std::vector<double> out;
  out.reserve(rows_.size());
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    const auto& text = rows_[r][c];
    if (isMissing(text)) {
      out.push_back(std::numeric_limits<double>::quiet_NaN());
    } else if (auto v = parseNumber(text)) {
      out.push_back(*v);
    } else {
      throw Error(path_ + ":" + std::to_string(lines_[r]) + ": column '" + header_[c] + "': expected a number, found '" +
                  text + "'");
    }
  }
  return out;
}

}  // namespace fab::io

#pragma once
// A small CSV file held in memory with named columns, for analyses run on a
// plain file (`fabkit-cli spc --csv FILE --value COL`). Large imports stream
// through CsvReader into the workspace instead.
#include <cstdint>
#include <string>
#include <vector>

namespace fab::io {

/// Index of the column `name` in `header` (exact first, then case-insensitive); throws
/// fab::Error naming `path` and listing the columns present when there is none.
std::size_t findColumn(const std::vector<std::string>& header, const std::string& name, const std::string& path);

class CsvTable {
 public:
  /// Reads the whole file; the first record is the header. Ragged rows are
  /// refused with the file, line and the expected field count.
  static CsvTable read(const std::string& path);

  const std::vector<std::string>& header() const { return header_; }
  std::size_t rowCount() const { return rows_.size(); }
  bool hasColumn(const std::string& name) const;
  /// Index of a column by name (exact first, then case-insensitive); throws
  /// fab::Error listing the columns present when there is none.
  std::size_t columnIndex(const std::string& name) const;
  const std::string& cell(std::size_t row, std::size_t column) const { return rows_[row][column]; }
  /// 1-based line in the file where `row` starts.
  std::int64_t line(std::size_t row) const { return lines_[row]; }

  std::vector<std::string> strings(const std::string& column) const;
  /// Numbers of a column; missing tokens (empty, NA, N/A, NaN…) become NaN;
  /// anything else that is not a number throws with file, line and column.
  std::vector<double> numbers(const std::string& column) const;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::int64_t> lines_;
};

}  // namespace fab::io

#pragma once
// A few columns of a CSV file read straight into typed arrays: one double per
// row and column, nothing else per row. For long series (a Kalman filter on
// millions of steps, clustering a million positions) where CsvTable's table of
// strings would hold the whole file several times over. Same rules as
// CsvTable: the first record is the header, ragged rows are refused, missing
// tokens (empty, NA, NaN…) become NaN, anything else that is not a number is
// refused with the file, line and column.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fab::io {

/// How a column's text becomes a number.
enum class ColumnType {
  Number,  ///< a decimal number
  Time,    ///< a number, or an ISO date/time as days since 1970-01-01 (parseTimeAsDays)
};

struct ColumnRequest {
  std::string name;  ///< matched as CsvTable::columnIndex does: exactly, then ignoring case
  ColumnType type = ColumnType::Number;
};

/// A time as a number as written, or an ISO date/time (parseTimestamp) as days since 1970-01-01 UTC.
std::optional<double> parseTimeAsDays(std::string_view text);

class CsvColumns {
 public:
  /// Reads the requested columns of `path` in one streaming pass.
  static CsvColumns read(const std::string& path, const std::vector<ColumnRequest>& columns);

  std::size_t rowCount() const { return rows_; }
  /// Values of the i-th requested column, one per row (NaN where missing).
  const std::vector<double>& values(std::size_t i) const { return values_[i]; }
  /// Moves the i-th column out (it is empty afterwards).
  std::vector<double> take(std::size_t i) { return std::move(values_[i]); }
  /// The header's name of the i-th requested column.
  const std::string& name(std::size_t i) const { return names_[i]; }
  /// 1-based line in the file where `row` starts.
  std::int64_t line(std::size_t row) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::size_t rows_ = 0;
  std::int64_t headerLine_ = 1;
  std::vector<std::string> names_;
  std::vector<std::vector<double>> values_;
  /// Where a record does not start on the line after the previous one (a quoted newline, a
  /// blank line): (row, line) pairs; the rows between follow one line each. Flat for plain files.
  std::vector<std::pair<std::size_t, std::int64_t>> lineBreaks_;
};

}  // namespace fab::io

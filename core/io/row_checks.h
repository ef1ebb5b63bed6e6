#pragma once
// Checks of one CSV record against the column mapping: field access by role,
// typed parsing that rejects the row with the column and what was expected.
// Pure (no database), so a reader thread can run them; each rejection goes to
// the sink given at construction.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/io/column_roles.h"
#include "core/io/csv_reader.h"
#include "core/io/field_format.h"
#include "core/io/import_batch.h"

namespace fab::io {

class RowChecks {
 public:
  using Sink = std::function<void(ImportProblem)>;
  /// `format`: how the file writes its numbers and dates (field_format.h).
  RowChecks(const ColumnMapping& mapping, const std::vector<std::string>& header, const FieldFormat& format, Sink sink);

  std::optional<std::size_t> column(Role role) const {
    const int c = columnOf_[static_cast<std::size_t>(role)];
    return c < 0 ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(c));
  }
  std::string_view field(const CsvRecord& r, Role role) const {
    const int c = columnOf_[static_cast<std::size_t>(role)];
    return c >= 0 && static_cast<std::size_t>(c) < r.fields.size() ? r.fields[static_cast<std::size_t>(c)]
                                                                   : std::string_view();
  }

  /// Rejects the row with a problem in `column` (or the whole row when nullopt).
  void reject(const CsvRecord& r, std::optional<std::size_t> column, std::string message);
  /// Rejects a row whose field count differs from the header's.
  bool checkShape(const CsvRecord& r);

  /// Each parser returns false after rejecting the row. A missing or empty
  /// optional field yields nullopt; a required one is rejected.
  bool text(const CsvRecord& r, Role role, std::string_view& out, bool required);
  bool number(const CsvRecord& r, Role role, std::optional<double>& out, bool required = false);
  bool integer(const CsvRecord& r, Role role, std::optional<std::int64_t>& out, bool required = false);
  bool timestamp(const CsvRecord& r, Role role, std::optional<std::int64_t>& out, bool required = false);
  bool passFlag(const CsvRecord& r, Role role, std::optional<bool>& out);
  /// The wafer slot: a number, or the trailing digits (at most 4) of a scribe
  /// id, which is then returned in `scribe`; nullopt when the file gives none.
  bool waferSlot(const CsvRecord& r, std::optional<int>& slot, std::string_view& scribe);

  /// A number in the file's format (no check for missing tokens).
  std::optional<double> parseNumberField(std::string_view t) const {
    return format_.numbers.plain() ? parseNumber(t) : parseNumber(t, format_.numbers);  // the default path unchanged
  }
  /// Why `t` is not a number in the file's format, with what to declare when it is grouped in thousands.
  std::string numberProblem(std::string_view t) const;

 protected:
  const ColumnMapping& mapping_;
  const std::vector<std::string>& header_;

 private:
  FieldFormat format_;
  Sink sink_;
  std::array<int, kRoleCount> columnOf_{};
};

}  // namespace fab::io

#pragma once
// Shared checks of a CSV record for the row importers: field access by role,
// typed parsing that rejects with the column and what was expected, and the
// lot / wafer bookkeeping every kind of row needs.
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "core/io/row_importers.h"
#include "core/store/name_ids.h"

namespace fab::io {

class RowBase : public RowImporter {
 protected:
  RowBase(ImportBatch& batch, const ColumnMapping& mapping, const std::vector<std::string>& header);

  bool has(Role role) const { return mapping_.column(role).has_value(); }
  std::string_view field(const CsvRecord& r, Role role) const;

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

  /// The lot's id (created when new); records the product when given.
  std::int64_t lotId(std::string_view lot, std::string_view product);
  /// The wafer slot: a number, or the trailing digits of a scribe id (the id is
  /// kept in the wafer table); 0 when the file gives none.
  bool waferSlot(const CsvRecord& r, std::int64_t lot, int& slot);

  ImportBatch& batch_;
  const ColumnMapping& mapping_;
  const std::vector<std::string>& header_;
  store::NameIds lots_;

 private:
  store::Statement setProduct_, insertWafer_;
  std::set<std::int64_t> lotsWithProduct_;
  std::set<std::pair<std::int64_t, int>> wafersSeen_;
};

}  // namespace fab::io

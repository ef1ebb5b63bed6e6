#pragma once
// The base of the single-threaded row importers (dies, defects, specs, lot
// history, products): the shared field checks, rejections recorded in the
// batch, and the lot / wafer bookkeeping every kind of row needs.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "core/io/row_checks.h"
#include "core/io/row_importers.h"
#include "core/store/name_ids.h"

namespace fab::io {

class RowBase : public RowImporter, protected RowChecks {
 protected:
  RowBase(ImportBatch& batch, const ColumnMapping& mapping, const std::vector<std::string>& header,
          const FieldFormat& format);

  /// The lot's id (created when new); records the product when given.
  std::int64_t lotId(std::string_view lot, std::string_view product);
  /// The wafer slot (see RowChecks::waferSlot; 0 when not given); a wafer seen for the first
  /// time is added to the wafer table with its scribe id.
  bool waferSlot(const CsvRecord& r, std::int64_t lot, int& slot);

  ImportBatch& batch_;
  store::NameIds lots_;

 private:
  store::Statement setProduct_, insertWafer_;
  std::set<std::int64_t> lotsWithProduct_;
  std::set<std::pair<std::int64_t, int>> wafersSeen_;
};

}  // namespace fab::io

#pragma once
// One row importer per kind of file. Each checks a CSV record against the
// column mapping and stores it through the batch, or rejects it with the
// column and what was expected.
#include <memory>

#include "core/io/column_roles.h"
#include "core/io/csv_reader.h"
#include "core/io/field_format.h"
#include "core/io/import_batch.h"
#include "core/wafer/die_frame.h"

namespace fab::io {

class RowImporter {
 public:
  virtual ~RowImporter() = default;
  /// Stores the record, counts it as duplicate / missing value, or rejects it.
  virtual void importRow(const CsvRecord& record) = 0;
  /// Stores rows still held back (a bulk path on a PostgreSQL workspace).
  virtual void finish() {}
};

/// The importer for dies, defects, specs, history or products (measurements
/// have their own pipeline: measurement_pipeline.h); nullptr for measurements.
/// `format`: how the file writes its numbers and dates.
/// Dies numbered otherwise than the product (`dieNumbering`) are stored in the product's die frame.
std::unique_ptr<RowImporter> makeRowImporter(ImportKind kind, ImportBatch& batch, const ColumnMapping& mapping,
                                             const std::vector<std::string>& header, const FieldFormat& format = {},
                                             const wafer::DieNumbering& dieNumbering = {});

}  // namespace fab::io

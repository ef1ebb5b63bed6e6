#pragma once
// A measurement import on two threads: a reader thread parses and checks the
// records (MeasurementParser) into chunks of typed values, while the calling
// thread, which owns the workspace connection, stores them (MeasurementWriter).
// A bounded queue between the two keeps memory flat in the file size. Errors
// travel as values; rows, problems, line numbers, duplicates and rollback are
// exactly those of a single-threaded import.
#include <cstdint>
#include <string>
#include <vector>

#include "core/io/column_roles.h"
#include "core/io/csv_reader.h"
#include "core/io/field_format.h"
#include "core/io/import_batch.h"
#include "core/io/import_progress.h"

namespace fab::io {

struct MeasurementImportOutcome {
  std::int64_t records = 0;  ///< CSV records read (0: the file has only a header)
  bool cancelled = false;    ///< the user cancelled; the batch is still open
};

/// Imports the records `reader` has left (its header already read) through the
/// batch's transaction. Throws fab::Error, once the reading thread has stopped,
/// for a problem with the file itself (a quote never closed, invalid UTF-8…).
/// `format`: how the file writes its numbers and dates.
MeasurementImportOutcome importMeasurementRecords(CsvReader& reader, ImportBatch& batch, const ColumnMapping& mapping,
                                                  const std::vector<std::string>& header, const FieldFormat& format,
                                                  ImportProgress& progress);

}  // namespace fab::io

#pragma once
// Importing a CSV file into a workspace: kind and column roles guessed or
// given, rows checked and stored in one transaction per file.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/feedback.h"
#include "core/io/column_roles.h"
#include "core/io/field_format.h"
#include "core/io/import_batch.h"
#include "core/store/workspace.h"
#include "core/wafer/die_frame.h"

namespace fab::io {

struct ImportOptions {
  std::optional<ImportKind> kind;              ///< nullopt = guess from the header
  std::map<std::string, std::string> mapping;  ///< role name → column name (overrides the guesses)
  BatchOptions batch;
  char delimiter = 0;  ///< 0 = sniff
  /// Decimal mark, thousands separator and date order; what is unset is
  /// sniffed from the file's first records (field_format_sniff.h).
  FieldFormatOptions format;
  /// Dies files: how the sort map numbers dies (notch, row direction, the
  /// product's origin die); the dies are stored in the product's die frame.
  /// Unset: the map already uses the product's numbering. Other kinds refuse it.
  wafer::DieNumbering dieNumbering;
};

/// Imports `path` into the workspace. Problems with rows are in the report
/// (status 'failed' and nothing stored unless skipBadRows); problems with the
/// whole file (unreadable, empty, binary, no usable columns, already imported)
/// throw fab::Error and store nothing. Cancellation through `feedback` rolls
/// back and returns status 'cancelled'.
ImportReport importFile(store::Workspace& ws, const std::string& path, const ImportOptions& options = {},
                        const Feedback& feedback = {});

/// What the import dialog shows before importing: the first rows, the guessed
/// kind and column roles, or why they cannot be guessed.
struct ImportPreview {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  char delimiter = ',';
  ImportKind kind = ImportKind::Measurements;
  std::optional<ColumnMapping> mapping;
  std::string mappingError;  ///< set when mapping is nullopt
  /// How the numbers and dates read, as the import will read them; nullopt
  /// (with formatError) when the sample is ambiguous or contradicts itself.
  std::optional<FieldFormat> format;
  std::string formatError;
};
ImportPreview previewFile(const std::string& path, const ImportOptions& options = {}, std::size_t maxRows = 50);

}  // namespace fab::io

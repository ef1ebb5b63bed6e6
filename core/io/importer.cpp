#include "core/io/importer.h"

#include <set>

#include "core/common/error.h"
#include "core/io/csv_reader.h"
#include "core/io/die_renumbering.h"
#include "core/io/field_format_sniff.h"
#include "core/io/field_parse.h"
#include "core/io/import_progress.h"
#include "core/io/measurement_pipeline.h"
#include "core/io/row_importers.h"

namespace fab::io {
namespace {

constexpr const char* kCancelled = "cancelled by the user; nothing was imported";

std::vector<std::string> readHeader(CsvReader& reader, CsvRecord& record) {
  if (!reader.next(record)) throw Error(reader.path() + ": the file has no header line");
  std::vector<std::string> header;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    std::string name(trim(record.fields[i]));
    if (name.empty())
      throw Error(reader.path() + ":" + std::to_string(record.line) + ":" + std::to_string(record.fieldColumns[i]) +
                  ": header column " + std::to_string(i + 1) + " has no name");
    if (!seen.insert(name).second)
      throw Error(reader.path() + ":" + std::to_string(record.line) + ":" + std::to_string(record.fieldColumns[i]) +
                  ": the header names column '" + name + "' twice");
    header.push_back(std::move(name));
  }
  return header;
}

}  // namespace

ImportReport importFile(store::Workspace& ws, const std::string& path, const ImportOptions& options,
                        const Feedback& feedback) {
  CsvOptions csv;
  csv.delimiter = options.delimiter;
  CsvReader reader(path, csv);
  CsvRecord record;
  const auto header = readHeader(reader, record);
  const ImportKind kind = options.kind.value_or(guessKind(header));
  const ColumnMapping mapping = mapColumns(header, kind, options.mapping);
  if (kind != ImportKind::Dies && !options.dieNumbering.isProducts())
    throw Error(path + ": a sort map's die numbering (" + describeNumbering(options.dieNumbering) +
                ") applies to dies files only; this file is read as " + std::string(kindName(kind)));
  const FieldFormat format = sniffFieldFormat(path, reader.delimiter(), mapping, options.format);

  bool anyRow = false;
  ImportBatch batch(ws, path, std::string(kindName(kind)), options.batch);
  if (!options.kind) batch.note("guessed the file holds " + std::string(kindName(kind)));
  batch.describeFormats(format.numberDescription(), format.dateDescription());
  for (const auto& [role, column] : mapping.columns)
    batch.note(std::string(roleName(role)) + " ← column '" + header[column] + "'");
  if (mapping.wide())
    batch.note("wide layout: " + std::to_string(mapping.parameterColumns.size()) + " parameter columns");
  for (auto c : mapping.ignored) batch.note("column '" + header[c] + "' ignored");

  ImportProgress progress(feedback, reader.fileSize());
  try {
    if (kind == ImportKind::Measurements) {
      const auto outcome = importMeasurementRecords(reader, batch, mapping, header, format, progress);
      if (outcome.cancelled) return batch.abort("cancelled", kCancelled);
      anyRow = outcome.records > 0;
    } else {
      auto rows = makeRowImporter(kind, batch, mapping, header, format, options.dieNumbering);
      while (reader.next(record)) {
        anyRow = true;
        rows->importRow(record);
        if (progress.cancelled(reader.bytesRead())) return batch.abort("cancelled", kCancelled);
      }
      if (batch.storing()) rows->finish();
    }
  } catch (const Error& e) {
    // A problem with the file itself (a quote never closed, invalid UTF-8…) stops it whole.
    batch.abort("failed", e.what());
    throw;
  }
  if (!anyRow) {
    batch.abort("failed", "the file has a header but no data rows");
    throw Error(path + ": the file has a header but no data rows");
  }
  feedback.report(1.0, "done");
  return batch.finish();
}

ImportPreview previewFile(const std::string& path, const ImportOptions& options, std::size_t maxRows) {
  CsvOptions csv;
  csv.delimiter = options.delimiter;
  CsvReader reader(path, csv);
  CsvRecord record;
  ImportPreview preview;
  preview.delimiter = reader.delimiter();
  preview.header = readHeader(reader, record);
  while (preview.rows.size() < maxRows && reader.next(record))
    preview.rows.emplace_back(record.fields.begin(), record.fields.end());
  preview.kind = options.kind.value_or(guessKind(preview.header));
  try {
    preview.mapping = mapColumns(preview.header, preview.kind, options.mapping);
  } catch (const Error& e) {
    preview.mappingError = e.what();
    return preview;
  }
  try {
    preview.format = sniffFieldFormat(path, preview.delimiter, *preview.mapping, options.format);
  } catch (const Error& e) {
    preview.formatError = e.what();
  }
  return preview;
}

}  // namespace fab::io

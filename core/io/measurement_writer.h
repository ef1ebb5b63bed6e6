#pragma once
// The writer side of a measurement import: it owns the statements, turns the
// reader's local names into workspace ids (creating lots, parameters, sites
// and tools as needed), records wafers, products and units, and stores the
// values, counting duplicates and missing values in the batch.
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/io/column_roles.h"
#include "core/io/import_batch.h"
#include "core/io/measurement_chunk.h"
#include "core/store/name_ids.h"

namespace fab::io {

class MeasurementWriter {
 public:
  /// In the wide layout, creates the header's parameters and records their
  /// units (noting in the batch a unit that differs from the one known).
  MeasurementWriter(ImportBatch& batch, const ColumnMapping& mapping);

  /// The units the workspace has for its parameters (name → unit), for the reader's checks.
  std::unordered_map<std::string, std::string> knownUnits();

  /// Stores one chunk: its rejected rows go to the batch; its values are
  /// stored unless the batch is failing anyway (all-or-nothing).
  void write(MeasurementChunk& chunk);

 private:
  /// Values stored by one execution of the multi-row insert. SQLite inserts a
  /// statement's rows in order: of two rows with one key, the first is kept,
  /// as with one insert per row.
  static constexpr int kRowsPerInsert = 16;

  /// Wide layout: creates the header's parameters, recording each unit given.
  void addHeaderParameters(const ColumnMapping& mapping);
  void resolveNames(MeasurementChunk& chunk);
  void storeRows(std::span<const MeasurementRow> rows);
  void storeEach(std::span<const MeasurementRow> rows);
  /// On a PostgreSQL workspace, rows go by COPY instead (core/io/measurement_copy.cpp).
  void prepareCopy();
  void copyRows(std::span<const MeasurementRow> rows);
  /// One row in COPY's text format, with the workspace's ids.
  void appendCopyRow(std::string& out, const MeasurementRow& row) const;
  /// Rows written at a time into a COPY: the server stores one piece while the next is written.
  static constexpr std::size_t kRowsPerCopyPiece = 2048;
  /// A statement with the values last bound to its parameters: SQLite keeps
  /// bindings across executions, and neighbouring rows share most of them.
  struct Insert {
    store::Statement statement;
    std::vector<std::uint64_t> bound;  ///< value bits by parameter index - 1
    void bind(int index, std::int64_t value);
    void bind(int index, double value);  ///< NaN binds NULL
    void bindNull(int index);
  };
  void bindRow(Insert& insert, int first, const MeasurementRow& row);
  /// Reports a row to the batch's counts: stored, or perhaps stored (a duplicate was skipped beside it).
  void count(const MeasurementRow& row, bool stored);

  ImportBatch& batch_;
  store::NameIds lots_, parameters_, sites_, tools_;
  Insert insertOne_, insertMany_;
  store::Statement setProduct_, setUnit_, insertWafer_;
  bool copying_ = false;          ///< a PostgreSQL workspace: rows go by COPY
  store::Statement moveArrived_;  ///< COPY's rows into measurement
  std::string copyText_;
  /// Workspace ids by local id.
  std::vector<std::int64_t> lotIds_, parameterIds_, siteIds_, toolIds_;
};

}  // namespace fab::io

#pragma once
// The bookkeeping every import shares: one import_batch row per file, the
// duplicate-file check by SHA-256, one transaction for all the rows, and the
// rejected rows with their reasons. Importers of any format (CSV, KLARF…)
// write their rows between begin() and finish().
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/store/summary_counts.h"
#include "core/store/workspace.h"

namespace fab::io {

struct ImportProblem {
  std::int64_t line = 0;
  std::uint32_t column = 0;  ///< 1-based; 0 = the whole row
  std::string columnName;
  std::string message;
  std::string rawText;
  /// "file:line:column: column 'x': message", as shown to the user.
  std::string describe(const std::string& file) const;
};

struct ImportReport {
  std::int64_t batchId = 0;
  std::string status;  ///< ok | failed | cancelled
  std::string kind;
  std::int64_t rowsOk = 0;         ///< rows stored
  std::int64_t rowsRejected = 0;   ///< bad rows (stored in import_error with --skip-bad-rows)
  std::int64_t rowsDuplicate = 0;  ///< rows already in the workspace, skipped
  std::int64_t rowsMissing = 0;    ///< rows stored without a value (empty, N/A…)
  std::vector<ImportProblem> problems;  ///< the first problems (all of them up to a limit)
  std::int64_t problemsNotListed = 0;
  std::string message;  ///< one line for the user
  std::vector<std::string> notes;  ///< mapping decisions, ignored columns…
  /// How the file writes numbers and dates, and whether that was declared or
  /// detected (field_format.h); empty for formats that have only one.
  std::string numberFormat, dateFormat;
};

struct BatchOptions {
  bool skipBadRows = false;  ///< keep good rows; store each bad one in import_error
  bool force = false;        ///< import a file whose SHA-256 was already imported
  std::size_t maxProblemsListed = 1000;
  std::string sourceLabel;   ///< recorded as the batch's source instead of the path
};

class ImportBatch {
 public:
  /// Hashes the file, refuses a file already imported (unless forced), records
  /// a 'running' batch and opens the transaction for its rows.
  ImportBatch(store::Workspace& ws, const std::string& path, const std::string& kind, const BatchOptions& options);
  ~ImportBatch();
  ImportBatch(const ImportBatch&) = delete;
  ImportBatch& operator=(const ImportBatch&) = delete;

  std::int64_t id() const { return id_; }
  /// The file being imported, as given.
  const std::string& path() const { return path_; }
  store::Database& db() { return ws_.db(); }
  /// False once a row was rejected in all-or-nothing mode: rows need no storing then.
  bool storing() const { return options_.skipBadRows || report_.rowsRejected == 0; }
  bool skipsBadRows() const { return options_.skipBadRows; }

  void rowStored(std::int64_t count = 1) { report_.rowsOk += count; }
  void rowDuplicate(std::int64_t count = 1) { report_.rowsDuplicate += count; }
  void rowMissingValue() { ++report_.rowsMissing; }
  /// What the batch stored, for the workspace's counts (written when it commits).
  store::SummaryCounts& counts() { return counts_; }
  void reject(ImportProblem problem);
  void note(std::string text) { report_.notes.push_back(std::move(text)); }
  /// States the file's number and date formats in the report.
  void describeFormats(std::string numbers, std::string dates) {
    report_.numberFormat = std::move(numbers);
    report_.dateFormat = std::move(dates);
  }

  /// Commits (or, with rejected rows in all-or-nothing mode, rolls back and
  /// keeps only the failed batch and its problems) and returns the report.
  ImportReport finish();
  /// Rolls back after cancellation or an error that stops the whole file.
  ImportReport abort(const std::string& status, const std::string& message);

 private:
  void recordProblems(const std::vector<ImportProblem>& problems);
  void closeBatch(const std::string& status, const std::string& message);

  store::Workspace& ws_;
  std::string path_;
  BatchOptions options_;
  std::int64_t id_ = 0;
  std::unique_ptr<store::Transaction> transaction_;
  ImportReport report_;
  store::SummaryCounts counts_;
  std::vector<ImportProblem> pendingProblems_;
  bool finished_ = false;
};

}  // namespace fab::io

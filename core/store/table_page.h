#pragma once
// Page-by-page reading of the measurement table for table views, and the
// import batch listing for the workspace navigator. Pages continue from the
// last row of the previous page (keyset pagination), so a page costs the same
// at the end of a large table as at its start and no view ever holds a whole
// parameter. Sorting and filtering are done by the query.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/store/database.h"

namespace fab::store {

/// Columns of a measurement table view, in display order.
enum class MeasurementColumn { Parameter, Lot, Wafer, Site, X, Y, Value, Unit, Time, Tool, Batch };
inline constexpr int kMeasurementColumnCount = 11;
/// Column header text ("parameter", "lot", …).
const char* measurementColumnName(MeasurementColumn column);

struct MeasurementQuery {
  std::string parameter;  ///< "" = every parameter
  std::string lot;        ///< "" = every lot
  std::string text;       ///< "" = no text filter; else a substring of the parameter, lot, site or tool name (ASCII
                          ///< case-insensitive)
  /// Sort column; nullopt = key order (parameter, lot, wafer, site, time by id), the fastest.
  std::optional<MeasurementColumn> sortBy;
  bool descending = false;
};

struct MeasurementRow {
  std::string parameter, lot, site, unit, tool;
  int wafer = 0;
  std::int64_t time = 0;   ///< ms since 1970 UTC; 0 = not given
  double x = 0, y = 0;     ///< NaN = not given
  double value = 0;        ///< NaN = missing value
  std::int64_t batch = 0;  ///< import batch the row came from
};

/// Where a page ended: the last row's sort value and its key. Pass it back to
/// fetch the rows after it with the same query.
struct PageCursor {
  std::variant<std::int64_t, double, std::string> sortValue;
  std::int64_t parameterId = 0, lotId = 0, wafer = 0, siteId = 0, time = 0;
};

struct MeasurementPage {
  std::vector<MeasurementRow> rows;
  std::optional<PageCursor> next;  ///< nullopt when the table has no rows after this page
};

/// Up to `limit` rows matching `query`, after `after` (nullopt = from the
/// start), skipping the first `skip` of them (a jump ahead costs a scan of the
/// skipped rows; continuing from a cursor costs nothing).
MeasurementPage fetchMeasurementPage(Database& db, const MeasurementQuery& query,
                                     const std::optional<PageCursor>& after, std::size_t limit, std::size_t skip = 0);

/// Number of rows matching the query's filters.
std::int64_t countMeasurements(Database& db, const MeasurementQuery& query);

/// Parameter names and lot names, sorted (for filter lists).
std::vector<std::string> parameterNames(Database& db);
std::vector<std::string> lotNames(Database& db);
/// Lots of `product` that have die maps, sorted by name.
std::vector<std::string> lotsWithDies(Database& db, const std::string& product);

/// One import batch as the navigator lists it.
struct ImportBatchSummary {
  std::int64_t id = 0;
  std::string source, kind, status, message;
  std::int64_t started = 0, finished = 0;  ///< ms since 1970 UTC; finished 0 = not finished
  std::int64_t rowsOk = 0, rowsRejected = 0, rowsDuplicate = 0, rowsMissing = 0;
  std::int64_t errors = 0;  ///< rows in import_error
};
/// Every batch, newest first.
std::vector<ImportBatchSummary> listImportBatches(Database& db);

struct ImportErrorRow {
  std::int64_t line = 0;
  std::int64_t column = 0;  ///< 1-based; 0 = the whole row
  std::string columnName, message, rawText;
};
/// The stored problems of one batch, by line, at most `limit` of them.
std::vector<ImportErrorRow> listImportErrors(Database& db, std::int64_t batchId, std::size_t limit = 1000);

}  // namespace fab::store

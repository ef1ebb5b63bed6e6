#pragma once
// Loading measurements, parameters and spec limits from a workspace for the
// analyses. The store loads; the analysis computes; the view draws.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/store/database.h"
#include "core/store/name_column.h"

namespace fab::store {

/// One parameter's rows in columns. Index i of every column is the same row.
/// The names are kept once each (name_column.h): a million rows name a few
/// thousand lots, sites and tools.
struct MeasurementSeries {
  std::string parameter;
  std::string unit;
  NameColumn lot;
  std::vector<int> wafer;            ///< slot within the lot; 0 = not given
  NameColumn site;                   ///< "" = not given
  std::vector<std::int64_t> time;    ///< ms since 1970 UTC; 0 = not given
  std::vector<double> x, y;          ///< site position (NaN = not given)
  std::vector<double> value;         ///< NaN where the export had no value
  NameColumn tool;                   ///< metrology tool; "" = not given
  NameColumn product;                ///< the lot's product; "" = unknown
  std::size_t size() const { return value.size(); }
};

struct MeasurementFilter {
  std::vector<std::string> lots;     ///< empty = every lot
  std::optional<std::int64_t> from;  ///< inclusive, ms since 1970 UTC
  std::optional<std::int64_t> to;    ///< inclusive
  std::string product;               ///< "" = every product
};

/// Rows of `parameter`, ordered by time, then lot, wafer and site. Throws
/// fab::Error naming the parameters present when there is no such parameter.
MeasurementSeries loadMeasurements(Database& db, const std::string& parameter, const MeasurementFilter& filter = {});

/// Each row's subgroup key by a field name: lot, wafer (lot/slot), tool,
/// time or product. nullopt for any other name.
std::optional<std::vector<std::string>> subgroupKeys(const MeasurementSeries& series, const std::string& field);
/// One row's subgroup key by one of those field names.
std::string subgroupKey(const MeasurementSeries& series, const std::string& field, std::size_t row);

struct ParameterSummary {
  std::string name;
  std::string unit;
  std::int64_t rows = 0;
  std::int64_t missing = 0;  ///< rows without a value
  std::int64_t lots = 0;
};
std::vector<ParameterSummary> listParameters(Database& db);

struct SpecLimits {
  std::string parameter;
  std::string product;  ///< "" = applies to every product
  std::optional<double> lsl, target, usl;
  std::string unit;
  std::int64_t effectiveFrom = 0;
};

/// The spec in force for `parameter` at time `at`: the latest effective row for
/// the product, else the latest for every product. nullopt when none.
std::optional<SpecLimits> specInForce(Database& db, const std::string& parameter, const std::string& product = "",
                                      std::int64_t at = std::numeric_limits<std::int64_t>::max());

/// Where a wafer was processed at a step (from lot_history).
struct ProcessContext {
  std::string lot;
  int wafer = 0;  ///< 0 = the whole lot
  std::string processTool, chamber, recipe;
  std::int64_t trackIn = 0, trackOut = 0;
};
/// Every lot_history row at `step`, ordered by lot, wafer and track-in.
std::vector<ProcessContext> processAtStep(Database& db, const std::string& step);
/// Steps present in lot_history.
std::vector<std::string> listSteps(Database& db);

}  // namespace fab::store

#pragma once
// A parameter's measurement rows as stored, typed, with their names read once
// per id: what loadMeasurements (measurements.h) orders and hands to the
// analyses. A large parameter is read in two halves of its lots at once, on two
// connections that see the same state of the workspace.
#include <cstdint>
#include <string>
#include <vector>

#include "core/store/database.h"
#include "core/store/measurements.h"

namespace fab::store {

struct ParameterRow {
  std::int64_t time;
  double x, y, value;
  std::uint32_t lot, site, tool;  ///< indexes into the names; tool: index + 1, 0 = none
  std::int32_t wafer;
};

/// A name read by id; `extra` is a lot's product.
struct NameEntry {
  std::int64_t id = 0;
  std::string name, extra;
  bool found = false;  ///< false: no row with the id (read as "", as a LEFT JOIN's NULL)
};

struct ParameterRows {
  std::vector<ParameterRow> rows;  ///< in no particular order
  std::vector<NameEntry> lots, sites, tools;
};

/// The rows of the parameter with id `parameterId` that `filter` keeps.
ParameterRows readParameterRows(Database& db, std::int64_t parameterId, const MeasurementFilter& filter);

}  // namespace fab::store

#pragma once
// Several parameters side by side, one row per wafer (the mean of its sites),
// for analyses of parameters together (the T² chart of a workspace).
#include <cstdint>
#include <string>
#include <vector>

#include "core/store/measurements.h"

namespace fab::store {

/// Wafers measured for every parameter, in the order of their first
/// measurement of the first parameter. means[w][j] is wafer w's mean of
/// parameter j over its sites with a value (NaN when it has none).
struct WaferMeansTable {
  std::vector<std::string> parameters;
  std::vector<std::string> lot;
  std::vector<int> wafer;
  std::vector<std::string> product;
  std::vector<std::int64_t> time;  ///< first measurement of the first parameter
  std::vector<std::vector<double>> means;
  std::size_t wafersDropped = 0;  ///< wafers missing from at least one parameter
};

/// Throws fab::Error (from loadMeasurements) naming the parameters present
/// when one is not in the workspace.
WaferMeansTable loadWaferMeans(Database& db, const std::vector<std::string>& parameters,
                               const MeasurementFilter& filter = {});

}  // namespace fab::store

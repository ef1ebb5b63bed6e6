#pragma once
// Approved control limits, versioned in chart_config (docs/ARCHITECTURE.md §3): every view,
// CLI call and report uses the limits in force so that they do not drift with
// the date range shown. Saving never overwrites: it adds the next version.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/spc/chart_types.h"
#include "core/store/database.h"

namespace fab::store {

struct ApprovedLimits {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::int64_t id = 0;
  int version = 0;  ///< assigned on save: 1, 2, … per parameter, product and chart type
  std::string parameter, product, chartType;
  std::string subgroupKey;
  std::optional<int> subgroupSize;
  std::string rules = "nelson";
  double center = kNaN, sigma = kNaN, sigmaOfMeans = kNaN, sigmaZ = 1.0;
  std::string sigmaMethod;
  double limitWidth = 3.0;
  std::optional<double> lambda, k, h, headStart, target;
  double lcl = kNaN, ucl = kNaN;
  std::optional<std::int64_t> baselineSubgroups, baselineFrom, baselineTo;
  std::int64_t effectiveFrom = 0;
  std::string approvedBy;
  std::int64_t approvedAt = 0;  ///< 0 on save means now
  std::string reason;
};

/// Saves `limits` as the next version (ignoring its id and version) and returns
/// the version. Throws fab::Error without who, why, chart type or a finite centre.
int saveApprovedLimits(Database& db, const ApprovedLimits& limits);

/// The limits in force at time `at`: the highest version whose effective_from
/// is not after `at`, for the product (else for every product); nullopt when
/// none was ever approved. A new approval supersedes the older ones from its
/// effective time on; earlier data keep the limits that were in force then.
std::optional<ApprovedLimits> limitsInForce(Database& db, const std::string& parameter, const std::string& chartType,
                                            const std::string& product = "",
                                            std::int64_t at = std::numeric_limits<std::int64_t>::max());

/// Every version, oldest first.
std::vector<ApprovedLimits> limitHistory(Database& db, const std::string& parameter, const std::string& chartType,
                                         const std::string& product = "");

/// Approved limits as the fixed process estimate a chart's phase uses.
spc::ProcessEstimate approvedEstimate(const ApprovedLimits& approved);

}  // namespace fab::store

#pragma once
// Approved limits for the audit trail's tests: the fields a save requires.
#include <string>

#include "core/store/spc_limits.h"

namespace fab::test {

/// Approves imr limits of THK centred on `center` as `approvedBy` (what the form says, not the user) for `reason`.
inline void approveThk(store::Database& db, double center, const std::string& approvedBy, const std::string& reason) {
  store::ApprovedLimits limits;
  limits.parameter = "THK";
  limits.chartType = "imr";
  limits.center = center;
  limits.approvedBy = approvedBy;
  limits.reason = reason;
  store::saveApprovedLimits(db, limits);
}

}  // namespace fab::test

#pragma once
// The exception list: a chart's violations that nobody has acknowledged yet,
// the first step of an out-of-control action plan.
#include <span>
#include <string>
#include <vector>

#include "core/spc/chart_types.h"

namespace fab::spc {

/// An acknowledgement of a point, for one rule or (rule = 0) every rule.
struct Acknowledgement {
  std::string pointKey;
  int rule = 0;
};

struct OpenViolation {
  std::size_t panel = 0;  ///< index into ChartResult::panels
  RuleViolation violation;
  std::string pointKey;
  std::string reason;  ///< plain language, from violationReason
};

/// Violations of `chart` whose point (named by pointKeys[point]) has no
/// acknowledgement for that rule, in panel then point order.
std::vector<OpenViolation> openViolations(const ChartResult& chart, std::span<const std::string> pointKeys,
                                          std::span<const Acknowledgement> acknowledged);

}  // namespace fab::spc

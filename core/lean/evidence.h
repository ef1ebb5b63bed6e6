#pragma once
// A kaizen's evidence: did the parameter improve in the intended direction
// after the change? Computed from the data, never typed in.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/lean/before_after.h"
#include "core/lean/kaizen.h"
#include "core/spc/capability.h"

namespace fab::lean {

struct EvidenceOptions {
  Direction intended = Direction::LowerSpread;
  double alpha = 0.05;  ///< significance level of the tests
  spc::SpecLimits spec; ///< when set, Cpk before and after are computed
};

/// Values already reduced to one per wafer (site values within a wafer are
/// correlated, so testing sites as independent would overstate the evidence),
/// each marked before or after the change, in time order.
struct EvidenceInput {
  std::vector<double> values;
  std::vector<bool> after;
  std::string splitBasis;  ///< how before/after was decided, shown to the user
};

struct KaizenEvidence {
  std::string splitBasis;
  WelchTest mean;
  VarianceTest spread;
  /// Capability of each side's wafer means (σ within from MR̄/d2 of consecutive
  /// wafer means, the individuals-chart convention); set when a spec is given.
  std::optional<spc::CapabilityResult> capabilityBefore, capabilityAfter;
  bool improvementShown = false;
  std::string verdict;  ///< one line for the user
};

KaizenEvidence computeEvidence(const EvidenceInput& input, const EvidenceOptions& options);

}  // namespace fab::lean

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

namespace fab::lean {

struct EvidenceOptions {
  Direction intended = Direction::LowerSpread;
  double alpha = 0.05;  ///< significance level of the tests
};

/// Values already reduced to one per wafer (site values within a wafer are
/// correlated, so testing sites as independent would overstate the evidence),
/// each marked before or after the change.
struct EvidenceInput {
  std::vector<double> values;
  std::vector<bool> after;
  std::string splitBasis;  ///< how before/after was decided, shown to the user
};

struct KaizenEvidence {
  std::string splitBasis;
  WelchTest mean;
  VarianceTest spread;
  std::optional<double> cpkBefore, cpkAfter;  ///< set by the caller when a spec exists
  bool improvementShown = false;
  std::string verdict;  ///< one line for the user
};

KaizenEvidence computeEvidence(const EvidenceInput& input, const EvidenceOptions& options);

}  // namespace fab::lean

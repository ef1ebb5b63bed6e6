#include "core/lean/evidence.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"

namespace fab::lean {
namespace {

/// Alternating values around 100: the moving range is 2·a everywhere.
std::vector<double> zigzag(double a, int n) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(100 + (i % 2 ? a : -a));
  return v;
}

TEST(Evidence, HigherCpkNeedsNonOverlappingIntervals) {
  EvidenceInput input;
  for (double x : zigzag(1.0, 40)) input.values.push_back(x), input.after.push_back(false);
  for (double x : zigzag(0.25, 40)) input.values.push_back(x), input.after.push_back(true);
  EvidenceOptions options;
  options.intended = Direction::HigherCpk;
  options.spec.lsl = 95;
  options.spec.usl = 105;
  const auto e = computeEvidence(input, options);
  ASSERT_TRUE(e.capabilityBefore && e.capabilityAfter);
  // σ within = MR̄/d2 with MR̄ = 2a and d2(2) = 2/√π: Cpk = 5/(3σ).
  const double d2 = 2 / std::sqrt(M_PI);
  EXPECT_NEAR(e.capabilityBefore->cpk.value, 5 / (3 * 2.0 / d2), 1e-9);
  EXPECT_NEAR(e.capabilityAfter->cpk.value, 5 / (3 * 0.5 / d2), 1e-9);
  EXPECT_TRUE(e.improvementShown);
  EXPECT_EQ(e.verdict.rfind("shown: Cpk", 0), 0u);
}

TEST(Evidence, LowerMeanShownOnlyForASignificantDrop) {
  EvidenceInput input;
  for (double x : zigzag(1.0, 30)) input.values.push_back(x), input.after.push_back(false);
  for (double x : zigzag(1.0, 30)) input.values.push_back(x - 0.1), input.after.push_back(true);
  EvidenceOptions options;
  options.intended = Direction::LowerMean;
  EXPECT_FALSE(computeEvidence(input, options).improvementShown);  // 0.1 against sd ≈ 1: not significant
  for (std::size_t i = 30; i < input.values.size(); ++i) input.values[i] -= 2;
  EXPECT_TRUE(computeEvidence(input, options).improvementShown);
  options.intended = Direction::HigherMean;
  EXPECT_FALSE(computeEvidence(input, options).improvementShown);
}

TEST(Evidence, HigherCpkWithoutSpecIsRefused) {
  EvidenceInput input{{1, 2, 3, 4}, {false, false, true, true}, ""};
  EvidenceOptions options;
  options.intended = Direction::HigherCpk;
  EXPECT_THROW(computeEvidence(input, options), Error);
}

}  // namespace
}  // namespace fab::lean

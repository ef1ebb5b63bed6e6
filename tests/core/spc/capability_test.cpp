// Capability indices: NIST/SEMATECH e-Handbook §6.1.6 example, and every
// interval against an independent computation (chi-square quantiles found by
// bisection on the regularised incomplete gamma; Bissell's formula written out).
#include "core/spc/capability.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "core/common/error.h"

namespace fab::spc {
namespace {

using ::testing::HasSubstr;
constexpr double kZ975 = 1.959963984540054;  // Φ⁻¹(0.975)

/// The p-quantile of χ²(ν) by bisection on P(χ² ≤ x) = P(ν/2, x/2).
double chiSquareQuantile(double p, double dof) {
  double lo = 0, hi = 10 * dof + 100;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (boost::math::gamma_p(dof / 2, mid / 2) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double normalCdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

CapabilityOptions specs(std::optional<double> lsl, std::optional<double> usl, std::optional<double> target = {}) {
  CapabilityOptions o;
  o.spec = {lsl, target, usl};
  return o;
}

TEST(Capability, NistExample) {
  // §6.1.6: USL 20, LSL 8, μ 16, σ 2 → Cp 1.0, Cpu 0.6667, Cpl 1.3333, Cpk 0.6667.
  const auto r = capabilityFromSummary(16, 2, 2, 50, specs(8, 20));
  EXPECT_NEAR(r.cp.value, 1.0, 1e-12);
  EXPECT_NEAR(r.cpu.value, 0.6667, 0.5e-4);
  EXPECT_NEAR(r.cpl.value, 1.3333, 0.5e-4);
  EXPECT_NEAR(r.cpk.value, 0.6667, 0.5e-4);
  EXPECT_NEAR(r.pp.value, 1.0, 1e-12);
  EXPECT_NEAR(r.ppk.value, 2.0 / 3.0, 1e-12);
}

TEST(Capability, IntervalsMatchIndependentComputation) {
  const std::size_t n = 40;
  const auto r = capabilityFromSummary(10.2, 0.5, 0.6, n, specs(8, 12));
  const double cp = 4.0 / 3.0, dof = n - 1.0;
  EXPECT_NEAR(r.cp.value, cp, 1e-12);
  EXPECT_NEAR(r.cp.lower, cp * std::sqrt(chiSquareQuantile(0.025, dof) / dof), 1e-9);
  EXPECT_NEAR(r.cp.upper, cp * std::sqrt(chiSquareQuantile(0.975, dof) / dof), 1e-9);
  const double cpk = (12 - 10.2) / 1.5;
  const double se = std::sqrt(1.0 / (9 * n) + cpk * cpk / (2 * (n - 1)));
  EXPECT_NEAR(r.cpk.value, cpk, 1e-12);
  EXPECT_NEAR(r.cpk.lower, cpk - kZ975 * se, 1e-9);
  EXPECT_NEAR(r.cpk.upper, cpk + kZ975 * se, 1e-9);
  const double ppk = (12 - 10.2) / 1.8;
  const double seP = std::sqrt(1.0 / (9 * n) + ppk * ppk / (2 * (n - 1)));
  EXPECT_NEAR(r.ppk.lower, ppk - kZ975 * seP, 1e-9);
  const double pp = 4.0 / 3.6;
  EXPECT_NEAR(r.pp.upper, pp * std::sqrt(chiSquareQuantile(0.975, dof) / dof), 1e-9);
  EXPECT_FALSE(r.cpm.available);
}

TEST(Capability, CpmWithTargetUsesBoylesDegreesOfFreedom) {
  const std::size_t n = 30;
  auto o = specs(8, 12, 10);
  o.confidence = 0.90;
  const auto r = capabilityFromSummary(10.4, 0.5, 0.55, n, o);
  const double cpm = 4.0 / (6 * std::sqrt(0.25 + 0.16));
  const double a = 0.4 / 0.5, dof = n * std::pow(1 + a * a, 2) / (1 + 2 * a * a);
  ASSERT_TRUE(r.cpm.available);
  EXPECT_NEAR(r.cpm.value, cpm, 1e-12);
  EXPECT_NEAR(r.cpm.lower, cpm * std::sqrt(chiSquareQuantile(0.05, dof) / dof), 1e-9);
  EXPECT_NEAR(r.cpm.upper, cpm * std::sqrt(chiSquareQuantile(0.95, dof) / dof), 1e-9);
}

TEST(Capability, OneSidedSpecGivesOnlyTheOneSidedIndex) {
  const auto r = capabilityFromSummary(10, 1, 1.2, 25, specs(std::nullopt, 13));
  EXPECT_TRUE(r.cpu.available);
  EXPECT_TRUE(r.ppu.available);
  EXPECT_FALSE(r.cp.available);
  EXPECT_FALSE(r.cpk.available);
  EXPECT_FALSE(r.cpl.available);
  EXPECT_FALSE(r.pp.available);
  EXPECT_FALSE(r.cpm.available);
  EXPECT_NEAR(r.cpu.value, 1.0, 1e-12);
  EXPECT_TRUE(std::isnan(r.expectedWithin.below));
  EXPECT_NEAR(r.expectedWithin.above, 1e6 * (1 - normalCdf(3.0)), 1e-6);
  EXPECT_THAT(r.notes.front(), HasSubstr("Cpu and Ppu"));
}

TEST(Capability, ExpectedAndObservedPpm) {
  const std::vector<double> v = {9.1, 9.8, 10.0, 10.2, 10.4, 10.9, 11.6, 8.7, 10.1, std::nan("")};
  const auto r = capability(v, 0.5, "MR̄/d2", specs(9, 11.5));
  EXPECT_EQ(r.n, 9u);
  double mean = 0, ss = 0;
  for (int i = 0; i < 9; ++i) mean += v[i] / 9;
  for (int i = 0; i < 9; ++i) ss += (v[i] - mean) * (v[i] - mean);
  const double sd = std::sqrt(ss / 8);
  EXPECT_NEAR(r.mean, mean, 1e-12);
  EXPECT_NEAR(r.sigmaOverall, sd, 1e-12);
  EXPECT_NEAR(r.observed.below, 1e6 / 9, 1e-6);
  EXPECT_NEAR(r.observed.above, 1e6 / 9, 1e-6);
  EXPECT_NEAR(r.observed.total, 2e6 / 9, 1e-6);
  EXPECT_NEAR(r.expectedWithin.below, 1e6 * normalCdf((9 - mean) / 0.5), 1e-6);
  EXPECT_NEAR(r.expectedOverall.above, 1e6 * (1 - normalCdf((11.5 - mean) / sd)), 1e-6);
  EXPECT_EQ(r.sigmaWithinMethod, "MR̄/d2");
}

TEST(Capability, RefusesWhatItCannotCompute) {
  EXPECT_THROW(capabilityFromSummary(0, 1, 1, 10, specs(std::nullopt, std::nullopt)), Error);
  EXPECT_THROW(capabilityFromSummary(0, 1, 1, 10, specs(5, 4)), Error);
  EXPECT_THROW(capabilityFromSummary(0, 0, 1, 10, specs(-1, 1)), Error);
  EXPECT_THROW(capability(std::vector<double>{1.0}, 1, "", specs(0, 2)), Error);
  EXPECT_THROW(capability(std::vector<double>(5, 1.0), 0.1, "", specs(0, 2)), Error);
  auto o = specs(0, 1);
  o.confidence = 1.5;
  EXPECT_THROW(o.validate(), Error);
}

}  // namespace
}  // namespace fab::spc

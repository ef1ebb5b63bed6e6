#pragma once
// Process capability (Montgomery, Introduction to SQC, 7th ed., §8.3;
// NIST/SEMATECH e-Handbook §6.1.6): Cp, Cpl, Cpu, Cpk, Cpm from the σ within
// subgroups (R̄/d2, S̄/c4 or MR̄/d2 — the chart's estimate), Pp, Ppl, Ppu, Ppk
// from the overall sample σ, expected and observed ppm out of spec, with
// confidence intervals. One-sided specs give only the one-sided indices.
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace fab::spc {

struct SpecLimits {
  std::optional<double> lsl, target, usl;
};

/// An index with its two-sided confidence interval; `available` is false
/// (and the numbers NaN) when the specs do not define it.
struct CapabilityIndex {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  bool available = false;
  double value = kNaN, lower = kNaN, upper = kNaN;
};

/// Fractions out of spec in parts per million; NaN where the side has no spec.
struct PartsPerMillion {
  double below = CapabilityIndex::kNaN, above = CapabilityIndex::kNaN, total = CapabilityIndex::kNaN;
};

struct CapabilityResult {
  std::size_t n = 0;  ///< values used (total n, as Bissell's interval uses)
  double mean = CapabilityIndex::kNaN;
  double sigmaWithin = CapabilityIndex::kNaN;
  std::string sigmaWithinMethod;
  double sigmaOverall = CapabilityIndex::kNaN;
  double confidence = 0.95;
  SpecLimits spec;
  CapabilityIndex cp, cpl, cpu, cpk, cpm;
  CapabilityIndex pp, ppl, ppu, ppk;
  PartsPerMillion expectedWithin, expectedOverall, observed;
  std::vector<std::string> notes;  ///< why an index is missing, what was assumed
};

struct CapabilityOptions {
  SpecLimits spec;
  double confidence = 0.95;  ///< two-sided level of every interval
  void validate() const;     ///< throws fab::Error: no spec, LSL ≥ USL, level outside (0, 1)
};

/// Indices from summary numbers (mean, σ within, σ overall, n). Intervals:
/// Cp and Pp chi-square with n − 1 degrees of freedom (Montgomery eq. 8.19);
/// Cpk, Cpl, Cpu, Ppk, Ppl, Ppu Bissell (1990): Ĉ ± z·√(1/(9n) + Ĉ²/(2(n − 1)));
/// Cpm (Chan, Cheng & Spiring 1988, with σ within, when a target is given)
/// chi-square with Boyles' (1991) ν = n(1 + a²)²/(1 + 2a²), a = (x̄ − T)/σ.
/// Expected ppm from the normal distribution with each σ.
CapabilityResult capabilityFromSummary(double mean, double sigmaWithin, double sigmaOverall, std::size_t n,
                                       const CapabilityOptions& options);

/// Capability of `values` (NaN skipped) with a σ within supplied by the chart
/// (its estimate and method name); adds the observed ppm. Throws fab::Error
/// for fewer than 2 values or zero spread.
CapabilityResult capability(std::span<const double> values, double sigmaWithin, const std::string& sigmaWithinMethod,
                            const CapabilityOptions& options);

}  // namespace fab::spc

#pragma once
// Box-Cox transformation for non-normal positive data (Box & Cox 1964;
// NIST/SEMATECH e-Handbook §6.5.2; Johnson & Wichern, Applied Multivariate
// Statistical Analysis, §4.8): λ by maximum likelihood, and capability on the
// transformed data with transformed spec limits.
#include <span>
#include <vector>

#include "core/spc/capability.h"

namespace fab::spc {

struct BoxCoxFit {
  double lambda = 1;         ///< maximum-likelihood λ within [lo, hi]
  double logLikelihood = 0;  ///< profile log-likelihood at λ
};

/// Profile log-likelihood of λ: −(n/2)·ln σ̂²(λ) + (λ − 1)·Σ ln xᵢ, with σ̂² the
/// (1/n) variance of (x^λ − 1)/λ (ln x at λ = 0). NaN values are skipped.
double boxCoxLogLikelihood(std::span<const double> values, double lambda);

/// λ maximising the profile likelihood over [lo, hi] (Brent's method).
/// Throws fab::Error when a value is ≤ 0 (naming how many and the smallest),
/// fewer than 2 values are present, or all values are equal.
BoxCoxFit fitBoxCox(std::span<const double> values, double lo = -5, double hi = 5);

/// The power transform used for capability: x^λ, or ln x for λ = 0.
double boxCoxTransform(double x, double lambda);

struct TransformedData {
  double lambda = 1;
  std::vector<double> values;  ///< transformed; NaN stays NaN
  SpecLimits spec;             ///< transformed; LSL and USL swapped when λ < 0 (x^λ then decreases)
  std::vector<std::string> notes;
};

/// Transforms values and specs with λ. A spec limit ≤ 0 cannot be transformed
/// when λ ≤ 0; since the data are positive it can never be crossed, so it is
/// dropped with a note. Throws fab::Error for values ≤ 0.
TransformedData applyBoxCox(std::span<const double> values, const SpecLimits& spec, double lambda);

}  // namespace fab::spc

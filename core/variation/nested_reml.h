#pragma once
// Restricted maximum likelihood (REML) variance components for a nested
// random-effects model of any depth, balanced or not.
//
// Model (Searle, Casella & McCulloch, "Variance Components", 1992, §6.6–6.8):
//   y = μ1 + Σ_l Z_l u_l + e,  u_l ~ N(0, σ²_l I),  e ~ N(0, σ²_e I),
//   V = Σ_l σ²_l Z_l Z_lᵀ + σ²_e I,
//   ℓ_R(σ²) = −½ [ log|V| + log(1ᵀV⁻¹1) + yᵀV⁻¹y − (1ᵀV⁻¹y)²/(1ᵀV⁻¹1) + (N−1) log 2π ]
// (SCM eq. 6.67 with X = 1). For a nested design V is block diagonal, and each
// group's block is the block diagonal of its children plus σ²_l 11ᵀ, so
// log|V| and the three quadratic forms follow level by level, from the
// innermost group up, by the Sherman–Morrison identity: with the children's
// sums a = Σ1ᵀV⁻¹1, b = Σ1ᵀV⁻¹y, c = ΣyᵀV⁻¹y and k = 1 + σ²_l a,
//   a' = a/k,  b' = b/k,  c' = c − σ²_l b²/k,  log|V|' = log|V| + log k.
// One evaluation costs O(N × levels), without forming V.
//
// The maximum is found by Newton–Raphson on σ² ≥ 0 (SCM §6.8a, with the
// Hessian of ℓ_R taken by central differences on standardised data), with
// step halving and an active set that holds at 0 the components whose
// gradient points below zero. The estimates' covariance is the inverse of the
// observed information −∂²ℓ_R at the maximum (components held at 0 left out).
#include <vector>

#include <Eigen/Dense>

#include "core/variation/nested_design.h"

namespace fab::variation {

struct RemlFit {
  std::vector<double> variance;  ///< per level, outermost first, residual last (σ² ≥ 0)
  /// Var(σ̂²_l) from the inverse observed information; NaN for a component held at 0.
  std::vector<double> varianceOfEstimate;
  double mean = 0;           ///< generalised least-squares estimate of μ
  double logLikelihood = 0;  ///< ℓ_R at the estimates, including the constant
  int iterations = 0;
  bool converged = false;
};

/// ℓ_R at the given variances (per level, residual last); −∞ where V is not
/// positive definite. Exposed so that a caller can profile or check the fit.
double restrictedLogLikelihood(const NestedDesign& design, const std::vector<double>& variance);

/// Throws fab::Error when the values have no spread.
RemlFit nestedReml(const NestedDesign& design, int maxIterations = 200);

}  // namespace fab::variation

#pragma once
// Binomial likelihood pieces for block counts (k good of n complete blocks
// with predicted block yield p): log-likelihood, deviance residual and the
// Pearson goodness of fit (Agresti, Categorical Data Analysis, 3rd ed.,
// §1.5 and §4.5 for the deviance and Pearson statistics).
#include <optional>
#include <span>

#include "core/yield/window_blocks.h"
#include "core/yield/window_fit.h"

namespace fab::yield {

/// log C(n, k) + k ln p + (n − k) ln(1 − p), with 0·ln 0 = 0; −inf where p
/// makes the observed count impossible.
double binomialLogLikelihood(const BlockYield& b, double p);

/// sign(k − np) · √(2[k ln(k/np) + (n − k) ln((n − k)/(n(1 − p)))]); the sum of
/// their squares is the deviance, minimised by the maximum-likelihood fit.
double devianceResidual(const BlockYield& b, double p);

/// Pearson X² = Σ (k − np)² / (np(1 − p)) with df = (number of blocks) −
/// parameters; nullopt when df ≤ 0 or a predicted p is 0 or 1.
std::optional<GoodnessOfFit> pearsonGoodness(std::span<const BlockYield> blocks, std::span<const double> predicted,
                                             int parameters);

}  // namespace fab::yield

#pragma once
// Is a series serially correlated? Decides whether a before/after t-test,
// which treats the values as independent, can be trusted.
#include <cstddef>
#include <span>

namespace fab::lean {

/// Sample autocorrelation at lag k (Box, Jenkins & Reinsel, "Time Series
/// Analysis", §2.1.5): r_k = Σ_{t<n−k} (x_t − x̄)(x_{t+k} − x̄) / Σ (x_t − x̄)².
/// NaN values are left out of the series. 0 for a constant series.
double autocorrelation(std::span<const double> x, std::size_t lag);

/// Ljung–Box portmanteau test (Ljung & Box 1978, Biometrika 65:297):
/// Q = n(n + 2) Σ_{k=1..h} r_k² / (n − k), χ² with h degrees of freedom for an
/// uncorrelated series. h = min(10, n/5) by the usual rule (at least 1).
struct SerialCorrelation {
  std::size_t n = 0;
  double r1 = 0;         ///< lag-1 autocorrelation
  std::size_t lags = 0;  ///< h
  double q = 0, pValue = 1;
  bool autocorrelated = false;  ///< pValue < alpha (never with fewer than 8 values)
};
SerialCorrelation ljungBox(std::span<const double> x, double alpha = 0.05);

}  // namespace fab::lean

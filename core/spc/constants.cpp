#include "core/spc/constants.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/common/error.h"

namespace fab::spc {
namespace {

using boost::math::quadrature::gauss;

// Composite 12-point Gauss–Legendre over unit panels: the integrands below are
// smooth and Gaussian-tailed, so this reaches ~1e-12 with a fixed cost.
using Rule = gauss<double, 12>;

double phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

void checkSize(int n) {
  if (n < 2) throw Error("control chart constants need a subgroup size of at least 2 (got " + std::to_string(n) + ")");
}

/// Half-width of the region holding the mass of the range of n normals: beyond
/// it n·Φ(−B) is below 1e-19 and every integrand is zero in double precision.
double bound(int n) { return std::ceil(9.0 + std::sqrt(2.0 * std::log(static_cast<double>(n)))); }

/// Nodes and weights of the composite rule on [a, b] (b − a a whole number).
void panelNodes(double a, double b, std::vector<double>& x, std::vector<double>& w) {
  const auto& abscissa = Rule::abscissa();
  const auto& weight = Rule::weights();
  for (double left = a; left < b - 0.5; left += 1.0) {
    const double mid = left + 0.5;
    for (std::size_t i = 0; i < abscissa.size(); ++i) {
      const double offsets[2] = {abscissa[i], -abscissa[i]};
      for (int s = 0; s < (abscissa[i] == 0.0 ? 1 : 2); ++s) {
        x.push_back(mid + 0.5 * offsets[s]);
        w.push_back(0.5 * weight[i]);
      }
    }
  }
}

double computeD2(int n) {
  // d2 = ∫ [1 − Φ(x)ⁿ − Φ(−x)ⁿ] dx; the integrand is even.
  std::vector<double> x, w;
  panelNodes(0.0, bound(n), x, w);
  double sum = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sum += w[i] * (1.0 - std::pow(phi(x[i]), n) - std::pow(phi(-x[i]), n));
  return 2.0 * sum;
}

double computeD3(int n, double d2) {
  // With y = x + r (r ≥ 0): E[R²] = 2 ∫₀^∞ ∫ G(x, x + r) dx dr, where
  // G(x, y) = P(min ≤ x, max ≥ y) = 1 − Φ(y)ⁿ − (1 − Φ(x))ⁿ + (Φ(y) − Φ(x))ⁿ.
  // (Writing R²/2 = ∬_{x<y} 1{min ≤ x < y ≤ max} and taking expectations.)
  const double b = bound(n);
  std::vector<double> x, wx, r, wr;
  panelNodes(-b, b, x, wx);
  panelNodes(0.0, 2.0 * b, r, wr);
  std::vector<double> upperTail(x.size()), lowerPower(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    upperTail[i] = phi(-x[i]);
    lowerPower[i] = std::pow(upperTail[i], n);
  }
  double second = 0;
  for (std::size_t j = 0; j < r.size(); ++j) {
    double inner = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double yTail = phi(-(x[i] + r[j]));  // 1 − Φ(y), exact in the upper tail
      const double between = upperTail[i] - yTail;
      inner += wx[i] * (1.0 - std::pow(1.0 - yTail, n) - lowerPower[i] + std::pow(between, n));
    }
    second += wr[j] * inner;
  }
  second *= 2.0;
  return std::sqrt(std::max(0.0, second - d2 * d2));
}

double computeC4(int n) {
  // Γ(n/2)/Γ((n−1)/2) = 1 / tgamma_delta_ratio((n−1)/2, 1/2), accurate for large n.
  const double a = 0.5 * (n - 1);
  return std::sqrt(2.0 / (n - 1)) / boost::math::tgamma_delta_ratio(a, 0.5);
}

ChartConstants compute(int n) {
  ChartConstants k;
  k.n = n;
  k.d2 = computeD2(n);
  k.d3 = computeD3(n, k.d2);
  k.c4 = computeC4(n);
  const double rootN = std::sqrt(static_cast<double>(n));
  k.A2 = 3.0 / (k.d2 * rootN);
  k.A3 = 3.0 / (k.c4 * rootN);
  const double sFactor = 3.0 * std::sqrt(1.0 - k.c4 * k.c4) / k.c4;
  k.B3 = std::max(0.0, 1.0 - sFactor);
  k.B4 = 1.0 + sFactor;
  const double rFactor = 3.0 * k.d3 / k.d2;
  k.D3 = std::max(0.0, 1.0 - rFactor);
  k.D4 = 1.0 + rFactor;
  return k;
}

}  // namespace

const ChartConstants& chartConstants(int n) {
  checkSize(n);
  static std::mutex mutex;
  static std::map<int, std::unique_ptr<ChartConstants>> cache;
  std::lock_guard lock(mutex);
  auto& slot = cache[n];
  if (!slot) slot = std::make_unique<ChartConstants>(compute(n));
  return *slot;
}

double d2(int n) { return chartConstants(n).d2; }
double d3(int n) { return chartConstants(n).d3; }
double c4(int n) {
  checkSize(n);
  return computeC4(n);
}

double medianMovingRangeFactor() {
  static const double value = std::sqrt(2.0) * boost::math::quantile(boost::math::normal(), 0.75);
  return value;
}

}  // namespace fab::spc

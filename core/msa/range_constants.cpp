#include "core/msa/range_constants.h"

#include <boost/math/quadrature/gauss.hpp>
#include <cmath>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/common/error.h"

namespace fab::msa {
namespace {

// The integrands vanish to double precision beyond ±8.5 for subgroups of up to
// 1000 values, and are smooth on the scale of one standard deviation: a
// 20-point Gauss–Legendre rule on unit panels integrates them to ~1e-13.
constexpr double kLimit = 8.5;
constexpr int kPanels = 17;  // unit panels over [−kLimit, kLimit]
using Rule = boost::math::quadrature::gauss<double, 20>;

double phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
double upperTail(double x) { return 0.5 * std::erfc(x / std::sqrt(2.0)); }

/// The 20-point rule mapped to [0, 1]: nodes and weights.
struct UnitRule {
  std::vector<double> x, w;
  UnitRule() {
    const auto& t = Rule::abscissa();
    const auto& v = Rule::weights();
    for (std::size_t i = 0; i < t.size(); ++i)
      for (double sign : {-1.0, 1.0}) {
        x.push_back((1 + sign * t[i]) / 2);
        w.push_back(v[i] / 2);
      }
  }
};
const UnitRule& unitRule() {
  static const UnitRule rule;
  return rule;
}

/// Nodes and weights of the rule on every unit panel of [−kLimit, kLimit], panel by panel.
struct Grid {
  std::vector<double> x, w;
  std::size_t perPanel = 0;
  Grid() {
    const auto& r = unitRule();
    perPanel = r.x.size();
    for (int k = 0; k < kPanels; ++k)
      for (std::size_t i = 0; i < r.x.size(); ++i) {
        x.push_back(-kLimit + k + r.x[i]);
        w.push_back(r.w[i]);
      }
  }
};
const Grid& grid() {
  static const Grid g;
  return g;
}

void checkSize(int n) {
  if (n < 2) throw Error("the range needs a subgroup of at least 2 values, got " + std::to_string(n));
  if (n > 1000)
    throw Error("range constants are computed for subgroups of up to 1000 values, got " + std::to_string(n));
}

double computeD2(int n) {
  const auto& g = grid();
  double sum = 0;
  for (std::size_t i = 0; i < g.x.size(); ++i)
    sum += g.w[i] * (1 - std::pow(phi(g.x[i]), n) - std::pow(upperTail(g.x[i]), n));
  return sum;
}

/// E[W²] = 2 ∫_y ∫_{x<y} [1 − Φ(y)ⁿ − (1 − Φ(x))ⁿ + (Φ(y) − Φ(x))ⁿ] dx dy. The inner integral
/// runs over the whole panels below y on the shared grid (Φ precomputed there) plus the
/// partial panel that ends at y.
double computeSecondMoment(int n) {
  const auto& g = grid();
  const auto& r = unitRule();
  const std::size_t N = g.x.size();
  std::vector<double> p(N), tailPower(N);
  for (std::size_t i = 0; i < N; ++i) {
    p[i] = phi(g.x[i]);
    tailPower[i] = std::pow(upperTail(g.x[i]), n);
  }
  double outer = 0;
  for (std::size_t j = 0; j < N; ++j) {
    const double py = p[j], pyn = std::pow(py, n);
    const std::size_t panel = j / g.perPanel;
    double inner = 0;
    for (std::size_t i = 0; i < panel * g.perPanel; ++i)
      inner += g.w[i] * (1 - pyn - tailPower[i] + std::pow(py - p[i], n));
    const double start = -kLimit + static_cast<double>(panel), length = g.x[j] - start;
    for (std::size_t q = 0; q < r.x.size(); ++q) {
      const double x = start + length * r.x[q];
      inner += length * r.w[q] * (1 - pyn - std::pow(upperTail(x), n) + std::pow(py - phi(x), n));
    }
    outer += g.w[j] * inner;
  }
  return 2 * outer;
}

/// Computed once per n and kept: the double integral costs milliseconds.
double cached(std::map<int, double>& cache, int n, double (*compute)(int)) {
  static std::mutex mutex;
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(n); it != cache.end()) return it->second;
  }
  const double v = compute(n);
  std::lock_guard lock(mutex);
  cache[n] = v;
  return v;
}

double secondMoment(int n) {
  static std::map<int, double> cache;
  return cached(cache, n, computeSecondMoment);
}

}  // namespace

double rangeD2(int n) {
  checkSize(n);
  static std::map<int, double> cache;
  return cached(cache, n, computeD2);
}

double rangeD3(int n) {
  const double d2 = rangeD2(n);
  return std::sqrt(secondMoment(n) - d2 * d2);
}

double rangeD2StarOneSubgroup(int m) {
  checkSize(m);
  return std::sqrt(secondMoment(m));
}

}  // namespace fab::msa

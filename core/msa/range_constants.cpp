#include "core/msa/range_constants.h"

#include <boost/math/quadrature/gauss.hpp>
#include <cmath>
#include <map>
#include <mutex>
#include <string>

#include "core/common/error.h"

namespace fab::msa {
namespace {

// Beyond ±10 every integrand below is 0 to double precision for any n a gauge study has.
constexpr double kLimit = 10.0;
// The integrands are smooth on the scale of one standard deviation: a 20-point
// Gauss–Legendre rule on panels half a unit wide integrates them to rounding error.
constexpr double kPanel = 0.5;

double phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
double upperTail(double x) { return 0.5 * std::erfc(x / std::sqrt(2.0)); }

template <typename F>
double integrate(F f, double a, double b) {
  if (!(b > a)) return 0;
  const int panels = static_cast<int>(std::ceil((b - a) / kPanel));
  const double width = (b - a) / panels;
  double sum = 0;
  for (int i = 0; i < panels; ++i)
    sum += boost::math::quadrature::gauss<double, 20>::integrate(f, a + i * width, a + (i + 1) * width);
  return sum;
}

void checkSize(int n) {
  if (n < 2) throw Error("the range needs a subgroup of at least 2 values, got " + std::to_string(n));
  if (n > 1000) throw Error("range constants are computed for subgroups of up to 1000 values, got " + std::to_string(n));
}

double computeD2(int n) {
  return integrate([n](double x) { return 1 - std::pow(phi(x), n) - std::pow(upperTail(x), n); }, -kLimit, kLimit);
}

double computeSecondMoment(int n) {
  auto inner = [n](double y) {
    const double py = phi(y);
    return integrate(
        [n, py](double x) {
          const double between = py - phi(x);
          return 1 - std::pow(py, n) - std::pow(upperTail(x), n) + std::pow(between, n);
        },
        -kLimit, y);
  };
  return 2 * integrate(inner, -kLimit, kLimit);
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

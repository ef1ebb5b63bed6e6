#include "core/lean/serial_correlation.h"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <vector>

namespace fab::lean {
namespace {

std::vector<double> finite(std::span<const double> x) {
  std::vector<double> out;
  for (double v : x)
    if (std::isfinite(v)) out.push_back(v);
  return out;
}

double acf(const std::vector<double>& x, std::size_t lag) {
  const std::size_t n = x.size();
  if (lag >= n) return 0;
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(n);
  double den = 0, num = 0;
  for (double v : x) den += (v - mean) * (v - mean);
  for (std::size_t t = 0; t + lag < n; ++t) num += (x[t] - mean) * (x[t + lag] - mean);
  return den > 0 ? num / den : 0;
}

}  // namespace

double autocorrelation(std::span<const double> x, std::size_t lag) { return acf(finite(x), lag); }

SerialCorrelation ljungBox(std::span<const double> xIn, double alpha) {
  const auto x = finite(xIn);
  SerialCorrelation s;
  s.n = x.size();
  if (s.n < 3) return s;
  s.r1 = acf(x, 1);
  s.lags = std::max<std::size_t>(1, std::min<std::size_t>(10, s.n / 5));
  const double n = static_cast<double>(s.n);
  for (std::size_t k = 1; k <= s.lags; ++k) {
    const double r = acf(x, k);
    s.q += r * r / (n - static_cast<double>(k));
  }
  s.q *= n * (n + 2);
  s.pValue = boost::math::cdf(boost::math::complement(boost::math::chi_squared(static_cast<double>(s.lags)), s.q));
  s.autocorrelated = s.n >= 8 && s.pValue < alpha;
  return s;
}

}  // namespace fab::lean

#include "core/spc/normality.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "core/common/error.h"

namespace fab::spc {

double andersonDarlingPValue(double a) {
  // D'Agostino & Stephens (1986), Table 4.9, case 3 (μ and σ estimated).
  if (a >= 0.6) return std::exp(1.2937 - 5.709 * a + 0.0186 * a * a);
  if (a >= 0.34) return std::exp(0.9177 - 4.279 * a - 1.38 * a * a);
  if (a >= 0.2) return 1 - std::exp(-8.318 + 42.796 * a - 59.938 * a * a);
  return 1 - std::exp(-13.436 + 101.14 * a - 223.73 * a * a);
}

NormalityTest andersonDarling(std::span<const double> values) {
  std::vector<double> x;
  x.reserve(values.size());
  for (double v : values)
    if (!std::isnan(v)) x.push_back(v);
  NormalityTest t;
  t.n = x.size();
  if (t.n < 8)
    throw Error("the Anderson–Darling normality test needs at least 8 values (got " + std::to_string(t.n) + ")");
  std::sort(x.begin(), x.end());
  double mean = 0, m2 = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double d = x[i] - mean;
    mean += d / (i + 1);
    m2 += d * (x[i] - mean);
  }
  t.mean = mean;
  t.sd = std::sqrt(m2 / (t.n - 1));
  if (!(t.sd > 0)) throw Error("the Anderson–Darling test is undefined when every value is the same");
  const boost::math::normal normal;
  const double n = static_cast<double>(t.n);
  double sum = 0;
  for (std::size_t i = 0; i < t.n; ++i) {
    // ln Φ(zᵢ) and ln(1 − Φ(zₙ₊₁₋ᵢ)) = ln Φ(−zₙ₊₁₋ᵢ), both from the lower tail for accuracy.
    const double lo = (x[i] - mean) / t.sd;
    const double hi = (x[t.n - 1 - i] - mean) / t.sd;
    sum += (2.0 * (i + 1) - 1) * (std::log(boost::math::cdf(normal, lo)) + std::log(boost::math::cdf(normal, -hi)));
  }
  t.a2 = -n - sum / n;
  t.a2Adjusted = t.a2 * (1 + 0.75 / n + 2.25 / (n * n));
  t.pValue = std::clamp(andersonDarlingPValue(t.a2Adjusted), 0.0, 1.0);
  return t;
}

}  // namespace fab::spc

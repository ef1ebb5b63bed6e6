#include "core/spc/box_cox.h"

#include <boost/math/tools/minima.hpp>
#include <cmath>
#include <string>

#include "core/common/error.h"

namespace fab::spc {
namespace {

/// Throws for values ≤ 0; returns how many values are present.
std::size_t requirePositive(std::span<const double> values) {
  std::size_t bad = 0, present = 0;
  double smallest = 0;
  for (double x : values) {
    if (std::isnan(x)) continue;
    ++present;
    if (x <= 0) {
      smallest = bad == 0 ? x : std::min(smallest, x);
      ++bad;
    }
  }
  if (bad > 0)
    throw Error("Box-Cox needs positive data: " + std::to_string(bad) + " of " + std::to_string(present) +
                " values are ≤ 0 (smallest " + std::to_string(smallest) +
                "); shift the data by a constant or analyse it untransformed");
  return present;
}

}  // namespace

double boxCoxTransform(double x, double lambda) { return lambda == 0 ? std::log(x) : std::pow(x, lambda); }

double boxCoxLogLikelihood(std::span<const double> values, double lambda) {
  double n = 0, mean = 0, m2 = 0, logSum = 0;
  for (double x : values) {
    if (std::isnan(x)) continue;
    const double y = std::abs(lambda) < 1e-12 ? std::log(x) : std::expm1(lambda * std::log(x)) / lambda;
    ++n;
    const double d = y - mean;
    mean += d / n;
    m2 += d * (y - mean);
    logSum += std::log(x);
  }
  return -0.5 * n * std::log(m2 / n) + (lambda - 1) * logSum;
}

BoxCoxFit fitBoxCox(std::span<const double> values, double lo, double hi) {
  if (requirePositive(values) < 2) throw Error("Box-Cox needs at least 2 values");
  if (!(lo < hi)) throw Error("the Box-Cox λ search range must have lo < hi");
  if (!std::isfinite(boxCoxLogLikelihood(values, 1.0)))
    throw Error("Box-Cox is undefined when every value is the same");
  const auto negative = [&](double lambda) { return -boxCoxLogLikelihood(values, lambda); };
  const auto [lambda, value] = boost::math::tools::brent_find_minima(negative, lo, hi, 40);
  return {lambda, -value};
}

TransformedData applyBoxCox(std::span<const double> values, const SpecLimits& spec, double lambda) {
  requirePositive(values);
  TransformedData t;
  t.lambda = lambda;
  t.values.reserve(values.size());
  for (double x : values) t.values.push_back(std::isnan(x) ? x : boxCoxTransform(x, lambda));
  auto limit = [&](const std::optional<double>& v, const char* name) -> std::optional<double> {
    if (!v) return std::nullopt;
    if (*v <= 0 && lambda <= 0) {
      t.notes.push_back(std::string(name) +
                        " ≤ 0 cannot be transformed with λ ≤ 0; the data are positive and never "
                        "cross it, so it is left out");
      return std::nullopt;
    }
    return boxCoxTransform(std::max(*v, 0.0), lambda);
  };
  t.spec.lsl = limit(spec.lsl, "LSL");
  t.spec.usl = limit(spec.usl, "USL");
  t.spec.target = limit(spec.target, "target");
  if (lambda < 0) {
    std::swap(t.spec.lsl, t.spec.usl);
    t.notes.push_back("λ < 0: x^λ decreases, so the transformed LSL and USL are swapped");
  }
  return t;
}

}  // namespace fab::spc

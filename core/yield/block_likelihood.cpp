#include "core/yield/block_likelihood.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <limits>

namespace fab::yield {

namespace {

/// a · ln(a / b) with the limit 0 at a = 0.
double xLogXOverY(double a, double b) { return a == 0.0 ? 0.0 : a * std::log(a / b); }

}  // namespace

double binomialLogLikelihood(const BlockYield& b, double p) {
  const double n = static_cast<double>(b.blocks);
  const double k = static_cast<double>(b.good);
  const double logChoose = std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
  const double good = k == 0.0 ? 0.0 : k * std::log(p);
  const double bad = n - k == 0.0 ? 0.0 : (n - k) * std::log1p(-p);
  return logChoose + good + bad;
}

double devianceResidual(const BlockYield& b, double p) {
  const double n = static_cast<double>(b.blocks);
  const double k = static_cast<double>(b.good);
  const double deviance = 2.0 * (xLogXOverY(k, n * p) + xLogXOverY(n - k, n * (1.0 - p)));
  const double r = std::sqrt(std::max(deviance, 0.0));
  return k >= n * p ? r : -r;
}

std::optional<GoodnessOfFit> pearsonGoodness(std::span<const BlockYield> blocks, std::span<const double> predicted,
                                             int parameters) {
  int used = 0;
  double x2 = 0.0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].blocks == 0) continue;
    const double p = predicted[i];
    if (!(p > 0.0 && p < 1.0)) return std::nullopt;
    const double n = static_cast<double>(blocks[i].blocks);
    const double diff = static_cast<double>(blocks[i].good) - n * p;
    x2 += diff * diff / (n * p * (1.0 - p));
    ++used;
  }
  const int df = used - parameters;
  if (df <= 0) return std::nullopt;
  const boost::math::chi_squared chi2(df);
  return GoodnessOfFit{x2, df, boost::math::cdf(boost::math::complement(chi2, x2))};
}

}  // namespace fab::yield

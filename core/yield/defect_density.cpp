#include "core/yield/defect_density.h"

#include <boost/math/tools/toms748_solve.hpp>
#include <cmath>
#include <cstdint>
#include <string>

#include "core/common/error.h"

namespace fab::yield {

namespace {

/// Solves (1 − e^(−u))/u = s for u > 0, s in (0, 1). The left side falls
/// from 1 (u → 0) to 0 and is below 1/u, so the root lies in (0, 1/s].
double solveOneMinusExpOverX(double s) {
  auto f = [s](double u) { return (u == 0.0 ? 1.0 : -std::expm1(-u) / u) - s; };
  double lo = 0.0;
  double hi = 1.0 / s;
  if (f(hi) >= 0.0) return hi;  // only when rounding puts the root on the bound
  std::uintmax_t iterations = 200;
  const auto tolerance = boost::math::tools::eps_tolerance<double>(50);
  const auto [a, b] = boost::math::tools::toms748_solve(f, lo, hi, f(lo), f(hi), tolerance, iterations);
  if (iterations >= 200) throw Error("the defect density could not be solved for this yield");
  return 0.5 * (a + b);
}

}  // namespace

double adFromYield(YieldModel model, double y, const ModelParameters& p) {
  if (!(y > 0.0))
    throw Error("a yield of " + std::to_string(y) + " has no finite defect density: the yield must be above 0");
  if (!(y <= 1.0)) throw Error("a yield must not exceed 1 (got " + std::to_string(y) + ")");
  validate(model, p);
  if (y == 1.0) return 0.0;
  const double lnY = std::log(y);
  switch (model) {
    case YieldModel::Poisson:
      return -lnY;
    case YieldModel::MurphyTriangular:
      return solveOneMinusExpOverX(std::sqrt(y));  // ((1 − e^(−x))/x)² = y
    case YieldModel::MurphyUniform:
      return 0.5 * solveOneMinusExpOverX(y);  // (1 − e^(−2x))/(2x) = y
    case YieldModel::SeedsHyperbolic:
      return 1.0 / y - 1.0;
    case YieldModel::SeedsExponential:
      return lnY * lnY;
    case YieldModel::BoseEinstein:
      return std::expm1(-lnY / p.layers);
    case YieldModel::NegativeBinomial:
      return p.alpha * std::expm1(-lnY / p.alpha);
  }
  throw Error("unknown yield model");
}

double d0FromYield(YieldModel model, double area, double yield, const ModelParameters& p, double y0) {
  if (!(area > 0.0) || !std::isfinite(area)) throw Error("the die area must be a positive number of cm²");
  if (!(y0 > 0.0 && y0 <= 1.0)) throw Error("the gross yield Y0 must lie in (0, 1]");
  if (yield > y0)
    throw Error("the yield " + std::to_string(yield) + " exceeds the gross yield Y0 = " + std::to_string(y0) +
                ": no defect density explains it");
  return adFromYield(model, yield / y0, p) / area;
}

}  // namespace fab::yield

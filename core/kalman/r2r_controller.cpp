#include "core/kalman/r2r_controller.h"

#include <cmath>
#include <complex>
#include <limits>

#include "core/common/error.h"
#include "core/common/number_text.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Least-squares slope of the finite values against their index.
double slope(std::span<const double> d) {
  double n = 0, st = 0, sd = 0;
  for (std::size_t t = 0; t < d.size(); ++t)
    if (std::isfinite(d[t])) n += 1, st += static_cast<double>(t), sd += d[t];
  if (n < 2) return 0;
  const double mt = st / n, md = sd / n;
  double sxy = 0, sxx = 0;
  for (std::size_t t = 0; t < d.size(); ++t)
    if (std::isfinite(d[t])) {
      const double x = static_cast<double>(t) - mt;
      sxy += x * (d[t] - md);
      sxx += x * x;
    }
  return sxy / sxx;
}

}  // namespace

void R2rOptions::validate() const {
  auto weight = [](double l, const char* name) {
    if (!(l > 0) || l > 1)
      throw Error(std::string("R2R: the weight ") + name + " must be in (0, 1], got " + significantText(l, 4));
  };
  weight(lambda, "λ");
  if (lambda2) weight(*lambda2, "λ₂");
  if (!std::isfinite(target)) throw Error("R2R: the target must be a finite number");
  if (!std::isfinite(controllerGain) || controllerGain == 0)
    throw Error("R2R: the controller gain b must be a finite, nonzero number");
  if (processGain && !std::isfinite(*processGain)) throw Error("R2R: the process gain β must be a finite number");
  if (initialIntercept && !std::isfinite(*initialIntercept))
    throw Error("R2R: the initial intercept must be a finite number");
}

R2rStability r2rStability(double lambda, std::optional<double> lambda2, double xi) {
  R2rStability s;
  s.gainRatio = xi;
  if (!lambda2) {
    // e_{t+1} = (1 − λξ) e_t + …: one root (Ingolfsson & Sachs 1993).
    s.spectralRadius = std::abs(1 - lambda * xi);
    s.stable = s.spectralRadius < 1;
    s.condition =
        std::string("0 < λ·β/b = ") + significantText(lambda * xi, 4) + (s.stable ? " < 2" : " is outside (0, 2)");
    return s;
  }
  // Roots of z² − tr z + det for the double EWMA's state matrix.
  const double l1 = lambda, l2 = *lambda2;
  const double tr = 2 - xi * (l1 + l2);
  const double det = 1 - xi * (l1 + l2) + l1 * l2 * xi;
  const std::complex<double> disc = std::sqrt(std::complex<double>(tr * tr - 4 * det));
  s.spectralRadius = std::max(std::abs((tr + disc) / 2.0), std::abs((tr - disc) / 2.0));
  s.stable = s.spectralRadius < 1;
  s.condition = "spectral radius " + significantText(s.spectralRadius, 4) + (s.stable ? " < 1" : " ≥ 1") +
                " at λ₁ = " + significantText(l1, 4) + ", λ₂ = " + significantText(l2, 4) +
                ", β/b = " + significantText(xi, 4);
  return s;
}

R2rResult simulateController(std::span<const double> d, const R2rOptions& options) {
  options.validate();
  if (d.empty()) throw Error("R2R: the series has no run");
  for (std::size_t t = 0; t < d.size(); ++t)
    if (std::isinf(d[t])) throw Error("R2R: run " + std::to_string(t + 1) + " has an infinite value");
  const double b = options.controllerGain;
  const double beta = options.processGain.value_or(b);
  const double T = options.target;
  const double l1 = options.lambda;
  const double l2 = options.lambda2.value_or(0.0);
  const bool doubleEwma = options.lambda2.has_value();

  R2rResult out;
  const std::size_t n = d.size();
  out.recipe.resize(n);
  out.output.resize(n);
  out.intercept.resize(n);
  out.drift.resize(n);
  double a = options.initialIntercept.value_or(T), D = 0;
  double sumE = 0, sumE2 = 0, sumOpen2 = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const double u = (T - a - D) / b;
    out.recipe[t] = u;
    if (std::isfinite(d[t])) {
      const double y = beta * u + d[t];
      out.output[t] = y;
      const double w = y - b * u;
      const double aPrev = a;
      a = l1 * w + (1 - l1) * a;
      if (doubleEwma) D = l2 * (w - aPrev) + (1 - l2) * D;
      sumE += y - T;
      sumE2 += (y - T) * (y - T);
      sumOpen2 += (d[t] - T) * (d[t] - T);
      ++out.measuredRuns;
    } else {
      out.output[t] = kNaN;
    }
    out.intercept[t] = a;
    out.drift[t] = D;
  }
  const auto runs = static_cast<double>(out.measuredRuns);
  out.mse = runs > 0 ? sumE2 / runs : kNaN;
  out.meanError = runs > 0 ? sumE / runs : kNaN;
  out.openLoopMse = runs > 0 ? sumOpen2 / runs : kNaN;
  out.stability = r2rStability(l1, options.lambda2, beta / b);
  out.disturbanceDrift = slope(d);
  if (!out.stability.stable)
    out.driftOffset = kNaN;
  else
    out.driftOffset = doubleEwma ? 0.0 : out.disturbanceDrift / (l1 * beta / b);
  if (!out.stability.stable)
    out.warnings.push_back("the closed loop is unstable (" + out.stability.condition + "): the output diverges");
  if (out.measuredRuns == 0) out.warnings.push_back("no run was measured");
  return out;
}

}  // namespace fab::kalman

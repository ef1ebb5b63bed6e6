#include "core/kalman/variance_fit.h"

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/kalman/kalman_filter.h"
#include "core/kalman/local_level_fast.h"

namespace fab::kalman {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Variance of the first differences of consecutive observed values: the scale of the problem.
double differenceScale(std::span<const double> y) {
  double sum = 0, sum2 = 0;
  int count = 0;
  for (std::size_t t = 1; t < y.size(); ++t) {
    if (std::isnan(y[t]) || std::isnan(y[t - 1])) continue;
    const double d = y[t] - y[t - 1];
    sum += d;
    sum2 += d * d;
    ++count;
  }
  if (count < 2) {  // no adjacent pairs: fall back on the spread of the values
    double mean = 0, n = 0;
    for (double v : y)
      if (!std::isnan(v)) mean += v, ++n;
    mean /= n;
    double ss = 0;
    for (double v : y)
      if (!std::isnan(v)) ss += (v - mean) * (v - mean);
    return n > 1 ? ss / (n - 1) : 0.0;
  }
  return (sum2 - sum * sum / count) / (count - 1);
}

}  // namespace

void VarianceFitOptions::validate() const {
  optimiser.validate();
  if (!(relativeFloor > 0) || relativeFloor > 1e-2)
    throw Error("variance fit: the relative floor must be in (0, 0.01]");
  if (!(confidence > 0) || !(confidence < 1)) throw Error("variance fit: the confidence level must be in (0, 1)");
}

double structuralLogLikelihood(const StructuralModel& model, std::span<const double> y,
                               const Eigen::VectorXd& elapsed) {
  if (model.trend == Trend::LocalLevel && !model.interventionStep)
    return localLevelLogLikelihood(y, {model.observationVariance, model.levelVariance},
                                   std::span<const double>(elapsed.data(), static_cast<std::size_t>(elapsed.size())));
  return kalmanFilter(toStateSpace(model, static_cast<Eigen::Index>(y.size()), elapsed), y).logLikelihood;
}

VarianceFit fitVariances(const StructuralModel& start, std::span<const double> y, const Eigen::VectorXd& elapsed,
                         const VarianceFitOptions& options, const Feedback* feedback) {
  options.validate();
  const Eigen::Index diffuse = start.interventionStateIndex() + (start.interventionStep ? 1 : 0);
  Eigen::Index observed = 0;
  for (double v : y) observed += std::isnan(v) ? 0 : 1;
  if (observed < diffuse + 2)
    throw Error("variance fit: " + std::to_string(observed) + " observed values are too few for the " +
                trendName(start.trend) + " model (need at least " + std::to_string(diffuse + 2) + ")");
  const double scale = differenceScale(y);
  if (!(scale > 0)) throw Error("variance fit: the series is constant, so there is no variance to estimate");

  StructuralModel model = start;
  const auto names = model.varianceNames();
  const auto w = static_cast<Eigen::Index>(names.size());
  const double floorLog = std::log(options.relativeFloor * scale);
  const auto nObs = static_cast<double>(observed);
  auto variancesOf = [&](const Eigen::VectorXd& psi) {
    std::vector<double> v(static_cast<std::size_t>(w));
    for (Eigen::Index i = 0; i < w; ++i) v[i] = std::exp(std::max(psi[i], floorLog));
    return v;
  };
  // −log L per observation, as a function of the log-variances.
  const Objective negLogLik = [&](const Eigen::VectorXd& psi) {
    StructuralModel m = model;
    m.setVariances(variancesOf(psi));
    return -structuralLogLikelihood(m, y, elapsed) / nObs;
  };

  // Start from the best of a few signal-to-noise ratios q = σ²η/σ²ε, with Var(Δy) ≈ (2 + q) σ²ε.
  Eigen::VectorXd best;
  double bestValue = std::numeric_limits<double>::infinity();
  for (double q : {1e-3, 1e-2, 1e-1, 1.0, 10.0}) {
    Eigen::VectorXd psi(w);
    psi[0] = std::log(scale / (2 + q));
    psi[1] = psi[0] + std::log(q);
    if (w == 3) psi[2] = psi[1] + std::log(1e-2);
    const double value = negLogLik(psi);
    if (value < bestValue) bestValue = value, best = psi;
  }
  if (!std::isfinite(bestValue)) throw Error("variance fit: the likelihood cannot be evaluated for this series");

  const BfgsResult opt = minimizeBfgs(negLogLik, best, options.optimiser, feedback);
  VarianceFit out;
  out.iterations = opt.iterations;
  out.converged = opt.converged;
  out.message = opt.message;
  if (!opt.converged) out.warnings.push_back("the optimiser did not converge: " + opt.message);

  // Boundary estimates are fixed at zero; the others get standard errors.
  const auto fitted = variancesOf(opt.x);
  std::vector<Eigen::Index> interior;
  std::vector<double> values(fitted);
  for (Eigen::Index i = 0; i < w; ++i) {
    if (opt.x[i] <= floorLog + std::log(10.0)) {
      values[i] = 0;
      out.warnings.push_back("the " + names[i] + " is estimated at zero (boundary of the parameter space)");
    } else {
      interior.push_back(i);
    }
  }
  model.setVariances(values);
  out.model = model;
  out.logLikelihood = structuralLogLikelihood(model, y, elapsed);
  out.aic = (-2 * out.logLikelihood + 2.0 * static_cast<double>(diffuse + w)) / nObs;

  const auto k = static_cast<Eigen::Index>(interior.size());
  out.logVarianceCovariance = Eigen::MatrixXd::Constant(w, w, kNaN);
  Eigen::MatrixXd cov;
  if (k > 0) {
    const Objective negLogLikInterior = [&](const Eigen::VectorXd& sub) {
      Eigen::VectorXd psi = opt.x;
      for (Eigen::Index j = 0; j < k; ++j) psi[interior[j]] = sub[j];
      return nObs * negLogLik(psi);
    };
    Eigen::VectorXd sub(k);
    for (Eigen::Index j = 0; j < k; ++j) sub[j] = opt.x[interior[j]];
    const Eigen::MatrixXd H = numericalHessian(negLogLikInterior, sub);
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(H);
    if (ldlt.info() == Eigen::Success && ldlt.isPositive() && (ldlt.vectorD().array() > 0).all()) {
      cov = ldlt.solve(Eigen::MatrixXd::Identity(k, k));
      for (Eigen::Index a = 0; a < k; ++a)
        for (Eigen::Index b = 0; b < k; ++b) out.logVarianceCovariance(interior[a], interior[b]) = cov(a, b);
    } else {
      out.warnings.push_back("the information matrix is not positive definite: no standard errors");
    }
  }
  const boost::math::normal normal;
  const double z = boost::math::quantile(boost::math::complement(normal, (1 - options.confidence) / 2));
  for (Eigen::Index i = 0; i < w; ++i) {
    VarianceEstimate e;
    e.name = names[i];
    e.value = values[i];
    e.atBoundary = values[i] == 0;
    const double varPsi = out.logVarianceCovariance(i, i);
    e.logStandardError = std::isfinite(varPsi) ? std::sqrt(varPsi) : kNaN;
    e.standardError = e.value * e.logStandardError;
    e.lower = std::isfinite(varPsi) ? std::exp(opt.x[i] - z * e.logStandardError) : kNaN;
    e.upper = std::isfinite(varPsi) ? std::exp(opt.x[i] + z * e.logStandardError) : kNaN;
    out.estimates.push_back(e);
  }
  return out;
}

}  // namespace fab::kalman

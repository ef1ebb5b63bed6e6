#include "core/kalman/step_intervention.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/kalman/bfgs.h"
#include "core/kalman/kalman_filter.h"

namespace fab::kalman {
namespace {

constexpr double kMaxPhi = 0.999;  ///< |φ| is kept below this: a unit root is the local level's business
constexpr Eigen::Index kDiffuse = 2;

/// δ̂ and its standard error from the filter after the last step, with z, p and the interval.
void estimateFrom(const StateSpaceModel& model, std::span<const double> y, Eigen::Index k, double confidence,
                  InterventionFit& fit) {
  const auto n = static_cast<Eigen::Index>(y.size());
  const FilterResult f = kalmanFilter(model, y);
  if (f.diffuseSteps >= n)
    throw Error("step intervention: the series ends before the step and the level can be told apart");
  fit.effect = f.filteredState(k, n - 1);
  fit.standardError = std::sqrt(f.filteredVarianceAt(n - 1)(k, k));
  fit.logLikelihood = f.logLikelihood;
  const boost::math::normal normal;
  fit.z = fit.standardError > 0 ? fit.effect / fit.standardError
                                : (fit.effect == 0 ? 0.0 : std::numeric_limits<double>::infinity());
  fit.pValue = 2 * boost::math::cdf(boost::math::complement(normal, std::fabs(fit.z)));
  const double q = boost::math::quantile(boost::math::complement(normal, (1 - confidence) / 2));
  fit.lower = fit.effect - q * fit.standardError;
  fit.upper = fit.effect + q * fit.standardError;
}

InterventionFit fitLocalLevel(std::span<const double> y, Eigen::Index step, const StepInterventionOptions& options,
                              const Feedback* feedback) {
  StructuralModel start;
  start.interventionStep = step;
  const VarianceFit vf = fitVariances(start, y, Eigen::VectorXd(), options.fit, feedback);
  InterventionFit fit;
  fit.model = LevelModel::LocalLevel;
  fit.observationVariance = vf.model.observationVariance;
  fit.levelVariance = vf.model.levelVariance;
  fit.converged = vf.converged;
  fit.warnings = vf.warnings;
  const auto n = static_cast<Eigen::Index>(y.size());
  estimateFrom(toStateSpace(vf.model, n), y, vf.model.interventionStateIndex(), options.confidence, fit);
  fit.aic = vf.aic;
  return fit;
}

/// Spread of the values about their own side's mean: the scale of the AR(1) fit.
double residualVariance(std::span<const double> y, Eigen::Index step) {
  double sum[2] = {0, 0}, count[2] = {0, 0};
  for (std::size_t t = 0; t < y.size(); ++t)
    if (std::isfinite(y[t]))
      sum[static_cast<Eigen::Index>(t) >= step] += y[t], ++count[static_cast<Eigen::Index>(t) >= step];
  double ss = 0, n = 0;
  for (std::size_t t = 0; t < y.size(); ++t) {
    if (!std::isfinite(y[t])) continue;
    const int side = static_cast<Eigen::Index>(t) >= step;
    const double d = y[t] - sum[side] / count[side];
    ss += d * d;
    ++n;
  }
  return n > 2 ? ss / (n - 2) : 0.0;
}

InterventionFit fitAr1Level(std::span<const double> y, Eigen::Index step, const StepInterventionOptions& options,
                            const Feedback* feedback) {
  const auto n = static_cast<Eigen::Index>(y.size());
  double observed = 0;
  for (double v : y) observed += std::isfinite(v) ? 1 : 0;
  if (observed < kDiffuse + 3)
    throw Error("step intervention: " + std::to_string(static_cast<long>(observed)) +
                " observed values are too few for the AR(1) level (need at least 5)");
  const double scale = residualVariance(y, step);
  if (!(scale > 0)) throw Error("step intervention: the values do not vary about their means, nothing to fit");
  const double floorLog = std::log(options.fit.relativeFloor * scale);
  struct Params {
    double eps, eta, phi;
  };
  auto params = [&](const Eigen::VectorXd& psi) {
    return Params{std::exp(std::max(psi[0], floorLog)), std::exp(std::max(psi[1], floorLog)),
                  kMaxPhi * std::tanh(psi[2])};
  };
  const Objective negLogLik = [&](const Eigen::VectorXd& psi) {
    const Params p = params(psi);
    return -kalmanFilter(ar1LevelWithStep(p.eps, p.eta, p.phi, n, step), y).logLikelihood / observed;
  };
  // Start from the best of a grid of φ and of the share of the spread in the AR(1) part.
  Eigen::VectorXd best;
  double bestValue = std::numeric_limits<double>::infinity();
  for (double phi : {0.3, 0.6, 0.9})
    for (double share : {0.2, 0.5, 0.8}) {
      Eigen::VectorXd psi(3);
      psi << std::log((1 - share) * scale), std::log(share * scale * (1 - phi * phi)), std::atanh(phi / kMaxPhi);
      const double value = negLogLik(psi);
      if (value < bestValue) bestValue = value, best = psi;
    }
  if (!std::isfinite(bestValue)) throw Error("step intervention: the AR(1) likelihood cannot be evaluated");
  const BfgsResult opt = minimizeBfgs(negLogLik, best, options.fit.optimiser, feedback);
  const Params p = params(opt.x);
  InterventionFit fit;
  fit.model = LevelModel::Ar1Level;
  fit.converged = opt.converged;
  if (!opt.converged) fit.warnings.push_back("the optimiser did not converge: " + opt.message);
  fit.observationVariance = opt.x[0] <= floorLog + std::log(10.0) ? 0.0 : p.eps;
  fit.levelVariance = opt.x[1] <= floorLog + std::log(10.0) ? 0.0 : p.eta;
  fit.phi = p.phi;
  if (fit.observationVariance == 0)
    fit.warnings.push_back("the observation noise variance is estimated at zero (boundary of the parameter space)");
  if (fit.levelVariance == 0)
    fit.warnings.push_back("the AR(1) level variance is estimated at zero: no serial correlation left");
  // The estimate at the fitted point (a variance on the boundary is held at the floor, not 0,
  // so that a zero observation variance does not leave the filter with F = 0).
  estimateFrom(ar1LevelWithStep(p.eps, p.eta, p.phi, n, step), y, 2, options.confidence, fit);
  fit.aic = (-2 * fit.logLikelihood + 2.0 * (kDiffuse + 3)) / observed;
  return fit;
}

}  // namespace

const char* levelModelName(LevelModel m) { return m == LevelModel::LocalLevel ? "local level" : "AR(1) level"; }

void StepInterventionOptions::validate() const {
  if (!(confidence > 0) || !(confidence < 1)) throw Error("step intervention: the confidence level must be in (0, 1)");
  if (models.empty()) throw Error("step intervention: name at least one model to fit");
  fit.validate();
}

StateSpaceModel ar1LevelWithStep(double observationVariance, double levelVariance, double phi, Eigen::Index steps,
                                 Eigen::Index step) {
  if (!(std::fabs(phi) < 1)) throw Error("AR(1) level: |φ| must be below 1 (got " + std::to_string(phi) + ")");
  StateSpaceModel m;
  Eigen::MatrixXd Z(1, 3);
  Z << 1, 1, 0;
  std::vector<Eigen::MatrixXd> perStep(static_cast<std::size_t>(steps), Z);
  for (Eigen::Index t = step; t < steps; ++t) perStep[t](0, 2) = 1.0;
  m.Z = SystemMatrix(std::move(perStep));
  m.H = Eigen::MatrixXd::Constant(1, 1, observationVariance);
  m.T = Eigen::Vector3d(phi, 1, 1).asDiagonal().toDenseMatrix();
  m.R = Eigen::Vector3d(1, 0, 0);
  m.Q = Eigen::MatrixXd::Constant(1, 1, levelVariance);
  m.a1 = Eigen::VectorXd::Zero(3);
  m.P1 = Eigen::MatrixXd::Zero(3, 3);
  m.P1(0, 0) = levelVariance / (1 - phi * phi);  // the stationary variance of u
  m.P1Diffuse = Eigen::Vector3d(0, 1, 1).asDiagonal().toDenseMatrix();
  return m;
}

StepIntervention estimateStepIntervention(std::span<const double> y, Eigen::Index step,
                                          const StepInterventionOptions& options, const Feedback* feedback) {
  options.validate();
  const auto n = static_cast<Eigen::Index>(y.size());
  if (step < 1 || step >= n)
    throw Error("step intervention: the change must fall after the first value and at or before the last (step " +
                std::to_string(step + 1) + " of " + std::to_string(n) + ")");
  StepIntervention out;
  out.step = step;
  out.confidence = options.confidence;
  std::string failures;
  for (LevelModel m : options.models) {
    try {
      out.fits.push_back(m == LevelModel::LocalLevel ? fitLocalLevel(y, step, options, feedback)
                                                     : fitAr1Level(y, step, options, feedback));
    } catch (const Error& e) {
      out.notes.push_back(std::string(levelModelName(m)) + ": " + e.what());
      failures += (failures.empty() ? "" : "; ") + out.notes.back();
    }
  }
  if (out.fits.empty()) throw Error(failures);
  out.best = *std::min_element(out.fits.begin(), out.fits.end(),
                               [](const InterventionFit& a, const InterventionFit& b) { return a.aic < b.aic; });
  return out;
}

}  // namespace fab::kalman

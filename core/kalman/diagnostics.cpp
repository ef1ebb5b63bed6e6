#include "core/kalman/diagnostics.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <limits>

#include "core/common/error.h"

namespace fab::kalman {

Eigen::MatrixXd standardisedInnovations(const FilterResult& f) {
  Eigen::MatrixXd e(f.observationDim, f.steps);
  for (Eigen::Index t = 0; t < f.steps; ++t)
    for (Eigen::Index i = 0; i < f.observationDim; ++i) {
      const double v = f.innovation(i, t), F = f.innovationVariance(i, t);
      e(i, t) = (std::isnan(v) || !(F > 0) || f.isDiffuseObservation(t, i)) ? std::numeric_limits<double>::quiet_NaN()
                                                                            : v / std::sqrt(F);
    }
  return e;
}

NisTest nisTest(const FilterResult& f, double alpha) {
  if (!(alpha > 0) || !(alpha < 1)) throw Error("NIS test: the size α must be in (0, 1)");
  const Eigen::MatrixXd e = standardisedInnovations(f);
  double statistic = 0;
  Eigen::Index dof = 0;
  for (Eigen::Index k = 0; k < e.size(); ++k)
    if (std::isfinite(e.data()[k])) {
      statistic += e.data()[k] * e.data()[k];
      ++dof;
    }
  return nisTest(statistic, dof, alpha);
}

NisTest nisTest(double statistic, Eigen::Index degreesOfFreedom, double alpha) {
  if (!(alpha > 0) || !(alpha < 1)) throw Error("NIS test: the size α must be in (0, 1)");
  NisTest out;
  out.statistic = statistic;
  out.degreesOfFreedom = degreesOfFreedom;
  if (out.degreesOfFreedom == 0) {
    out.mean = out.lower = out.upper = out.pValue = std::numeric_limits<double>::quiet_NaN();
    return out;
  }
  const auto N = static_cast<double>(out.degreesOfFreedom);
  const boost::math::chi_squared chi2(N);
  out.mean = out.statistic / N;
  out.lower = boost::math::quantile(chi2, alpha / 2) / N;
  out.upper = boost::math::quantile(boost::math::complement(chi2, alpha / 2)) / N;
  const double below = boost::math::cdf(chi2, out.statistic);
  const double above = boost::math::cdf(boost::math::complement(chi2, out.statistic));
  out.pValue = std::min(1.0, 2 * std::min(below, above));
  out.consistent = out.mean >= out.lower && out.mean <= out.upper;
  return out;
}

SteadyState steadyState(const StateSpaceModel& model, int maxIterations, double tolerance) {
  model.validate(1);
  if (!model.Z.timeInvariant() || !model.H.timeInvariant() || !model.T.timeInvariant() || !model.R.timeInvariant() ||
      !model.Q.timeInvariant() || model.noiseScale.size() != 0)
    throw Error("steady state: the model changes from step to step, so it has no steady state");
  const auto& Z = model.Z.at(0);
  const auto& H = model.H.at(0);
  const auto& T = model.T.at(0);
  const Eigen::MatrixXd RQR = model.R.at(0) * model.Q.at(0) * model.R.at(0).transpose();
  SteadyState out;
  Eigen::MatrixXd P = RQR;
  for (out.iterations = 1; out.iterations <= maxIterations; ++out.iterations) {
    const Eigen::MatrixXd F = Z * P * Z.transpose() + H;
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(F);
    const Eigen::MatrixXd PZ = P * Z.transpose();
    Eigen::MatrixXd next = T * (P - PZ * ldlt.solve(PZ.transpose())) * T.transpose() + RQR;
    next = 0.5 * (next + next.transpose());
    const double change = (next - P).cwiseAbs().maxCoeff();
    P = next;
    if (change <= tolerance * std::max(1.0, P.cwiseAbs().maxCoeff())) {
      out.converged = true;
      break;
    }
  }
  out.iterations = std::min(out.iterations, maxIterations);
  out.predictedVariance = P;
  out.innovationVariance = Z * P * Z.transpose() + H;
  // gain = P Z' F⁻¹, from F gain' = Z P (F symmetric).
  out.gain = out.innovationVariance.ldlt().solve(Z * P).transpose();
  return out;
}

double ewmaWeight(double q) {
  if (std::isnan(q) || q < 0) throw Error("EWMA weight: the signal-to-noise ratio q = σ²η/σ²ε must be ≥ 0");
  if (std::isinf(q)) return 1.0;
  // (√(q² + 4q) − q)/2 written without cancellation: 2q / (√(q² + 4q) + q).
  return q == 0 ? 0.0 : 2 * q / (std::sqrt(q * q + 4 * q) + q);
}

}  // namespace fab::kalman

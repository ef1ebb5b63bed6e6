#include "core/defect/logistic_fit.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>
#include <sstream>

#include "core/common/error.h"

namespace fab::defect {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string text(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace

double LogisticFit::probability(double sizeUm) const {
  if (!usable()) return kNaN;
  const double t = logSize ? std::log(sizeUm) : sizeUm;
  return 1 / (1 + std::exp(-(intercept + slope * t)));
}

LogisticFit fitLogistic(std::span<const double> size, std::span<const int> killed, const LogisticOptions& o) {
  if (size.size() != killed.size()) throw Error("the logistic fit needs one kill flag per size");
  if (o.maxIterations < 1 || !(o.tolerance > 0))
    throw Error("the logistic fit needs iterations >= 1 and a positive tolerance");
  LogisticFit fit;
  fit.logSize = o.logSize;
  fit.n = size.size();
  Eigen::VectorXd t(static_cast<Eigen::Index>(fit.n)), y(static_cast<Eigen::Index>(fit.n));
  double max0 = -std::numeric_limits<double>::infinity(), min1 = std::numeric_limits<double>::infinity();
  double min0 = -max0, max1 = -min1;
  for (std::size_t i = 0; i < fit.n; ++i) {
    if (!std::isfinite(size[i])) throw Error("defect " + std::to_string(i) + " has no size: drop it before the fit");
    if (killed[i] != 0 && killed[i] != 1) throw Error("kill flags must be 0 or 1");
    if (o.logSize && !(size[i] > 0)) throw Error("a fit against ln(size) needs positive sizes");
    const auto k = static_cast<Eigen::Index>(i);
    t(k) = o.logSize ? std::log(size[i]) : size[i];
    y(k) = killed[i];
    fit.events += static_cast<std::size_t>(killed[i]);
    if (killed[i]) {
      min1 = std::min(min1, size[i]);
      max1 = std::max(max1, size[i]);
    } else {
      max0 = std::max(max0, size[i]);
      min0 = std::min(min0, size[i]);
    }
  }
  fit.intercept = fit.slope = kNaN;
  if (fit.n < 2 || fit.events == 0 || fit.events == fit.n) {
    fit.message = fit.n < 2 ? "too few observations for a fit"
                  : fit.events == 0
                      ? "no defect killed its die: the kill probability cannot be fitted (it is near 0)"
                      : "every defect killed its die: the kill probability cannot be fitted (it is near 1)";
    return fit;
  }
  if (t.maxCoeff() == t.minCoeff()) {
    fit.message = "every defect has the same size: no dependence on size can be fitted";
    return fit;
  }
  if (max0 <= min1 || max1 <= min0) {
    fit.separated = true;
    const bool upward = max0 <= min1;
    fit.separationLow = upward ? max0 : max1;
    fit.separationHigh = upward ? min1 : min0;
    fit.message = upward ? "every defect of " + text(min1) + " µm or more killed and none of " + text(max0) +
                               " µm or less did: the killer size lies between them (no finite logistic fit)"
                         : "kills only among the smaller defects (separated at " + text(max1) + "–" + text(min0) +
                               " µm): no finite logistic fit";
    return fit;
  }
  // Centre and scale the predictor for the iterations; map back at the end.
  const double mean = t.mean();
  const double scale = std::sqrt((t.array() - mean).square().mean());
  Eigen::MatrixXd x(t.size(), 2);
  x.col(0).setOnes();
  x.col(1) = (t.array() - mean) / scale;
  Eigen::Vector2d beta = Eigen::Vector2d::Zero();
  Eigen::Matrix2d info = Eigen::Matrix2d::Identity();
  for (int it = 1; it <= o.maxIterations; ++it) {
    const Eigen::VectorXd eta = x * beta;
    const Eigen::VectorXd p = (1 / (1 + (-eta.array()).exp())).matrix();
    const Eigen::VectorXd w = (p.array() * (1 - p.array())).max(1e-300).matrix();
    info = x.transpose() * w.asDiagonal() * x;
    const Eigen::Vector2d step = info.ldlt().solve(x.transpose() * (y - p));
    beta += step;
    fit.iterations = it;
    if (step.cwiseAbs().maxCoeff() < o.tolerance) {
      fit.converged = true;
      break;
    }
  }
  const Eigen::VectorXd eta = x * beta;
  const Eigen::VectorXd p = (1 / (1 + (-eta.array()).exp())).matrix();
  const Eigen::VectorXd w = (p.array() * (1 - p.array())).matrix();
  info = x.transpose() * w.asDiagonal() * x;
  fit.logLikelihood = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) fit.logLikelihood += y(i) ? std::log(p(i)) : std::log1p(-p(i));
  // Back to the original predictor: β1 = b1/s, β0 = b0 − b1·m/s; Σ = J Σ_b Jᵀ.
  Eigen::Matrix2d jac;
  jac << 1, -mean / scale, 0, 1 / scale;
  const Eigen::Matrix2d covScaled = info.ldlt().solve(Eigen::Matrix2d::Identity());
  fit.intercept = beta(0) - beta(1) * mean / scale;
  fit.slope = beta(1) / scale;
  fit.covariance = jac * covScaled * jac.transpose();
  if (!fit.converged) fit.message = "the fit did not converge in " + std::to_string(o.maxIterations) + " iterations";
  return fit;
}

KillerSize killerSize(const LogisticFit& fit, double probability, double confidence) {
  if (!(probability > 0 && probability < 1)) throw Error("the kill probability must lie strictly between 0 and 1");
  if (!(confidence > 0 && confidence < 1)) throw Error("the confidence level must lie between 0 and 1");
  KillerSize k;
  k.probability = probability;
  k.sizeUm = k.lowUm = k.highUm = kNaN;
  if (fit.separated) {
    k.message = fit.message;
    return k;
  }
  if (!fit.usable()) {
    k.message = fit.message.empty() ? "no logistic fit" : fit.message;
    return k;
  }
  if (!(fit.slope > 0)) {
    k.message = "the kill probability does not grow with defect size: no killer size";
    return k;
  }
  const double logit = std::log(probability / (1 - probability));
  const double tp = (logit - fit.intercept) / fit.slope;
  const Eigen::Vector2d g(-1 / fit.slope, -(logit - fit.intercept) / (fit.slope * fit.slope));
  const double sd = std::sqrt(std::max(0.0, g.dot(fit.covariance * g)));
  const double z = boost::math::quantile(boost::math::normal(), 1 - (1 - confidence) / 2);
  k.sizeUm = fit.logSize ? std::exp(tp) : tp;
  k.lowUm = fit.logSize ? std::exp(tp - z * sd) : tp - z * sd;
  k.highUm = fit.logSize ? std::exp(tp + z * sd) : tp + z * sd;
  k.defined = true;
  if (!fit.logSize && k.sizeUm <= 0)
    k.message = "the fitted killer size is not positive: the data say little below the smallest size";
  return k;
}

}  // namespace fab::defect

#include "core/kalman/bfgs.h"

#include <cmath>
#include <limits>

#include "core/common/error.h"

namespace fab::kalman {
namespace {

double stepFor(double x, double h) { return h * std::max(1.0, std::abs(x)); }

/// f, with NaN mapped to +inf so that comparisons treat it as infeasible.
double evaluate(const Objective& f, const Eigen::VectorXd& x, int& count) {
  ++count;
  const double v = f(x);
  return std::isnan(v) ? std::numeric_limits<double>::infinity() : v;
}

}  // namespace

void BfgsOptions::validate() const {
  if (maxIterations < 1) throw Error("optimiser: the iteration limit must be at least 1");
  if (!(gradientTolerance > 0) || !(functionTolerance > 0))
    throw Error("optimiser: the tolerances must be positive numbers");
  if (!(differenceStep > 0) || differenceStep > 0.1) throw Error("optimiser: the difference step must be in (0, 0.1]");
}

Eigen::VectorXd numericalGradient(const Objective& f, const Eigen::VectorXd& x, double h) {
  Eigen::VectorXd g(x.size());
  Eigen::VectorXd xp = x, xm = x;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double hi = stepFor(x[i], h);
    xp[i] = x[i] + hi;
    xm[i] = x[i] - hi;
    g[i] = (f(xp) - f(xm)) / (2 * hi);
    xp[i] = xm[i] = x[i];
  }
  return g;
}

Eigen::MatrixXd numericalHessian(const Objective& f, const Eigen::VectorXd& x, double h) {
  const Eigen::Index n = x.size();
  Eigen::MatrixXd H(n, n);
  const double f0 = f(x);
  Eigen::VectorXd y = x;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double hi = stepFor(x[i], h);
    y[i] = x[i] + hi;
    const double fp = f(y);
    y[i] = x[i] - hi;
    const double fm = f(y);
    y[i] = x[i];
    H(i, i) = (fp - 2 * f0 + fm) / (hi * hi);
    for (Eigen::Index j = 0; j < i; ++j) {
      const double hj = stepFor(x[j], h);
      auto at = [&](double si, double sj) {
        y[i] = x[i] + si * hi;
        y[j] = x[j] + sj * hj;
        const double v = f(y);
        y[i] = x[i];
        y[j] = x[j];
        return v;
      };
      H(i, j) = H(j, i) = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * hi * hj);
    }
  }
  return H;
}

BfgsResult minimizeBfgs(const Objective& f, const Eigen::VectorXd& x0, const BfgsOptions& options,
                        const Feedback* feedback) {
  options.validate();
  const Eigen::Index n = x0.size();
  BfgsResult out;
  int evaluations = 0;
  const Objective counted = [&](const Eigen::VectorXd& x) { return evaluate(f, x, evaluations); };
  Eigen::VectorXd x = x0;
  double fx = counted(x);
  if (!std::isfinite(fx)) throw Error("optimiser: the objective is not finite at the starting point");
  Eigen::VectorXd g = numericalGradient(counted, x, options.differenceStep);
  Eigen::MatrixXd B = Eigen::MatrixXd::Identity(n, n);
  bool scaled = false;
  out.message = "the iteration limit was reached";

  for (int iter = 1; iter <= options.maxIterations; ++iter) {
    if (feedback) feedback->checkCancelled();
    out.iterations = iter;
    if (g.cwiseAbs().maxCoeff() <= options.gradientTolerance) {
      out.converged = true;
      out.message = "the gradient vanished";
      --out.iterations;
      break;
    }
    Eigen::LDLT<Eigen::MatrixXd> ldlt(B);
    Eigen::VectorXd d = -ldlt.solve(g);
    if (ldlt.info() != Eigen::Success || !d.allFinite() || g.dot(d) >= 0) {
      B.setIdentity();  // lost positive definiteness: restart along the steepest descent
      d = -g;
    }
    // Backtracking line search with the Armijo condition f(x + αd) ≤ f(x) + c₁ α g'd (N&W Alg. 3.1).
    const double slope = g.dot(d);
    double alpha = 1.0, fNew = 0;
    Eigen::VectorXd xNew;
    bool accepted = false;
    for (int k = 0; k < 60; ++k) {
      xNew = x + alpha * d;
      fNew = counted(xNew);
      if (fNew <= fx + 1e-4 * alpha * slope) {
        accepted = true;
        break;
      }
      alpha *= 0.5;
    }
    if (!accepted) {
      out.converged = g.cwiseAbs().maxCoeff() <= 1e3 * options.gradientTolerance;
      out.message = out.converged ? "no further decrease along the search direction (at rounding level)"
                                  : "the line search found no decrease";
      break;
    }
    const Eigen::VectorXd gNew = numericalGradient(counted, xNew, options.differenceStep);
    const Eigen::VectorXd s = xNew - x, yv = gNew - g;
    const double decrease = fx - fNew;
    x = xNew;
    g = gNew;
    fx = fNew;
    const double sy = s.dot(yv);
    if (sy > 1e-12 * s.norm() * yv.norm()) {
      if (!scaled) {
        B = Eigen::MatrixXd::Identity(n, n) * (yv.dot(yv) / sy);  // N&W eq. 6.20
        scaled = true;
      }
      const Eigen::VectorXd Bs = B * s;
      B += yv * yv.transpose() / sy - Bs * Bs.transpose() / s.dot(Bs);  // N&W eq. 6.19
    }
    if (decrease <= options.functionTolerance * (1 + std::abs(fx))) {
      out.converged = true;
      out.message = "the objective stopped decreasing";
      break;
    }
  }
  out.x = x;
  out.value = fx;
  out.gradient = g;
  out.evaluations = evaluations;
  return out;
}

}  // namespace fab::kalman

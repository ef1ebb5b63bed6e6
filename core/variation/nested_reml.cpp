#include "core/variation/nested_reml.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "core/common/error.h"

namespace fab::variation {

namespace {

constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();

struct Sums {
  double a = 0, b = 0, c = 0, logDet = 0;  ///< 1ᵀV⁻¹1, 1ᵀV⁻¹y, yᵀV⁻¹y, log|V|
};

/// The quadratic forms of the whole design by the level-by-level recursion (header comment).
bool designSums(const NestedDesign& d, const std::vector<double>& value, const std::vector<double>& s, Sums& out) {
  const std::size_t L = d.factorCount();
  const double se = s[L];
  if (!(se > 0)) return false;
  std::vector<Sums> groups(d.groupCount(L - 1));
  const double logSe = std::log(se);
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto& g = groups[d.group[L - 1][i]];
    g.a += 1 / se;
    g.b += value[i] / se;
    g.c += value[i] * value[i] / se;
    g.logDet += logSe;
  }
  for (std::size_t l = L; l-- > 0;) {
    const double sl = s[l];
    for (auto& g : groups) {
      const double k = 1 + sl * g.a;
      if (!(k > 0)) return false;
      g.c -= sl * g.b * g.b / k;
      g.a /= k;
      g.b /= k;
      g.logDet += std::log(k);
    }
    if (l == 0) break;
    std::vector<Sums> up(d.groupCount(l - 1));
    for (std::size_t g = 0; g < groups.size(); ++g) {
      auto& p = up[d.parent[l][g]];
      p.a += groups[g].a;
      p.b += groups[g].b;
      p.c += groups[g].c;
      p.logDet += groups[g].logDet;
    }
    groups.swap(up);
  }
  out = {};
  for (const auto& g : groups) {
    out.a += g.a;
    out.b += g.b;
    out.c += g.c;
    out.logDet += g.logDet;
  }
  return out.a > 0;
}

double logLikelihood(const NestedDesign& d, const std::vector<double>& value, const std::vector<double>& s) {
  Sums t;
  if (!designSums(d, value, s, t)) return kMinusInfinity;
  const double n = static_cast<double>(value.size());
  return -0.5 * (t.logDet + std::log(t.a) + t.c - t.b * t.b / t.a + (n - 1) * std::log(2 * std::numbers::pi));
}

}  // namespace

double restrictedLogLikelihood(const NestedDesign& design, const std::vector<double>& variance) {
  return logLikelihood(design, design.value, variance);
}

RemlFit nestedReml(const NestedDesign& design, int maxIterations) {
  const std::size_t L = design.factorCount();
  const std::size_t p = L + 1;
  const std::size_t N = design.size();
  // Standardise: z = (y − ȳ)/sd, so that the variances are of order 1 and one
  // difference step suits every data set; the estimates scale back by sd².
  double mean = 0, var = 0;
  for (double y : design.value) mean += y;
  mean /= static_cast<double>(N);
  for (double y : design.value) var += (y - mean) * (y - mean);
  var /= static_cast<double>(N - 1);
  if (!(var > 0)) throw Error("the values have no spread: every variance component is 0");
  const double sd = std::sqrt(var);
  std::vector<double> z(N);
  for (std::size_t i = 0; i < N; ++i) z[i] = (design.value[i] - mean) / sd;
  auto f = [&](const std::vector<double>& s) { return logLikelihood(design, z, s); };

  // Start: equal shares of the total, a point well inside the feasible region.
  std::vector<double> s(p, 1.0 / static_cast<double>(p));
  double fs = f(s);
  const double h = 1e-4;
  auto shifted = [&](std::vector<double> x, std::size_t j, double dj, std::size_t k = 0, double dk = 0) {
    x[j] += dj;
    if (dk != 0) x[k] += dk;
    return f(x);
  };
  Eigen::VectorXd grad(p);
  Eigen::MatrixXd hess(p, p);
  auto derivatives = [&]() {
    // Central differences; a forward difference next to the boundary σ² = 0.
    for (std::size_t j = 0; j < p; ++j) {
      const bool central = s[j] > 2 * h;
      grad(j) = central ? (shifted(s, j, h) - shifted(s, j, -h)) / (2 * h) : (shifted(s, j, h) - fs) / h;
    }
    for (std::size_t j = 0; j < p; ++j) {
      for (std::size_t k = j; k < p; ++k) {
        double v;
        if (j == k) {
          v = s[j] > 2 * h ? (shifted(s, j, h) - 2 * fs + shifted(s, j, -h)) / (h * h)
                           : (shifted(s, j, 2 * h) - 2 * shifted(s, j, h) + fs) / (h * h);
        } else {
          const double hj = s[j] > 2 * h ? h : 0, hk = s[k] > 2 * h ? h : 0;
          if (hj > 0 && hk > 0)
            v = (shifted(s, j, h, k, h) - shifted(s, j, h, k, -h) - shifted(s, j, -h, k, h) +
                 shifted(s, j, -h, k, -h)) /
                (4 * h * h);
          else
            v = (shifted(s, j, h, k, h) - shifted(s, j, h) - shifted(s, k, h) + fs) / (h * h);
        }
        hess(j, k) = hess(k, j) = v;
      }
    }
  };

  RemlFit fit;
  for (int it = 0; it < maxIterations; ++it) {
    fit.iterations = it + 1;
    derivatives();
    // Active set: a component at 0 whose gradient points below 0 stays there.
    std::vector<std::size_t> free;
    for (std::size_t j = 0; j < p; ++j)
      if (s[j] > 0 || grad(j) > 0 || j == L) free.push_back(j);
    const auto m = free.size();
    Eigen::MatrixXd negH(m, m);
    Eigen::VectorXd g(m);
    for (std::size_t a = 0; a < m; ++a) {
      g(a) = grad(free[a]);
      for (std::size_t b = 0; b < m; ++b) negH(a, b) = -hess(free[a], free[b]);
    }
    // Newton step on −H; where −H is not positive definite, shift its diagonal (Levenberg).
    Eigen::VectorXd step;
    double lambda = 0;
    for (int tries = 0; tries < 60; ++tries) {
      Eigen::LLT<Eigen::MatrixXd> llt(negH + lambda * Eigen::MatrixXd::Identity(m, m));
      if (llt.info() == Eigen::Success) {
        step = llt.solve(g);
        break;
      }
      lambda = lambda == 0 ? 1e-6 * std::max(1.0, negH.diagonal().cwiseAbs().maxCoeff()) : lambda * 10;
    }
    if (step.size() == 0) step = g;
    double t = 1;
    std::vector<double> next;
    double fn = kMinusInfinity;
    for (int halving = 0; halving < 60; ++halving, t /= 2) {
      next = s;
      for (std::size_t a = 0; a < m; ++a) next[free[a]] = std::max(0.0, s[free[a]] + t * step(a));
      next[L] = std::max(next[L], 1e-12);
      fn = f(next);
      if (fn >= fs) break;
    }
    double change = 0;
    for (std::size_t j = 0; j < p; ++j) change = std::max(change, std::fabs(next[j] - s[j]));
    if (!(fn >= fs)) {  // no ascent along the step: at the maximum to the precision of the differences
      fit.converged = true;
      break;
    }
    s = next;
    const double gain = fn - fs;
    fs = fn;
    if (change < 1e-10 || (gain < 1e-13 && change < 1e-7)) {
      fit.converged = true;
      break;
    }
  }
  derivatives();
  std::vector<std::size_t> free;
  for (std::size_t j = 0; j < p; ++j)
    if (s[j] > 0) free.push_back(j);
  fit.varianceOfEstimate.assign(p, std::nan(""));
  if (!free.empty()) {
    Eigen::MatrixXd info(free.size(), free.size());
    for (std::size_t a = 0; a < free.size(); ++a)
      for (std::size_t b = 0; b < free.size(); ++b) info(a, b) = -hess(free[a], free[b]);
    Eigen::LDLT<Eigen::MatrixXd> ldlt(info);
    if (ldlt.info() == Eigen::Success && ldlt.isPositive()) {
      const Eigen::MatrixXd cov = ldlt.solve(Eigen::MatrixXd::Identity(free.size(), free.size()));
      for (std::size_t a = 0; a < free.size(); ++a) fit.varianceOfEstimate[free[a]] = cov(a, a) * var * var;
    }
  }
  fit.variance.resize(p);
  for (std::size_t j = 0; j < p; ++j) fit.variance[j] = s[j] * var;
  Sums t;
  designSums(design, z, s, t);
  fit.mean = mean + sd * t.b / t.a;
  // ℓ_R of the original data: the standardisation multiplies V by sd², which
  // adds −½ (N − 1) log sd² (the GLS contrast space has N − 1 dimensions).
  fit.logLikelihood = fs - 0.5 * static_cast<double>(N - 1) * std::log(var);
  return fit;
}

}  // namespace fab::variation

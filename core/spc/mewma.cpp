#include "core/spc/mewma.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/non_central_chi_squared.hpp>
#include <cmath>
#include <cstdio>

#include "core/common/error.h"

namespace fab::spc {
namespace {

constexpr double kPi = 3.14159265358979323846;

/// Gauss–Legendre nodes and weights on [−1, 1] (Newton on Legendre P_n;
/// Press et al., Numerical Recipes 3rd ed. §4.6.1).
void gaussLegendre(int n, std::vector<double>& x, std::vector<double>& w) {
  x.assign(static_cast<std::size_t>(n), 0);
  w.assign(static_cast<std::size_t>(n), 0);
  for (int i = 0; i < (n + 1) / 2; ++i) {
    double z = std::cos(kPi * (i + 0.75) / (n + 0.5)), pp = 0;
    for (int iter = 0; iter < 100; ++iter) {
      double p1 = 1, p2 = 0;
      for (int j = 0; j < n; ++j) {
        const double p3 = p2;
        p2 = p1;
        p1 = ((2.0 * j + 1) * z * p2 - j * p3) / (j + 1);
      }
      pp = n * (z * p1 - p2) / (z * z - 1);
      const double z1 = z;
      z = z1 - p1 / pp;
      if (std::fabs(z - z1) < 1e-15) break;
    }
    x[static_cast<std::size_t>(i)] = -z;
    x[static_cast<std::size_t>(n - 1 - i)] = z;
    w[static_cast<std::size_t>(i)] = w[static_cast<std::size_t>(n - 1 - i)] = 2 / ((1 - z * z) * pp * pp);
  }
}

/// Density of ‖Z'‖² = v given ‖Z‖² = u.
double transition(double v, double u, double p, double lambda) {
  const double l2 = lambda * lambda, ncp = (1 - lambda) * (1 - lambda) / l2 * u;
  if (ncp <= 0) return boost::math::pdf(boost::math::chi_squared_distribution<double>(p), v / l2) / l2;
  return boost::math::pdf(boost::math::non_central_chi_squared_distribution<double>(p, ncp), v / l2) / l2;
}

}  // namespace

void MewmaOptions::validate() const {
  if (!(lambda > 0 && lambda <= 1)) throw Error("the MEWMA weight λ must lie in (0, 1]");
  if (h && !(*h > 0)) throw Error("the MEWMA limit h must be positive");
  if (!(arl0 >= 2 && arl0 <= 1e7)) throw Error("the in-control ARL for the MEWMA limit must lie in [2, 10⁷]");
}

double mewmaInControlArl(std::size_t p, double lambda, double h, int nodes) {
  const double pd = static_cast<double>(p);
  if (lambda >= 1) {  // the T² chart with known parameters: geometric run length
    return 1 / boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<double>(pd), h));
  }
  const double top = std::sqrt(h * lambda / (2 - lambda));  // s = √v runs over [0, √H]
  std::vector<double> x, w;
  gaussLegendre(nodes, x, w);
  const auto n = static_cast<Eigen::Index>(nodes);
  std::vector<double> s(x.size()), ws(x.size());
  for (std::size_t j = 0; j < x.size(); ++j) {
    s[j] = top * (x[j] + 1) / 2;
    ws[j] = w[j] * top / 2 * 2 * s[j];  // dv = 2s ds
  }
  Eigen::MatrixXd a = Eigen::MatrixXd::Identity(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      a(i, j) -= ws[static_cast<std::size_t>(j)] *
                 transition(s[static_cast<std::size_t>(j)] * s[static_cast<std::size_t>(j)],
                            s[static_cast<std::size_t>(i)] * s[static_cast<std::size_t>(i)], pd, lambda);
  const Eigen::VectorXd l = a.partialPivLu().solve(Eigen::VectorXd::Ones(n));
  double arl = 1;
  for (Eigen::Index j = 0; j < n; ++j)
    arl += ws[static_cast<std::size_t>(j)] *
           transition(s[static_cast<std::size_t>(j)] * s[static_cast<std::size_t>(j)], 0, pd, lambda) * l(j);
  return arl;
}

double mewmaLimitForArl(std::size_t p, double lambda, double arl0) {
  double lo = 0, hi = static_cast<double>(p) + 10;
  while (mewmaInControlArl(p, lambda, hi) < arl0) {
    lo = hi;
    hi *= 1.5;
    if (hi > 1e4) throw Error("no MEWMA limit gives an in-control ARL of " + std::to_string(arl0));
  }
  for (int i = 0; i < 50 && hi - lo > 1e-7; ++i) {
    const double mid = 0.5 * (lo + hi);
    (mewmaInControlArl(p, lambda, mid) < arl0 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

MewmaChart mewma(const T2Chart& chart, const MewmaOptions& options) {
  options.validate();
  const auto p = static_cast<std::size_t>(chart.center.size());
  MewmaChart m;
  m.lambda = options.lambda;
  if (options.h) {
    m.h = *options.h;
    m.hSource = "given";
  } else {
    m.h = mewmaLimitForArl(p, options.lambda, options.arl0);
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "in-control ARL %g for p = %zu, λ = %g, from Rigdon's (1995) integral equation (48-node "
                  "Gauss–Legendre)",
                  options.arl0, p, options.lambda);
    m.hSource = buf;
  }
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(chart.covariance);
  Eigen::VectorXd z = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(p));
  const double scale = (2 - options.lambda) / options.lambda;
  for (Eigen::Index i = 0; i < chart.means.rows(); ++i) {
    const Eigen::VectorXd x = chart.means.row(i).transpose();
    if (!x.allFinite()) {
      m.statistic.push_back(T2Chart::kNaN);
      continue;
    }
    z = options.lambda * (x - chart.center) + (1 - options.lambda) * z;
    // Σ_Z⁻¹ = (2 − λ)/λ · nᵢ S⁻¹
    const double t2 = scale * chart.size[static_cast<std::size_t>(i)] * z.dot(ldlt.solve(z));
    m.statistic.push_back(t2);
    if (t2 > m.h) m.outOfControl.push_back(static_cast<std::size_t>(i));
  }
  m.notes.push_back(
      "Σ_Z is the asymptotic λ/(2 − λ)·S/n, as in the ARL tables of Lowry et al. (1992) and Prabhu & "
      "Runger (1997); S and the centre are the T² chart's phase I estimates");
  return m;
}

}  // namespace fab::spc

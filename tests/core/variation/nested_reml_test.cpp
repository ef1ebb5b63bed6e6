// REML for nested designs against independent computations: on balanced data
// it must equal the ANOVA estimates when none is negative (SCM 1992, §6.7,
// the closed form); on unbalanced data its maximum must agree with a brute
// force maximisation (Nelder–Mead) of the restricted log-likelihood evaluated
// with the dense covariance matrix V, and its log-likelihood with that dense one.
#include "core/variation/nested_reml.h"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>

#include "core/variation/variance_components.h"
#include "tests/core/variation/furnace_data.h"

namespace fab::variation {
namespace {

NestedDesign furnace(const std::function<bool(const test::FurnaceRow&)>& keep) {
  std::vector<std::vector<std::string>> keys(2);
  std::vector<double> value;
  for (const auto& r : test::readFurnace()) {
    if (!keep(r)) continue;
    keys[0].push_back(std::to_string(r.run));
    keys[1].push_back(std::to_string(r.zone));
    value.push_back(r.thickness);
  }
  return nestedDesign({"run", "zone"}, keys, value, "wafer");
}

/// ℓ_R with V formed densely: V = σ²_run Z₀Z₀ᵀ + σ²_zone Z₁Z₁ᵀ + σ²_e I, X = 1
/// (Searle, Casella & McCulloch 1992, eq. 6.67).
double denseRestrictedLogLikelihood(const NestedDesign& d, const std::vector<double>& s) {
  const auto n = static_cast<Eigen::Index>(d.size());
  Eigen::MatrixXd V = Eigen::MatrixXd::Identity(n, n) * s.back();
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      for (std::size_t l = 0; l < d.factorCount(); ++l)
        if (d.group[l][i] == d.group[l][j]) V(i, j) += s[l];
  Eigen::LDLT<Eigen::MatrixXd> ldlt(V);
  if (!ldlt.isPositive()) return -1e300;
  const Eigen::VectorXd y = Eigen::Map<const Eigen::VectorXd>(d.value.data(), n);
  const Eigen::VectorXd one = Eigen::VectorXd::Ones(n);
  const Eigen::VectorXd vy = ldlt.solve(y), v1 = ldlt.solve(one);
  const double a = one.dot(v1), b = one.dot(vy), c = y.dot(vy);
  const double logDet = ldlt.vectorD().array().log().sum();
  return -0.5 * (logDet + std::log(a) + c - b * b / a + (n - 1) * std::log(2 * std::numbers::pi));
}

/// Plain Nelder–Mead (Nelder & Mead 1965; reflection 1, expansion 2, contraction ½, shrink ½), maximising.
std::vector<double> nelderMead(const std::function<double(const std::vector<double>&)>& f, std::vector<double> x0,
                               double step, int iterations) {
  const std::size_t p = x0.size();
  std::vector<std::vector<double>> simplex(p + 1, x0);
  for (std::size_t j = 0; j < p; ++j) simplex[j + 1][j] += step;
  std::vector<double> value(p + 1);
  for (std::size_t i = 0; i <= p; ++i) value[i] = f(simplex[i]);
  for (int it = 0; it < iterations; ++it) {
    std::vector<std::size_t> order(p + 1);
    for (std::size_t i = 0; i <= p; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return value[a] > value[b]; });
    const auto best = order.front(), worst = order.back(), second = order[p - 1];
    std::vector<double> centre(p, 0.0);
    for (std::size_t i = 0; i < p; ++i)
      for (std::size_t j = 0; j < p; ++j) centre[j] += simplex[order[i]][j] / p;
    auto along = [&](double t) {
      std::vector<double> x(p);
      for (std::size_t j = 0; j < p; ++j) x[j] = centre[j] + t * (simplex[worst][j] - centre[j]);
      return x;
    };
    const auto r = along(-1);
    const double fr = f(r);
    if (fr > value[best]) {
      const auto e = along(-2);
      const double fe = f(e);
      if (fe > fr)
        simplex[worst] = e, value[worst] = fe;
      else
        simplex[worst] = r, value[worst] = fr;
    } else if (fr > value[second]) {
      simplex[worst] = r, value[worst] = fr;
    } else {
      const auto c = along(0.5);
      const double fc = f(c);
      if (fc > value[worst]) {
        simplex[worst] = c, value[worst] = fc;
      } else {
        for (std::size_t i = 0; i <= p; ++i) {
          if (i == best) continue;
          for (std::size_t j = 0; j < p; ++j)
            simplex[i][j] = simplex[best][j] + 0.5 * (simplex[i][j] - simplex[best][j]);
          value[i] = f(simplex[i]);
        }
      }
    }
  }
  return simplex[std::max_element(value.begin(), value.end()) - value.begin()];
}

TEST(NestedReml, BalancedFurnaceEqualsTheAnovaEstimates) {
  const auto d = furnace([](const auto&) { return true; });
  VarianceComponentsOptions o;
  o.method = ComponentMethod::Reml;
  const auto reml = varianceComponents(d, o);
  o.method = ComponentMethod::Anova;
  const auto anova = varianceComponents(d, o);
  for (int l = 0; l < 3; ++l) EXPECT_NEAR(reml.components[l].variance, anova.components[l].variance, 1e-6 * 660);
  // and the handbook's figures (NIST/SEMATECH §3.5.1.4)
  EXPECT_NEAR(reml.components[0].variance, 312.55694, 1e-3);
  EXPECT_NEAR(reml.components[1].variance, 225.38294, 1e-3);
  EXPECT_NEAR(reml.components[2].variance, 120.89286, 1e-3);
}

TEST(NestedReml, RecursionEqualsTheDenseLikelihood) {
  const auto d =
      furnace([](const auto& r) { return !(r.run % 3 == 0 && r.wafer == 2) && !(r.run == 5 && r.zone == 4); });
  ASSERT_FALSE(d.balanced());
  for (const auto& s : std::vector<std::vector<double>>{{300, 200, 120}, {0, 50, 400}, {1000, 0, 10}})
    EXPECT_NEAR(restrictedLogLikelihood(d, s), denseRestrictedLogLikelihood(d, s), 1e-8);
}

TEST(NestedReml, UnbalancedFurnaceMatchesBruteForceMaximum) {
  // Unbalance: the second wafer dropped in every third run, and run 5 lost zone 4.
  const auto d =
      furnace([](const auto& r) { return !(r.run % 3 == 0 && r.wafer == 2) && !(r.run == 5 && r.zone == 4); });
  const auto fit = nestedReml(d);
  ASSERT_TRUE(fit.converged);
  // Brute force on log σ² so that the search stays inside σ² > 0.
  auto f = [&](const std::vector<double>& logS) {
    return denseRestrictedLogLikelihood(d, {std::exp(logS[0]), std::exp(logS[1]), std::exp(logS[2])});
  };
  auto best = nelderMead(f, {std::log(100.0), std::log(100.0), std::log(100.0)}, 1.0, 400);
  best = nelderMead(f, best, 0.05, 400);  // restart to polish
  for (int l = 0; l < 3; ++l) {
    SCOPED_TRACE(l);
    EXPECT_NEAR(fit.variance[l], std::exp(best[l]), 1e-4 * std::exp(best[l]));
  }
  EXPECT_NEAR(fit.logLikelihood, f(best), 1e-6);
  // The estimates' variance is positive where the component is.
  for (double v : fit.varianceOfEstimate) EXPECT_GT(v, 0);
  const auto r = varianceComponents(d);
  EXPECT_NE(r.method.find("REML"), std::string::npos);
  EXPECT_FALSE(r.balanced);
}

TEST(NestedReml, ComponentOnTheBoundaryIsHeldAtZero) {
  // The truncation example of nested_anova_test plus a third run: zones agree
  // better than wafers, so the zone component's REML estimate lies at 0, and
  // the brute-force search on the remaining two agrees.
  std::vector<std::vector<std::string>> keys = {{"1", "1", "1", "1", "2", "2", "2", "2", "3", "3", "3"},
                                                {"1", "1", "2", "2", "1", "1", "2", "2", "1", "1", "2"}};
  const std::vector<double> y = {10, 14, 11, 13, 20, 24, 21, 23, 15, 18, 16};
  const auto d = nestedDesign({"run", "zone"}, keys, y, "wafer");
  const auto fit = nestedReml(d);
  EXPECT_EQ(fit.variance[1], 0);
  EXPECT_TRUE(std::isnan(fit.varianceOfEstimate[1]));
  auto f = [&](const std::vector<double>& logS) {
    return denseRestrictedLogLikelihood(d, {std::exp(logS[0]), 0.0, std::exp(logS[1])});
  };
  auto best = nelderMead(f, {std::log(10.0), std::log(5.0)}, 1.0, 400);
  best = nelderMead(f, best, 0.05, 400);
  EXPECT_NEAR(fit.variance[0], std::exp(best[0]), 1e-4 * std::exp(best[0]));
  EXPECT_NEAR(fit.variance[2], std::exp(best[1]), 1e-4 * std::exp(best[1]));
}

TEST(NestedReml, ThreeFactorLevelsMatchTheDenseLikelihoodAndBruteForce) {
  // lot / wafer / field / repeat: 4 × 3 × 2 × 2, some cells dropped; values from a fixed
  // linear congruential sequence plus level offsets, so that every component is positive.
  std::vector<std::vector<std::string>> keys(3);
  std::vector<double> y;
  unsigned state = 12345;
  auto noise = [&] {
    state = state * 1103515245u + 12345u;
    return static_cast<double>((state >> 8) % 10000) / 10000.0 - 0.5;
  };
  for (int lot = 0; lot < 4; ++lot) {
    const double a = 3 * noise();
    for (int wafer = 0; wafer < 3; ++wafer) {
      const double b = 2 * noise();
      for (int field = 0; field < 2; ++field) {
        const double c = 1.5 * noise();
        for (int rep = 0; rep < 2; ++rep) {
          if ((lot + wafer + field + rep) % 5 == 0) continue;  // unbalance
          keys[0].push_back(std::to_string(lot));
          keys[1].push_back(std::to_string(wafer));
          keys[2].push_back(std::to_string(field));
          y.push_back(10 + a + b + c + noise());
        }
      }
    }
  }
  const auto d = nestedDesign({"lot", "wafer", "field"}, keys, y, "repeat");
  ASSERT_FALSE(d.balanced());
  for (const auto& s : std::vector<std::vector<double>>{{0.5, 0.3, 0.2, 0.1}, {0, 1, 0, 0.05}})
    EXPECT_NEAR(restrictedLogLikelihood(d, s), denseRestrictedLogLikelihood(d, s), 1e-9);
  const auto fit = nestedReml(d);
  ASSERT_TRUE(fit.converged);
  auto f = [&](const std::vector<double>& logS) {
    return denseRestrictedLogLikelihood(d,
                                        {std::exp(logS[0]), std::exp(logS[1]), std::exp(logS[2]), std::exp(logS[3])});
  };
  auto best = nelderMead(f, {std::log(0.5), std::log(0.5), std::log(0.5), std::log(0.1)}, 1.0, 1500);
  best = nelderMead(f, best, 0.05, 1500);
  // Compare where the brute force found an interior maximum; a component it drives towards 0 must be 0 in the fit.
  for (int l = 0; l < 4; ++l) {
    SCOPED_TRACE(l);
    if (best[l] < std::log(1e-6))
      EXPECT_LT(fit.variance[l], 1e-4);
    else
      EXPECT_NEAR(fit.variance[l], std::exp(best[l]), 1e-3 * std::exp(best[l]) + 1e-6);
  }
  EXPECT_NEAR(fit.logLikelihood, f(best), 1e-6);
  EXPECT_EQ(std::count_if(best.begin(), best.end(), [](double v) { return v > std::log(1e-6); }), 4);
}

}  // namespace
}  // namespace fab::variation

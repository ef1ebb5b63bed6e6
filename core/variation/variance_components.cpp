#include "core/variation/variance_components.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <cstdio>

#include "core/common/error.h"
#include "core/variation/level_names.h"
#include "core/variation/nested_reml.h"

namespace fab::variation {

namespace {

/// Satterthwaite interval for an estimate with ν degrees of freedom (header comment).
void satterthwaite(VarianceComponent& c, double nu, double confidence) {
  c.df = nu;
  if (!(c.variance > 0) || !(nu > 0) || !std::isfinite(nu)) {
    c.df = c.ciLow = c.ciHigh = std::nan("");
    return;
  }
  const boost::math::chi_squared chi(nu);
  const double alpha = 1 - confidence;
  c.ciLow = nu * c.variance / boost::math::quantile(boost::math::complement(chi, alpha / 2));
  c.ciHigh = nu * c.variance / boost::math::quantile(chi, alpha / 2);
}

std::string formatNumber(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", v);
  return text;
}

}  // namespace

void VarianceComponentsOptions::validate() const {
  if (!(confidence > 0 && confidence < 1)) throw Error("the confidence level must lie between 0 and 1");
}

VarianceComponentsResult varianceComponents(const NestedDesign& design, const VarianceComponentsOptions& options) {
  options.validate();
  const std::size_t L = design.factorCount();
  VarianceComponentsResult r;
  r.n = design.size();
  r.balanced = design.balanced();
  r.confidence = options.confidence;
  for (std::size_t l = 0; l < L; ++l) r.groups.push_back(design.groupCount(l));
  const auto table = nestedAnova(design);
  r.anova = table.rows;
  const bool useAnova =
      options.method == ComponentMethod::Anova || (options.method == ComponentMethod::Automatic && r.balanced);
  if (useAnova && !r.balanced)
    throw Error("the ANOVA estimates need balanced data (equal counts in every group); use REML");

  r.components.resize(L + 1);
  for (std::size_t l = 0; l <= L; ++l) {
    r.components[l].level = design.levels[l];
    r.components[l].source = sourceName(design.levels, l);
  }
  if (useAnova) {
    r.method = "ANOVA (method of moments, expected mean squares of the balanced nested design)";
    r.intervalMethod = "Satterthwaite: nu = (sum c_i MS_i)^2 / sum (c_i MS_i)^2 / df_i; residual exact chi-square";
    double grand = 0;
    for (double y : design.value) grand += y;
    r.mean = grand / static_cast<double>(r.n);
    for (std::size_t l = 0; l <= L; ++l) {
      auto& c = r.components[l];
      c.variance = table.moments[l];
      double nu;
      if (l == L) {
        nu = table.rows[L].df;
      } else {
        // σ̂²_l = (MS_l − MS_{l+1}) / n_l: c = ±1/n_l on two mean squares.
        const double n = design.observationsPerGroup(l);
        const double a = table.rows[l].ms / n, b = table.rows[l + 1].ms / n;
        nu = (a - b) * (a - b) / (a * a / table.rows[l].df + b * b / table.rows[l + 1].df);
      }
      if (c.variance < 0) {
        r.notes.push_back("the ANOVA estimate of " + c.source + " came out negative (" + formatNumber(c.variance) +
                          ") and is set to 0: its mean square is smaller than the one below it");
        c.variance = 0;
        c.truncated = true;
      }
      satterthwaite(c, nu, options.confidence);
    }
  } else {
    const auto fit = nestedReml(design);
    r.method =
        "REML (restricted maximum likelihood; Newton-Raphson on the nested model, Searle, Casella & "
        "McCulloch 1992, ch. 6)";
    r.intervalMethod = "Satterthwaite: nu = 2 sigma^4 / Var(sigma^2), Var from the inverse observed information";
    r.mean = fit.mean;
    r.remlLogLikelihood = fit.logLikelihood;
    r.remlIterations = fit.iterations;
    if (!fit.converged) r.notes.push_back("REML did not converge in " + std::to_string(fit.iterations) + " iterations");
    if (!r.balanced)
      r.notes.push_back(
          "unbalanced data (unequal group sizes): REML estimates; the ANOVA table's F tests and "
          "expected mean squares are left out");
    for (std::size_t l = 0; l <= L; ++l) {
      auto& c = r.components[l];
      c.variance = fit.variance[l];
      if (c.variance <= 0) {
        c.variance = 0;
        c.truncated = true;
        r.notes.push_back("the REML estimate of " + c.source + " lies on the boundary 0");
      }
      const double v = fit.varianceOfEstimate[l];
      satterthwaite(c, v > 0 ? 2 * c.variance * c.variance / v : std::nan(""), options.confidence);
    }
  }
  for (const auto& c : r.components) r.total += c.variance;
  r.totalSigma = std::sqrt(r.total);
  for (auto& c : r.components) {
    c.sigma = std::sqrt(c.variance);
    c.percent = r.total > 0 ? 100 * c.variance / r.total : 0;
  }
  return r;
}

}  // namespace fab::variation

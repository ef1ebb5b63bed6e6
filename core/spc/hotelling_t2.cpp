#include "core/spc/hotelling_t2.h"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <tuple>

#include "core/common/error.h"
#include "core/common/number_text.h"

namespace fab::spc {
namespace {

double fQuantile(double q, double df1, double df2) {
  return boost::math::quantile(boost::math::fisher_f_distribution<double>(df1, df2), q);
}

/// The points: for each, the complete rows behind it.
std::vector<std::vector<std::size_t>> pointRows(const Eigen::MatrixXd& data, const Subgroups* groups) {
  std::vector<std::vector<std::size_t>> points;
  auto complete = [&](std::size_t r) { return data.row(static_cast<Eigen::Index>(r)).allFinite(); };
  if (!groups) {
    for (std::size_t r = 0; r < static_cast<std::size_t>(data.rows()); ++r)
      points.push_back(complete(r) ? std::vector<std::size_t>{r} : std::vector<std::size_t>{});
    return points;
  }
  for (std::size_t g = 0; g < groups->count(); ++g) {
    std::vector<std::size_t> rows;
    for (auto r : groups->members(g))
      if (complete(r)) rows.push_back(r);
    points.push_back(std::move(rows));
  }
  return points;
}

Eigen::VectorXd meanOf(const Eigen::MatrixXd& data, const std::vector<std::size_t>& rows) {
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(data.cols());
  for (auto r : rows) sum += data.row(static_cast<Eigen::Index>(r)).transpose();
  return sum / static_cast<double>(rows.size());
}

/// n·dᵀS⁻¹d over the variables in `subset` (in that order).
double partialT2(const Eigen::VectorXd& d, const Eigen::MatrixXd& s, const std::vector<std::size_t>& subset, double n) {
  const auto k = static_cast<Eigen::Index>(subset.size());
  Eigen::VectorXd ds(k);
  Eigen::MatrixXd ss(k, k);
  for (Eigen::Index i = 0; i < k; ++i) {
    ds(i) = d(static_cast<Eigen::Index>(subset[i]));
    for (Eigen::Index j = 0; j < k; ++j)
      ss(i, j) = s(static_cast<Eigen::Index>(subset[i]), static_cast<Eigen::Index>(subset[j]));
  }
  return n * ds.dot(ss.ldlt().solve(ds));
}

/// Mason, Tracy & Young (1995): T²ⱼ for every j, and T² = T²₁ + T²₂.₁ + … +
/// T²ₚ.₁…ₚ₋₁ with T²ⱼ.₁…ⱼ₋₁ = T²(x₁…xⱼ) − T²(x₁…xⱼ₋₁).
void decompose(T2Signal& s, const Eigen::VectorXd& d, const T2Chart& chart, double n) {
  const auto p = static_cast<std::size_t>(d.size());
  const double m = static_cast<double>(chart.phaseOnePoints);
  auto termLimit = [&](std::size_t k) {  // k conditioning variables, an individual observation
    if (!chart.individuals || m - static_cast<double>(k) - 1 <= 0) return T2Chart::kNaN;
    const double df = m - static_cast<double>(k) - 1;
    return (m + 1) * (m - 1) / (m * df) * fQuantile(1 - chart.alpha, 1, df);
  };
  const Eigen::VectorXd sinv_d = chart.covariance.ldlt().solve(d);
  for (std::size_t j = 0; j < p; ++j) {
    const auto jj = static_cast<Eigen::Index>(j);
    s.contributions.push_back(n * d(jj) * sinv_d(jj));
    s.unconditional.push_back({j, {}, n * d(jj) * d(jj) / chart.covariance(jj, jj), termLimit(0)});
  }
  std::vector<std::size_t> before{0};
  double previous = s.unconditional[0].value;
  for (std::size_t j = 1; j < p; ++j) {
    auto subset = before;
    subset.push_back(j);
    const double whole = partialT2(d, chart.covariance, subset, n);
    s.conditional.push_back({j, before, whole - previous, termLimit(j)});
    previous = whole;
    before = subset;
  }
}

}  // namespace

void T2Options::validate() const {
  if (alpha && !(*alpha > 0 && *alpha < 1)) throw Error("the false-alarm probability α must lie in (0, 1)");
  if (phaseOne && phaseOne->second < phaseOne->first) throw Error("the phase I range ends before it starts");
}

std::pair<double, double> t2Limits(std::size_t p, std::size_t m, double n, double alpha) {
  const double pd = static_cast<double>(p), md = static_cast<double>(m);
  if (n <= 1) {
    if (md - pd - 1 <= 0)
      throw Error("a T² chart of individuals with " + std::to_string(p) + " variables needs at least " +
                  std::to_string(p + 2) + " phase I observations (got " + std::to_string(m) + ")");
    // Tracy, Young & Mason (1992): (m−1)²/m · Beta(1−α; p/2, (m−p−1)/2).
    const boost::math::beta_distribution<double> beta(pd / 2, (md - pd - 1) / 2);
    const double one = (md - 1) * (md - 1) / md * boost::math::quantile(beta, 1 - alpha);
    const double two = pd * (md + 1) * (md - 1) / (md * (md - pd)) * fQuantile(1 - alpha, pd, md - pd);
    return {one, two};
  }
  const double df2 = md * n - md - pd + 1;
  if (df2 <= 0)
    throw Error("a T² chart of " + std::to_string(m) + " subgroups of " + significantText(n) + " with " +
                std::to_string(p) +
                " variables has no degrees of freedom left (mn − m − p + 1 ≤ 0): take more subgroups");
  const double f = fQuantile(1 - alpha, pd, df2);
  return {pd * (md - 1) * (n - 1) / df2 * f, pd * (md + 1) * (n - 1) / df2 * f};
}

T2Chart hotellingT2(const Eigen::MatrixXd& data, const Subgroups* groups, const std::vector<std::string>& variables,
                    const T2Options& options) {
  options.validate();
  const auto p = static_cast<std::size_t>(data.cols());
  if (p < 1) throw Error("a T² chart needs at least one variable");
  if (variables.size() != p) throw Error("a T² chart needs one name per variable");
  T2Chart chart;
  chart.variables = variables;
  chart.individuals = groups == nullptr;
  chart.alpha = options.alpha.value_or(1 - std::pow(1 - 0.0027, static_cast<double>(p)));

  const auto points = pointRows(data, groups);
  const std::size_t count = points.size();
  std::size_t first = 0, last = count == 0 ? 0 : count - 1;
  if (options.phaseOne) {
    std::tie(first, last) = *options.phaseOne;
    if (last >= count)
      throw Error("the phase I range ends at point " + std::to_string(last + 1) + " but there are only " +
                  std::to_string(count) + " points");
  }
  std::size_t incomplete = 0;
  for (Eigen::Index r = 0; r < data.rows(); ++r) incomplete += data.row(r).allFinite() ? 0 : 1;
  if (incomplete) chart.notes.push_back(std::to_string(incomplete) + " rows with a missing value left out");

  // Phase I estimates: the mean of the phase I observations and S (pooled
  // within subgroups: Σ(x − x̄ᵢ)(x − x̄ᵢ)ᵀ / Σ(nᵢ − 1), Montgomery §11.3.1).
  std::vector<std::size_t> phaseOneRows;
  Eigen::MatrixXd scatter = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(p));
  double scatterDf = 0, sizeSum = 0;
  std::size_t used = 0, single = 0, minSize = SIZE_MAX, maxSize = 0;
  for (std::size_t i = first; i <= last && count > 0; ++i) {
    const auto& rows = points[i];
    if (rows.empty() || (groups && rows.size() < 2)) {  // a subgroup of one has no within spread
      if (!rows.empty()) ++single;
      continue;
    }
    ++used;
    sizeSum += static_cast<double>(rows.size());
    minSize = std::min(minSize, rows.size());
    maxSize = std::max(maxSize, rows.size());
    phaseOneRows.insert(phaseOneRows.end(), rows.begin(), rows.end());
    if (groups) {
      const Eigen::VectorXd mean = meanOf(data, rows);
      for (auto r : rows) {
        const Eigen::VectorXd e = data.row(static_cast<Eigen::Index>(r)).transpose() - mean;
        scatter += e * e.transpose();
      }
      scatterDf += static_cast<double>(rows.size() - 1);
    }
  }
  if (used == 0) throw Error("no phase I point has complete data for every variable");
  if (single)
    chart.notes.push_back(std::to_string(single) +
                          " phase I subgroups of one complete row left out of the estimates (no within spread)");
  chart.phaseOnePoints = used;
  chart.center = meanOf(data, phaseOneRows);
  if (groups) {
    chart.subgroupSize = sizeSum / static_cast<double>(used);
    if (minSize != maxSize)
      chart.notes.push_back("phase I subgroups hold " + std::to_string(minSize) + " to " + std::to_string(maxSize) +
                            " complete rows: the limits use the average n = " + significantText(chart.subgroupSize) +
                            " (the formulas assume equal sizes), each point's T² its own n");
    chart.covariance = scatter / scatterDf;
  } else {
    for (auto r : phaseOneRows) {
      const Eigen::VectorXd e = data.row(static_cast<Eigen::Index>(r)).transpose() - chart.center;
      scatter += e * e.transpose();
    }
    chart.covariance = scatter / static_cast<double>(used - 1);
  }
  std::tie(chart.uclPhaseOne, chart.uclPhaseTwo) = t2Limits(p, used, chart.subgroupSize, chart.alpha);
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(chart.covariance);
  const Eigen::VectorXd diag = ldlt.vectorD();
  if (ldlt.info() != Eigen::Success || diag.minCoeff() <= 1e-12 * std::max(diag.maxCoeff(), 1e-300))
    throw Error(
        "the phase I covariance matrix is singular: a variable is constant or a linear combination of "
        "others; drop it");

  chart.means =
      Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(p), T2Chart::kNaN);
  for (std::size_t i = 0; i < count; ++i) {
    const auto& rows = points[i];
    const double n = static_cast<double>(rows.size());
    chart.size.push_back(n);
    chart.phase.push_back(i >= first && i <= last ? 1 : 2);
    chart.ucl.push_back(chart.phase.back() == 1 ? chart.uclPhaseOne : chart.uclPhaseTwo);
    if (rows.empty()) {
      chart.statistic.push_back(T2Chart::kNaN);
      continue;
    }
    chart.means.row(static_cast<Eigen::Index>(i)) = meanOf(data, rows).transpose();
    const Eigen::VectorXd d = chart.means.row(static_cast<Eigen::Index>(i)).transpose() - chart.center;
    const double t2 = n * d.dot(ldlt.solve(d));
    chart.statistic.push_back(t2);
    if (t2 > chart.ucl.back()) {
      T2Signal s;
      s.point = i;
      s.t2 = t2;
      decompose(s, d, chart, n);
      chart.outOfControl.push_back(std::move(s));
    }
  }
  chart.convention =
      chart.individuals
          ? "individuals: phase I UCL (m−1)²/m·Beta(1−α; p/2, (m−p−1)/2) (Tracy, Young & Mason 1992); phase II UCL "
            "p(m+1)(m−1)/(m(m−p))·F(1−α; p, m−p) (Montgomery §11.3.2); S the sample covariance of phase I"
          : "subgroups: phase I UCL p(m−1)(n−1)/(mn−m−p+1)·F(1−α; p, mn−m−p+1), phase II UCL "
            "p(m+1)(n−1)/(mn−m−p+1)·F(1−α; p, mn−m−p+1) (Montgomery §11.3.1); S pooled within phase I subgroups";
  if (!options.alpha)
    chart.notes.push_back("α = 1 − (1 − 0.0027)^p = " + significantText(chart.alpha) + " (p three-sigma charts)");
  if (!chart.individuals)
    chart.notes.push_back("MYT terms of subgroup means carry no limit (the published limits are for individuals)");
  return chart;
}

}  // namespace fab::spc

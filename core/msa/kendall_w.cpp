#include "core/msa/kendall_w.h"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <numeric>
#include <string>

#include "core/common/error.h"

namespace fab::msa {

std::vector<double> midranks(const std::vector<double>& values, double* tieSum) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  double ties = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double rank = (static_cast<double>(i + j) + 2) / 2;  // mean of ranks i+1 … j+1
    for (std::size_t q = i; q <= j; ++q) ranks[order[q]] = rank;
    const double t = static_cast<double>(j - i + 1);
    ties += t * t * t - t;
    i = j + 1;
  }
  if (tieSum) *tieSum = ties;
  return ranks;
}

KendallWResult kendallW(const Eigen::MatrixXd& scores, bool correctTies) {
  const Eigen::Index n = scores.rows(), m = scores.cols();
  if (n < 2) throw Error("Kendall's W needs at least 2 subjects, got " + std::to_string(n));
  if (m < 2) throw Error("Kendall's W needs at least 2 raters, got " + std::to_string(m));
  for (Eigen::Index j = 0; j < m; ++j)
    for (Eigen::Index i = 0; i < n; ++i)
      if (!std::isfinite(scores(i, j)))
        throw Error("Kendall's W needs every subject rated by every rater: subject " + std::to_string(i + 1) +
                    " has no rating from rater " + std::to_string(j + 1));

  KendallWResult r;
  r.subjects = static_cast<int>(n);
  r.raters = static_cast<int>(m);
  r.tiesCorrected = correctTies;
  r.rankSums.assign(static_cast<std::size_t>(n), 0.0);
  for (Eigen::Index j = 0; j < m; ++j) {
    std::vector<double> column(scores.col(j).data(), scores.col(j).data() + n);
    double ties = 0;
    const auto ranks = midranks(column, &ties);
    r.ties += ties;
    for (std::size_t i = 0; i < ranks.size(); ++i) r.rankSums[i] += ranks[i];
  }
  const double nd = static_cast<double>(n), md = static_cast<double>(m);
  const double mean = md * (nd + 1) / 2;
  double s = 0;
  for (double R : r.rankSums) s += (R - mean) * (R - mean);
  const double denom = md * md * (nd * nd * nd - nd) - (correctTies ? md * r.ties : 0.0);
  if (!(denom > 0)) throw Error("Kendall's W is undefined: every rater gave every subject the same rating");
  r.w = std::clamp(12 * s / denom, 0.0, 1.0);
  r.df = static_cast<int>(n - 1);
  r.chiSquare = md * (nd - 1) * r.w;
  r.pValue = boost::math::cdf(boost::math::complement(boost::math::chi_squared(r.df), r.chiSquare));
  return r;
}

}  // namespace fab::msa

#include "core/msa/cohen_kappa.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"
#include "core/msa/categories.h"

namespace fab::msa {

std::string_view toString(KappaWeights weights) {
  switch (weights) {
    case KappaWeights::None:
      return "none";
    case KappaWeights::Linear:
      return "linear";
    case KappaWeights::Quadratic:
      return "quadratic";
  }
  return "none";
}

KappaWeights parseKappaWeights(std::string_view text) {
  if (text == "none" || text == "unweighted") return KappaWeights::None;
  if (text == "linear") return KappaWeights::Linear;
  if (text == "quadratic") return KappaWeights::Quadratic;
  throw Error("unknown kappa weights '" + std::string(text) + "': use none, linear or quadratic");
}

Eigen::MatrixXd kappaWeightMatrix(Eigen::Index k, KappaWeights weights) {
  Eigen::MatrixXd w = Eigen::MatrixXd::Identity(k, k);
  if (weights == KappaWeights::None || k < 2) return w;
  const double span = static_cast<double>(k - 1);
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = 0; j < k; ++j) {
      const double d = std::abs(static_cast<double>(i - j)) / span;
      w(i, j) = weights == KappaWeights::Linear ? 1 - d : 1 - d * d;
    }
  return w;
}

CohenKappaResult cohenKappa(const Eigen::MatrixXd& table, const CohenKappaOptions& options,
                            std::vector<std::string> categories) {
  checkConfidence(options.confidence);
  const Eigen::Index k = table.rows();
  if (k == 0 || table.cols() != k)
    throw Error("Cohen's kappa needs a square table (rater 1 categories × rater 2 categories), got " +
                std::to_string(table.rows()) + "×" + std::to_string(table.cols()));
  if (!table.allFinite() || (table.array() < 0).any())
    throw Error("the agreement table holds a negative or non-finite count");
  if (!categories.empty() && static_cast<Eigen::Index>(categories.size()) != k)
    throw Error("the agreement table has " + std::to_string(k) + " categories but " +
                std::to_string(categories.size()) + " names were given");
  if (categories.empty())
    for (Eigen::Index i = 0; i < k; ++i) categories.push_back(std::to_string(i + 1));

  const double n = table.sum();
  if (!(n > 0)) throw Error("Cohen's kappa needs at least one subject rated by both raters");

  CohenKappaResult r;
  r.categories = std::move(categories);
  r.table = table;
  r.weighting = options.weights;
  r.weights = kappaWeightMatrix(k, options.weights);
  r.n = n;
  const Eigen::MatrixXd p = table / n;
  const Eigen::VectorXd row = p.rowwise().sum();  // p_i·
  const Eigen::VectorXd col = p.colwise().sum();  // p_·j
  const Eigen::MatrixXd& w = r.weights;
  r.observed = (w.array() * p.array()).sum();
  r.expected = row.transpose() * w * col;
  if (r.expected >= 1 - 1e-12) {
    std::string used;
    for (Eigen::Index i = 0; i < k; ++i)
      if (row(i) > 0 || col(i) > 0) used += (used.empty() ? "'" : ", '") + r.categories[i] + "'";
    throw Error("Cohen's kappa is undefined: both raters used only " + used +
                ", so agreement expected by chance is 1. Kappa needs at least two categories in use.");
  }
  const double kappa = (r.observed - r.expected) / (1 - r.expected);

  // Fleiss, Cohen & Everitt (1969): w̄_i· = Σ_j p_·j w_ij, w̄_·j = Σ_i p_i· w_ij.
  const Eigen::VectorXd wRow = w * col;
  const Eigen::VectorXd wCol = w.transpose() * row;
  double sumLarge = 0, sumNull = 0;
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = 0; j < k; ++j) {
      const double m = wRow(i) + wCol(j);
      const double dLarge = w(i, j) - m * (1 - kappa);
      const double dNull = w(i, j) - m;
      sumLarge += p(i, j) * dLarge * dLarge;
      sumNull += row(i) * col(j) * dNull * dNull;
    }
  const double denom = n * (1 - r.expected) * (1 - r.expected);
  const double shift = kappa - r.expected * (1 - kappa);
  // Rounding can leave a tiny negative variance at perfect agreement (exact value 0).
  const double varLarge = std::max(0.0, (sumLarge - shift * shift) / denom);
  const double varNull = std::max(0.0, (sumNull - r.expected * r.expected) / denom);
  r.stat = makeKappaStatistic(kappa, std::sqrt(varNull), std::sqrt(varLarge), options.confidence);
  if (n < 30)
    r.warnings.push_back("only " + std::to_string(static_cast<long long>(n)) +
                         " subjects: the large-sample standard errors and interval are rough");
  return r;
}

CohenKappaResult cohenKappa(std::span<const std::string> rater1, std::span<const std::string> rater2,
                            const CohenKappaOptions& options, const std::vector<std::string>& categoryOrder) {
  if (rater1.size() != rater2.size())
    throw Error("Cohen's kappa needs the two raters' ratings of the same subjects: got " +
                std::to_string(rater1.size()) + " and " + std::to_string(rater2.size()) + " ratings");
  auto countGiven = [](std::span<const std::string> v) {
    std::size_t n = 0;
    for (const auto& s : v) n += isMissingRating(s) ? 0 : 1;
    return n;
  };
  if (countGiven(rater1) == 0) throw Error("rater 1 has no ratings");
  if (countGiven(rater2) == 0) throw Error("rater 2 has no ratings");

  std::vector<std::string> all(rater1.begin(), rater1.end());
  all.insert(all.end(), rater2.begin(), rater2.end());
  const auto categories = CategorySet::fromLabels(all, categoryOrder);
  const auto k = static_cast<Eigen::Index>(categories.size());
  Eigen::MatrixXd table = Eigen::MatrixXd::Zero(k, k);
  std::vector<std::size_t> used, skipped;
  for (std::size_t i = 0; i < rater1.size(); ++i) {
    const int a = categories.indexOf(rater1[i]);
    const int b = categories.indexOf(rater2[i]);
    if (a < 0 || b < 0) {
      skipped.push_back(i);
      continue;
    }
    table(a, b) += 1;
    used.push_back(i);
  }
  if (used.empty()) throw Error("no subject was rated by both raters");
  auto r = cohenKappa(table, options, categories.labels());
  r.usedRows = std::move(used);
  r.skippedRows = std::move(skipped);
  if (!r.skippedRows.empty())
    r.warnings.push_back(std::to_string(r.skippedRows.size()) +
                         " subject(s) left out because one of the two ratings is missing");
  if (options.weights != KappaWeights::None && !categories.numeric() && categoryOrder.empty())
    r.warnings.push_back(
        "weights assume the categories are ordered as listed (alphabetically); give the order "
        "explicitly if that is not their natural order");
  return r;
}

}  // namespace fab::msa

#include "core/msa/fleiss_kappa.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"

namespace fab::msa {

FleissKappaResult fleissKappa(const Eigen::MatrixXd& counts, std::vector<std::string> categories, double confidence) {
  checkConfidence(confidence);
  const Eigen::Index N = counts.rows(), k = counts.cols();
  if (N == 0 || k == 0) throw Error("Fleiss' kappa needs at least one subject and one category");
  if (!categories.empty() && static_cast<Eigen::Index>(categories.size()) != k)
    throw Error("the count matrix has " + std::to_string(k) + " category columns but " +
                std::to_string(categories.size()) + " names were given");
  if (categories.empty())
    for (Eigen::Index j = 0; j < k; ++j) categories.push_back(std::to_string(j + 1));
  for (Eigen::Index i = 0; i < N; ++i)
    for (Eigen::Index j = 0; j < k; ++j) {
      const double c = counts(i, j);
      if (!std::isfinite(c) || c < 0 || c != std::floor(c))
        throw Error("count matrix row " + std::to_string(i + 1) + ", category '" + categories[j] +
                    "': counts must be whole numbers ≥ 0");
    }
  const double m = counts.row(0).sum();
  for (Eigen::Index i = 1; i < N; ++i)
    if (counts.row(i).sum() != m)
      throw Error("Fleiss' kappa needs the same number of ratings for every subject: row 1 has " +
                  std::to_string(static_cast<long long>(m)) + ", row " + std::to_string(i + 1) + " has " +
                  std::to_string(static_cast<long long>(counts.row(i).sum())) +
                  ". Use Krippendorff's alpha for incomplete data.");
  if (m < 2)
    throw Error("Fleiss' kappa needs at least 2 ratings per subject, got " + std::to_string(static_cast<int>(m)));

  FleissKappaResult r;
  r.subjects = static_cast<int>(N);
  r.ratersPerSubject = static_cast<int>(m);
  r.categories = std::move(categories);

  // Fleiss (1971), eqs. (2)–(5) and (9)–(10).
  const Eigen::VectorXd p = counts.colwise().sum().transpose() / (static_cast<double>(N) * m);
  r.observed = ((counts.array().square().rowwise().sum() - m) / (m * (m - 1))).mean();
  r.expected = p.squaredNorm();
  if (r.expected >= 1 - 1e-12) {
    Eigen::Index used = 0;
    p.maxCoeff(&used);
    throw Error("Fleiss' kappa is undefined: every rating is '" + r.categories[used] +
                "', so agreement expected by chance is 1. Kappa needs at least two categories in use.");
  }
  const double kappa = (r.observed - r.expected) / (1 - r.expected);

  // Fleiss, Nee & Landis (1979), eqs. (12) and (13): standard errors under H0.
  const double nmm = static_cast<double>(N) * m * (m - 1);
  std::vector<double> pq(static_cast<std::size_t>(k));
  double sumPq = 0, sumPqDiff = 0;
  for (Eigen::Index j = 0; j < k; ++j) {
    pq[j] = p(j) * (1 - p(j));
    sumPq += pq[j];
    sumPqDiff += pq[j] * ((1 - p(j)) - p(j));
  }
  const double seOverall = std::sqrt(2.0 / nmm) * std::sqrt(std::max(0.0, sumPq * sumPq - sumPqDiff)) / sumPq;
  r.overall = makeKappaStatistic(kappa, seOverall, std::nullopt, confidence);

  const double seCategory = std::sqrt(2.0 / nmm);
  for (Eigen::Index j = 0; j < k; ++j) {
    FleissCategory c;
    c.category = r.categories[j];
    c.proportion = p(j);
    if (pq[j] > 0) {
      const double disagree = (counts.col(j).array() * (m - counts.col(j).array())).sum();
      c.stat = makeKappaStatistic(1 - disagree / (nmm * pq[j]), seCategory, std::nullopt, confidence);
    } else {
      c.stat = undefinedKappa("category '" + c.category + "' was never used");
      r.warnings.push_back("category '" + c.category + "' was never used: its kappa is undefined");
    }
    r.perCategory.push_back(std::move(c));
  }
  return r;
}

FleissKappaResult fleissKappa(const std::vector<std::vector<int>>& ratings, const std::vector<std::string>& categories,
                              const std::vector<std::string>& subjectNames, double confidence) {
  if (ratings.empty()) throw Error("Fleiss' kappa needs at least one rated subject");
  if (categories.empty()) throw Error("Fleiss' kappa needs the list of categories");
  const auto k = static_cast<Eigen::Index>(categories.size());
  Eigen::MatrixXd counts = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(ratings.size()), k);
  auto name = [&](std::size_t s) {
    return s < subjectNames.size() ? "'" + subjectNames[s] + "'" : std::to_string(s + 1);
  };
  for (std::size_t s = 0; s < ratings.size(); ++s) {
    for (std::size_t r = 0; r < ratings[s].size(); ++r) {
      const int c = ratings[s][r];
      if (c < 0)
        throw Error("subject " + name(s) + " is missing rating " + std::to_string(r + 1) +
                    ": Fleiss' kappa needs every subject rated the same number of times "
                    "(use Krippendorff's alpha for incomplete data)");
      if (c >= k) throw Error("subject " + name(s) + ": category index out of range");
      counts(static_cast<Eigen::Index>(s), c) += 1;
    }
    if (ratings[s].size() != ratings[0].size())
      throw Error("subject " + name(s) + " has " + std::to_string(ratings[s].size()) + " ratings, subject " + name(0) +
                  " has " + std::to_string(ratings[0].size()) +
                  ": Fleiss' kappa needs the same number for every subject");
  }
  return fleissKappa(counts, categories, confidence);
}

}  // namespace fab::msa

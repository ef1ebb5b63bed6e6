#pragma once
// Fleiss' kappa for m ratings per subject, overall and per category.
//
// Sources: Fleiss (1971), "Measuring nominal scale agreement among many raters",
// Psychological Bulletin 76:378–382 (κ, P̄, P̄e, p_j, κ_j); Fleiss, Nee & Landis
// (1979), "Large sample variance of kappa in the case of different sets of
// raters", Psychological Bulletin 86:974–977 (the standard errors under H0 used
// for z; Fleiss 1971's own variance was wrong). Fleiss' kappa has no standard
// large-sample (non-null) SE, so no confidence interval is given.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "core/msa/kappa_statistic.h"

namespace fab::msa {

struct FleissCategory {
  std::string category;
  double proportion = 0;  ///< p_j: share of all ratings in this category
  KappaStatistic stat;    ///< κ_j with SE0 = √(2 / (N m (m−1)))
};

struct FleissKappaResult {
  int subjects = 0;          ///< N
  int ratersPerSubject = 0;  ///< m
  std::vector<std::string> categories;
  double observed = 0;  ///< P̄: mean pairwise agreement within a subject
  double expected = 0;  ///< P̄e = Σ p_j²
  KappaStatistic overall;
  std::vector<FleissCategory> perCategory;
  std::vector<std::string> warnings;
};

/// From a count matrix: one row per subject, one column per category, each row
/// summing to the same m ≥ 2. Throws fab::Error for rows with different sums,
/// negative or fractional counts, fewer than 2 ratings per subject, or when
/// every rating falls in one category (kappa undefined). A category nobody
/// used gets an undefined κ_j with a note.
FleissKappaResult fleissKappa(const Eigen::MatrixXd& counts, std::vector<std::string> categories = {},
                              double confidence = 0.95);

/// From raw ratings: `ratings[s][r]` is subject s's category index from rater r
/// (−1 = missing) over `categories`. Every subject needs the same number of
/// ratings; a missing one throws fab::Error naming the subject (use
/// Krippendorff's alpha for incomplete data). `subjectNames` (optional) names
/// subjects in messages.
FleissKappaResult fleissKappa(const std::vector<std::vector<int>>& ratings, const std::vector<std::string>& categories,
                              const std::vector<std::string>& subjectNames = {}, double confidence = 0.95);

}  // namespace fab::msa

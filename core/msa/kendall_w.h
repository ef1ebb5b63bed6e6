#pragma once
// Kendall's coefficient of concordance W for ordinal ratings, with the tie
// correction and its chi-square test.
//
// Source: Kendall & Babington Smith (1939), "The problem of m rankings", Ann.
// Math. Statist. 10:275–287; Kendall (1948), Rank Correlation Methods, ch. 6:
// W = 12 S / (m²(n³ − n) − m Σ T), T = Σ (t³ − t) over each rater's tie groups,
// and χ² = m (n − 1) W on n − 1 degrees of freedom (equal to Friedman's statistic).
#include <Eigen/Dense>
#include <vector>

namespace fab::msa {

struct KendallWResult {
  int subjects = 0;      ///< n
  int raters = 0;        ///< m
  double w = 0;          ///< W in [0, 1]
  double chiSquare = 0;  ///< m (n − 1) W
  int df = 0;            ///< n − 1
  double pValue = 1;     ///< P(χ²_df ≥ chiSquare); a large-sample test
  double ties = 0;       ///< Σ T over raters (0 without ties)
  bool tiesCorrected = true;
  std::vector<double> rankSums;  ///< R_i per subject (midranks within each rater)
};

/// `scores` holds one row per subject and one column per rater; higher means
/// more of the attribute. Throws fab::Error for fewer than 2 subjects or raters,
/// a missing (NaN) score (named by subject and rater, 1-based), or when every
/// rater gives every subject the same score (W undefined).
KendallWResult kendallW(const Eigen::MatrixXd& scores, bool correctTies = true);

/// Midranks (1-based; ties share the mean of their ranks) of `values`, and
/// Σ (t³ − t) over its tie groups in `tieSum`.
std::vector<double> midranks(const std::vector<double>& values, double* tieSum = nullptr);

}  // namespace fab::msa

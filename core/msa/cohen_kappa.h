#pragma once
// Cohen's kappa for two raters, unweighted or with linear / quadratic weights.
//
// Sources: Cohen (1960), "A coefficient of agreement for nominal scales";
// Cohen (1968), "Weighted kappa"; Fleiss, Cohen & Everitt (1969), "Large sample
// standard errors of kappa and weighted kappa", Psychological Bulletin 72:323–327
// (both standard errors below, eqs. for var(κ̂_w) and its value under H0).
#include <Eigen/Dense>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/msa/kappa_statistic.h"

namespace fab::msa {

/// Agreement weights w_ij over k ordered categories (Cohen 1968; Fleiss & Cohen 1973):
/// none: w = 1 on the diagonal, 0 elsewhere; linear: 1 − |i−j|/(k−1);
/// quadratic: 1 − (i−j)²/(k−1)².
enum class KappaWeights { None, Linear, Quadratic };

std::string_view toString(KappaWeights weights);
/// "none" | "linear" | "quadratic"; throws fab::Error listing them otherwise.
KappaWeights parseKappaWeights(std::string_view text);
Eigen::MatrixXd kappaWeightMatrix(Eigen::Index categories, KappaWeights weights);

struct CohenKappaOptions {
  KappaWeights weights = KappaWeights::None;
  double confidence = 0.95;  ///< for the interval from the large-sample SE
};

struct CohenKappaResult {
  std::vector<std::string> categories;  ///< row / column order of `table`
  Eigen::MatrixXd table;                ///< counts: rows rater 1, columns rater 2
  Eigen::MatrixXd weights;              ///< agreement weights used
  KappaWeights weighting = KappaWeights::None;
  double n = 0;         ///< subjects rated by both raters
  double observed = 0;  ///< p_o = Σ w_ij p_ij
  double expected = 0;  ///< p_e = Σ w_ij p_i· p_·j
  /// κ = (p_o − p_e)/(1 − p_e); `seLargeSample` (FCE 1969, non-null) gives the
  /// interval, `seNull` (FCE 1969 under H0) gives z and the p-values.
  KappaStatistic stat;
  std::vector<std::size_t> usedRows;     ///< input positions of the pairs counted
  std::vector<std::size_t> skippedRows;  ///< input positions where a rating was missing
  std::vector<std::string> warnings;
};

/// From a k×k table of counts (rows: rater 1). Throws fab::Error for a table that
/// is not square, has negative or non-finite counts, is empty, or when chance
/// agreement is 1 (only one category used: kappa is undefined).
CohenKappaResult cohenKappa(const Eigen::MatrixXd& table, const CohenKappaOptions& options = {},
                            std::vector<std::string> categories = {});

/// From two raters' labels, one per subject (same positions). A subject with a
/// missing label from either rater is skipped and listed in `skippedRows`.
/// Categories are ordered as CategorySet orders them, or as `categoryOrder`.
CohenKappaResult cohenKappa(std::span<const std::string> rater1, std::span<const std::string> rater2,
                            const CohenKappaOptions& options = {}, const std::vector<std::string>& categoryOrder = {});

}  // namespace fab::msa

#pragma once
// Krippendorff's alpha for any number of coders, tolerating missing ratings.
//
// Source: Krippendorff (2004), Content Analysis, 2nd ed., ch. 11; Krippendorff
// (2011), "Computing Krippendorff's alpha-reliability" (coincidence matrix,
// metric differences δ² for nominal, ordinal, interval and ratio data):
// α = 1 − D_o / D_e with D_o = Σ o_ck δ²_ck / n, D_e = Σ n_c n_k δ²_ck / (n(n − 1)).
#include <Eigen/Dense>
#include <string>
#include <string_view>
#include <vector>

namespace fab::msa {

enum class AlphaLevel { Nominal, Ordinal, Interval, Ratio };

std::string_view toString(AlphaLevel level);
/// "nominal" | "ordinal" | "interval" | "ratio"; throws fab::Error otherwise.
AlphaLevel parseAlphaLevel(std::string_view text);

struct KrippendorffAlphaResult {
  AlphaLevel level = AlphaLevel::Nominal;
  double alpha = 0;
  double observedDisagreement = 0;  ///< D_o
  double expectedDisagreement = 0;  ///< D_e
  int pairableUnits = 0;            ///< units with at least 2 values
  int pairableValues = 0;           ///< n: values in those units
  int unitsSkipped = 0;             ///< units with fewer than 2 values (they carry no information)
  std::vector<double> values;       ///< the distinct values, ascending
  Eigen::MatrixXd coincidences;     ///< o_ck over `values`
};

/// `data` holds one row per unit (subject) and one column per coder; NaN marks
/// a missing rating. Values are numbers: category codes for nominal data, the
/// ordered scores for ordinal data, measurements for interval and ratio data
/// (ratio needs values ≥ 0). Throws fab::Error when no unit has two values, or
/// when all pairable values are equal (α undefined: no variation to agree on).
KrippendorffAlphaResult krippendorffAlpha(const Eigen::MatrixXd& data, AlphaLevel level);

}  // namespace fab::msa

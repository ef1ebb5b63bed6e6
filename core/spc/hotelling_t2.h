#pragma once
// Hotelling's T² control chart for p correlated variables (Montgomery,
// Introduction to SQC, 7th ed., §11.3), for subgroup means or individual
// observations, with phase I and phase II limits, the contribution of each
// variable to a signal and the Mason–Tracy–Young decomposition of its T².
//
// Phase I (the points that estimate the mean vector and covariance matrix,
// m of them) and phase II (later points judged against them) have different
// upper limits, at a false-alarm probability α per point:
//  - subgroups of n, phase I:  p(m−1)(n−1)/(mn−m−p+1) · F(1−α; p, mn−m−p+1)
//    phase II: p(m+1)(n−1)/(mn−m−p+1) · F(1−α; p, mn−m−p+1)
//    (Montgomery §11.3.1; Alt 1985), with S the pooled within-subgroup covariance;
//  - individuals, phase I: (m−1)²/m · Beta(1−α; p/2, (m−p−1)/2)
//    (Tracy, Young & Mason 1992, J. Quality Technology 24:88);
//    phase II: p(m+1)(m−1)/(m(m−p)) · F(1−α; p, m−p) (Montgomery §11.3.2),
//    with S the sample covariance of the phase I observations.
// The lower limit is 0. By default α = 1 − (1 − 0.0027)^p, the joint
// three-sigma rate of p independent Shewhart charts (the convention of R's
// qcc::mqcc, whose numbers the tests reproduce).
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Dense>

#include "core/spc/subgroups.h"

namespace fab::spc {

struct T2Options {
  /// False-alarm probability per point; unset = 1 − (1 − 0.0027)^p.
  std::optional<double> alpha;
  /// Points (0-based, inclusive) that estimate the mean vector and covariance
  /// (phase I); unset = every point. Points after them are phase II.
  std::optional<std::pair<std::size_t, std::size_t>> phaseOne;
  /// Throws fab::Error for α outside (0, 1) or a reversed range.
  void validate() const;
};

/// One term of the Mason–Tracy–Young decomposition (Mason, Tracy & Young 1995,
/// J. Quality Technology 27:99): T² of `variable` alone (`given` empty, the
/// unconditional term) or of `variable` adjusted for the variables in `given`.
struct MytTerm {
  std::size_t variable = 0;
  std::vector<std::size_t> given;
  double value = std::numeric_limits<double>::quiet_NaN();
  /// ((m+1)(m−1)/(m(m−k−1)))·F(1−α; 1, m−k−1), k = given.size() (individuals;
  /// Mason, Tracy & Young 1995); NaN for subgroups.
  double ucl = std::numeric_limits<double>::quiet_NaN();
};

/// A point above its upper limit, taken apart.
struct T2Signal {
  std::size_t point = 0;
  double t2 = 0;
  /// n·dⱼ·(S⁻¹d)ⱼ with d the point's deviation from the centre: they add up
  /// to T² (Westerhuis, Gurden & Smilde 2000, Chemometr. Intell. Lab. Syst.
  /// 51:95, the T² contribution).
  std::vector<double> contributions;
  std::vector<MytTerm> unconditional;  ///< T²ⱼ for every variable
  /// T²₂.₁, T²₃.₁₂, …, T²ₚ.₁…ₚ₋₁ in the variables' order: with T²₁ they add up to T².
  std::vector<MytTerm> conditional;
};

struct T2Chart {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::string> variables;
  bool individuals = true;
  std::size_t phaseOnePoints = 0;  ///< m
  double subgroupSize = 1;         ///< n (the average over phase I when sizes differ)
  double alpha = kNaN;
  Eigen::VectorXd center;         ///< mean vector of the phase I observations
  Eigen::MatrixXd covariance;     ///< S: pooled within subgroups, or the sample covariance
  Eigen::MatrixXd means;          ///< one row per point: the subgroup mean or the observation (NaN: none)
  std::vector<double> statistic;  ///< T² per point (NaN where a point has no complete row)
  std::vector<double> size;       ///< complete rows behind each point
  std::vector<int> phase;         ///< 1 or 2 per point
  std::vector<double> ucl;        ///< the limit that applies to each point
  double uclPhaseOne = kNaN, uclPhaseTwo = kNaN;
  std::vector<T2Signal> outOfControl;
  std::string convention;  ///< which limit formulas were used, in words
  std::vector<std::string> notes;
};

/// T² chart of `data` (one row per observation, one column per variable;
/// rows with a missing value are left out, with a note). With `groups` each
/// subgroup is a point (its mean; S pooled from the phase I subgroups), else
/// each row is a point. Throws fab::Error when the phase I points cannot
/// estimate a p × p covariance (too few points or rows, a singular S).
T2Chart hotellingT2(const Eigen::MatrixXd& data, const Subgroups* groups, const std::vector<std::string>& variables,
                    const T2Options& options = {});

/// The phase I and phase II upper limits of the formulas above (n = 1 for
/// individuals). Throws fab::Error when the degrees of freedom are not positive.
std::pair<double, double> t2Limits(std::size_t p, std::size_t m, double n, double alpha);

}  // namespace fab::spc

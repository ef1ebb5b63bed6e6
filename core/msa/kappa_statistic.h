#pragma once
// A kappa coefficient with its test against chance agreement, its confidence
// interval where a large-sample standard error is known, and the Landis–Koch
// wording that goes next to every kappa fabkit shows.
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace fab::msa {

/// Landis & Koch (1977), "The measurement of observer agreement for categorical
/// data", Biometrics 33:159–174, p. 165: < 0 poor, 0–0.20 slight, 0.21–0.40 fair,
/// 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81–1.00 almost perfect.
/// A NaN kappa reads "undefined".
std::string_view landisKoch(double kappa);

/// A kappa (Cohen's, Fleiss', or an average of them) and its inference.
///
/// Two standard errors are kept apart on purpose:
///  - `seNull` is the standard error under H0: κ = 0. It gives z = κ / seNull and
///    the p-values (Fleiss, Cohen & Everitt 1969 for Cohen's kappa; Fleiss, Nee &
///    Landis 1979 for Fleiss' kappa).
///  - `seLargeSample` is the large-sample (non-null) standard error of κ̂. It gives
///    the confidence interval κ ± z(1−α/2)·seLargeSample. It is known for Cohen's
///    kappa (Fleiss, Cohen & Everitt 1969) and absent for Fleiss' kappa, which then
///    has no interval.
struct KappaStatistic {
  double kappa = std::numeric_limits<double>::quiet_NaN();
  double seNull = std::numeric_limits<double>::quiet_NaN();
  double z = std::numeric_limits<double>::quiet_NaN();
  double pGreater = std::numeric_limits<double>::quiet_NaN();   ///< one-sided P(Z ≥ z), H1: κ > 0
  double pTwoSided = std::numeric_limits<double>::quiet_NaN();  ///< 2·P(Z ≥ |z|)
  std::optional<double> seLargeSample;
  std::optional<double> ciLow;   ///< clipped at −1
  std::optional<double> ciHigh;  ///< clipped at +1
  std::string agreement;         ///< Landis–Koch wording, e.g. "moderate"
  std::string note;              ///< why the kappa is undefined; empty when it is defined

  bool defined() const { return note.empty(); }
};

/// Builds the statistic: z and p-values from `seNull`, the interval at
/// `confidence` from `seLargeSample` when given.
KappaStatistic makeKappaStatistic(double kappa, double seNull, std::optional<double> seLargeSample, double confidence);

/// A statistic that could not be computed, with the reason a user reads.
KappaStatistic undefinedKappa(std::string reason);

/// Throws fab::Error unless 0 < confidence < 1.
void checkConfidence(double confidence);

}  // namespace fab::msa

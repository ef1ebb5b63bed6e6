#include "core/msa/kappa_statistic.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "core/common/error.h"

namespace fab::msa {

std::string_view landisKoch(double kappa) {
  if (std::isnan(kappa)) return "undefined";
  if (kappa < 0) return "poor";
  if (kappa <= 0.20) return "slight";
  if (kappa <= 0.40) return "fair";
  if (kappa <= 0.60) return "moderate";
  if (kappa <= 0.80) return "substantial";
  return "almost perfect";
}

void checkConfidence(double confidence) {
  if (!(confidence > 0 && confidence < 1))
    throw Error("the confidence level must lie between 0 and 1 (e.g. 0.95), got " + std::to_string(confidence));
}

KappaStatistic makeKappaStatistic(double kappa, double seNull, std::optional<double> seLargeSample, double confidence) {
  checkConfidence(confidence);
  const boost::math::normal standard;
  KappaStatistic s;
  s.kappa = kappa;
  s.seNull = seNull;
  s.agreement = std::string(landisKoch(kappa));
  if (seNull > 0) {
    s.z = kappa / seNull;
    s.pGreater = boost::math::cdf(boost::math::complement(standard, s.z));
    s.pTwoSided = std::min(1.0, 2 * boost::math::cdf(boost::math::complement(standard, std::abs(s.z))));
  }
  if (seLargeSample) {
    const double q = boost::math::quantile(boost::math::complement(standard, (1 - confidence) / 2));
    s.seLargeSample = *seLargeSample;
    s.ciLow = std::max(-1.0, kappa - q * *seLargeSample);
    s.ciHigh = std::min(1.0, kappa + q * *seLargeSample);
  }
  return s;
}

KappaStatistic undefinedKappa(std::string reason) {
  KappaStatistic s;
  s.agreement = std::string(landisKoch(s.kappa));
  s.note = std::move(reason);
  return s;
}

}  // namespace fab::msa

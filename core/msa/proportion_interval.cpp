#include "core/msa/proportion_interval.h"

#include <boost/math/distributions/beta.hpp>
#include <string>

#include "core/common/error.h"
#include "core/msa/kappa_statistic.h"

namespace fab::msa {

ProportionInterval clopperPearson(std::int64_t x, std::int64_t n, double confidence, BoundaryConvention convention) {
  checkConfidence(confidence);
  if (n < 1) throw Error("a proportion needs at least one trial");
  if (x < 0 || x > n)
    throw Error("the number of successes (" + std::to_string(x) + ") must lie between 0 and the number of trials (" +
                std::to_string(n) + ")");
  const double alpha = 1 - confidence;
  const bool edge = x == 0 || x == n;
  const double tail = convention == BoundaryConvention::OneSidedAtBoundary && edge ? alpha : alpha / 2;
  const auto xd = static_cast<double>(x), nd = static_cast<double>(n);
  ProportionInterval r;
  r.estimate = xd / nd;
  r.low = x == 0 ? 0.0 : boost::math::quantile(boost::math::beta_distribution<double>(xd, nd - xd + 1), tail);
  r.high = x == n ? 1.0
                  : boost::math::quantile(
                        boost::math::complement(boost::math::beta_distribution<double>(xd + 1, nd - xd), tail));
  return r;
}

}  // namespace fab::msa

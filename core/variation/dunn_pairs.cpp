#include "core/variation/dunn_pairs.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "core/variation/multiple_testing.h"
#include "core/variation/ranks.h"

namespace fab::variation {

std::vector<DunnPair> dunnPairs(const GroupSamples& samples) {
  std::vector<double> pooled;
  std::vector<std::size_t> groupOf;
  for (std::size_t g = 0; g < samples.groupCount(); ++g)
    for (double v : samples.values[g]) {
      pooled.push_back(v);
      groupOf.push_back(g);
    }
  std::vector<DunnPair> pairs;
  if (pooled.size() < 2) return pairs;
  const auto ranks = midranks(pooled);
  const double N = static_cast<double>(pooled.size());
  std::vector<double> rankSum(samples.groupCount(), 0.0);
  for (std::size_t i = 0; i < pooled.size(); ++i) rankSum[groupOf[i]] += ranks.rank[i];
  const double spread = N * (N + 1) / 12 - ranks.tieTerm / (12 * (N - 1));
  const boost::math::normal normal;
  for (std::size_t a = 0; a < samples.groupCount(); ++a) {
    for (std::size_t b = a + 1; b < samples.groupCount(); ++b) {
      const double na = static_cast<double>(samples.values[a].size()),
                   nb = static_cast<double>(samples.values[b].size());
      if (na == 0 || nb == 0) continue;
      DunnPair p;
      p.first = a;
      p.second = b;
      p.firstLabel = samples.label[a];
      p.secondLabel = samples.label[b];
      p.meanRankDifference = rankSum[a] / na - rankSum[b] / nb;
      const double se = std::sqrt(spread * (1 / na + 1 / nb));
      p.z = se > 0 ? p.meanRankDifference / se : 0;
      p.pValue = se > 0 ? 2 * boost::math::cdf(boost::math::complement(normal, std::fabs(p.z))) : 1;
      pairs.push_back(p);
    }
  }
  std::vector<double> raw;
  for (const auto& p : pairs) raw.push_back(p.pValue);
  const auto adjusted = holm(raw);
  for (std::size_t i = 0; i < pairs.size(); ++i) pairs[i].pAdjusted = adjusted[i];
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) { return x.pAdjusted < y.pAdjusted; });
  return pairs;
}

}  // namespace fab::variation

#include "core/variation/kruskal_wallis.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>

#include "core/common/error.h"
#include "core/variation/ranks.h"

namespace fab::variation {

KruskalWallis kruskalWallis(const GroupSamples& samples) {
  std::vector<double> pooled;
  std::vector<std::size_t> groupOf;
  int nonEmpty = 0;
  for (std::size_t g = 0; g < samples.groupCount(); ++g) {
    nonEmpty += samples.values[g].empty() ? 0 : 1;
    for (double v : samples.values[g]) {
      pooled.push_back(v);
      groupOf.push_back(g);
    }
  }
  if (nonEmpty < 2) throw Error("the Kruskal-Wallis test needs values in at least two groups");
  const auto ranks = midranks(pooled);
  KruskalWallis kw;
  kw.n = pooled.size();
  const double N = static_cast<double>(kw.n);
  std::vector<double> rankSum(samples.groupCount(), 0.0);
  for (std::size_t i = 0; i < pooled.size(); ++i) rankSum[groupOf[i]] += ranks.rank[i];
  double sum = 0;
  kw.meanRank.resize(samples.groupCount());
  for (std::size_t g = 0; g < samples.groupCount(); ++g) {
    const double n = static_cast<double>(samples.values[g].size());
    kw.meanRank[g] = n > 0 ? rankSum[g] / n : std::nan("");
    if (n > 0) sum += rankSum[g] * rankSum[g] / n;
  }
  kw.hUncorrected = 12 / (N * (N + 1)) * sum - 3 * (N + 1);
  kw.tieCorrection = 1 - ranks.tieTerm / (N * N * N - N);
  kw.h = kw.tieCorrection > 0 ? std::max(0.0, kw.hUncorrected / kw.tieCorrection) : 0;
  kw.df = nonEmpty - 1;
  kw.pValue =
      kw.tieCorrection > 0 ? boost::math::cdf(boost::math::complement(boost::math::chi_squared(kw.df), kw.h)) : 1;
  return kw;
}

}  // namespace fab::variation

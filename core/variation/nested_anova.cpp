#include "core/variation/nested_anova.h"

#include <boost/math/distributions/fisher_f.hpp>
#include <cmath>

#include "core/variation/level_names.h"

namespace fab::variation {

NestedAnova nestedAnova(const NestedDesign& design) {
  const std::size_t L = design.factorCount();
  const std::size_t N = design.size();
  // Group means at every factor level, and the grand mean.
  std::vector<std::vector<double>> mean(L);
  double grand = 0;
  for (double y : design.value) grand += y;
  grand /= static_cast<double>(N);
  for (std::size_t l = 0; l < L; ++l) {
    mean[l].assign(design.groupCount(l), 0.0);
    for (std::size_t i = 0; i < N; ++i) mean[l][design.group[l][i]] += design.value[i];
    for (std::size_t g = 0; g < mean[l].size(); ++g) mean[l][g] /= design.groupSize[l][g];
  }
  // SS_l = Σ over observations of (ȳ_group(l) − ȳ_group(l−1))², the same as Σ_g n_g (ȳ_g − ȳ_parent)².
  std::vector<double> ss(L + 1, 0.0);
  std::vector<int> df(L + 1, 0);
  for (std::size_t i = 0; i < N; ++i) {
    double above = grand;
    for (std::size_t l = 0; l < L; ++l) {
      const double m = mean[l][design.group[l][i]];
      ss[l] += (m - above) * (m - above);
      above = m;
    }
    ss[L] += (design.value[i] - above) * (design.value[i] - above);
  }
  for (std::size_t l = 0; l < L; ++l)
    df[l] = static_cast<int>(design.groupCount(l)) - (l ? static_cast<int>(design.groupCount(l - 1)) : 1);
  df[L] = static_cast<int>(N) - static_cast<int>(design.groupCount(L - 1));

  NestedAnova a;
  const bool balanced = design.balanced();
  std::vector<double> ms(L + 1);
  for (std::size_t l = 0; l <= L; ++l) ms[l] = df[l] > 0 ? ss[l] / df[l] : std::nan("");
  for (std::size_t l = 0; l <= L; ++l) {
    NestedAnovaRow row;
    row.source = sourceName(design.levels, l);
    row.df = df[l];
    row.ss = ss[l];
    row.ms = ms[l];
    if (balanced) {
      row.expectedMeanSquare = "σ²(" + design.levels[L] + ")";
      for (std::size_t m = L; m-- > l;)
        row.expectedMeanSquare +=
            " + " + std::to_string(design.observationsPerGroup(m)) + " σ²(" + design.levels[m] + ")";
      if (l < L && df[l] > 0 && df[l + 1] > 0 && ms[l + 1] > 0) {
        row.f = ms[l] / ms[l + 1];
        row.p = boost::math::cdf(boost::math::complement(boost::math::fisher_f(df[l], df[l + 1]), *row.f));
      }
    }
    a.rows.push_back(row);
  }
  NestedAnovaRow total;
  total.source = "total";
  total.df = static_cast<int>(N) - 1;
  for (double s : ss) total.ss += s;
  total.ms = total.df > 0 ? total.ss / total.df : std::nan("");
  a.rows.push_back(total);
  if (balanced) {
    a.moments.resize(L + 1);
    for (std::size_t l = 0; l < L; ++l) a.moments[l] = (ms[l] - ms[l + 1]) / design.observationsPerGroup(l);
    a.moments[L] = ms[L];
  }
  return a;
}

}  // namespace fab::variation

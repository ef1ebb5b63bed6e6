#include "core/lean/before_after.h"

#include <algorithm>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "core/common/error.h"

namespace fab::lean {
namespace {

std::vector<double> finite(std::span<const double> v) {
  std::vector<double> out;
  out.reserve(v.size());
  for (double x : v)
    if (std::isfinite(x)) out.push_back(x);
  return out;
}

double median(std::vector<double> v) {
  const auto mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<long>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2) return upper;
  return (*std::max_element(v.begin(), v.begin() + static_cast<long>(mid)) + upper) / 2;
}

}  // namespace

SampleSummary summarise(std::span<const double> values) {
  SampleSummary s;
  double m2 = 0;
  for (double x : values) {
    if (!std::isfinite(x)) continue;
    ++s.n;  // Welford's update
    const double d = x - s.mean;
    s.mean += d / static_cast<double>(s.n);
    m2 += d * (x - s.mean);
  }
  s.sd = s.n > 1 ? std::sqrt(m2 / static_cast<double>(s.n - 1)) : 0;
  return s;
}

WelchTest welchTest(std::span<const double> before, std::span<const double> after, double confidence) {
  if (!(confidence > 0 && confidence < 1)) throw Error("the confidence level must lie between 0 and 1");
  WelchTest w;
  w.confidence = confidence;
  w.before = summarise(before);
  w.after = summarise(after);
  if (w.before.n < 2 || w.after.n < 2)
    throw Error("a before/after t-test needs at least two values on each side (before: " + std::to_string(w.before.n) +
                ", after: " + std::to_string(w.after.n) + ")");
  const double va = w.before.sd * w.before.sd / static_cast<double>(w.before.n);
  const double vb = w.after.sd * w.after.sd / static_cast<double>(w.after.n);
  w.difference = w.after.mean - w.before.mean;
  if (va + vb == 0)
    throw Error("both sides have zero spread: the difference " + std::to_string(w.difference) + " needs no test");
  const double se = std::sqrt(va + vb);
  w.t = w.difference / se;
  w.df = (va + vb) * (va + vb) /
         (va * va / static_cast<double>(w.before.n - 1) + vb * vb / static_cast<double>(w.after.n - 1));
  const boost::math::students_t dist(w.df);
  w.pValue = 2 * boost::math::cdf(boost::math::complement(dist, std::fabs(w.t)));
  const double q = boost::math::quantile(boost::math::complement(dist, (1 - confidence) / 2));
  w.ciLow = w.difference - q * se;
  w.ciHigh = w.difference + q * se;
  return w;
}

VarianceTest brownForsythe(std::span<const double> beforeIn, std::span<const double> afterIn) {
  const auto before = finite(beforeIn), after = finite(afterIn);
  if (before.size() < 2 || after.size() < 2) throw Error("a variance test needs at least two values on each side");
  const std::vector<double>* groups[] = {&before, &after};
  std::vector<double> z[2];
  double zMean[2], grand = 0;
  std::size_t total = 0;
  for (int g = 0; g < 2; ++g) {
    const double m = median(*groups[g]);
    for (double x : *groups[g]) z[g].push_back(std::fabs(x - m));
    zMean[g] = summarise(z[g]).mean;
    grand += zMean[g] * static_cast<double>(z[g].size());
    total += z[g].size();
  }
  grand /= static_cast<double>(total);
  double between = 0, within = 0;
  for (int g = 0; g < 2; ++g) {
    between += static_cast<double>(z[g].size()) * (zMean[g] - grand) * (zMean[g] - grand);
    for (double v : z[g]) within += (v - zMean[g]) * (v - zMean[g]);
  }
  VarianceTest t;
  t.df1 = 1;
  t.df2 = static_cast<double>(total - 2);
  const double sdBefore = summarise(before).sd, sdAfter = summarise(after).sd;
  t.ratio = sdBefore > 0 ? sdAfter / sdBefore : std::numeric_limits<double>::infinity();
  if (within == 0) {
    if (between == 0) return t;  // identical spreads: F = 0, p = 1
    // Deviations constant within each side but different between them: the
    // spreads differ with certainty (F → ∞).
    t.f = std::numeric_limits<double>::infinity();
    t.pValue = 0;
    return t;
  }
  t.f = (between / t.df1) / (within / t.df2);
  t.pValue = boost::math::cdf(boost::math::complement(boost::math::fisher_f(t.df1, t.df2), t.f));
  return t;
}

}  // namespace fab::lean

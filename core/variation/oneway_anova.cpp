#include "core/variation/oneway_anova.h"

#include <boost/math/distributions/fisher_f.hpp>
#include <cmath>

namespace fab::variation {

namespace {

double upperTail(double f, double df1, double df2) {
  if (!std::isfinite(f)) return 0;
  return boost::math::cdf(boost::math::complement(boost::math::fisher_f(df1, df2), f));
}

}  // namespace

OneWayAnova oneWayAnova(const GroupSamples& samples) {
  OneWayAnova r;
  struct Stats {
    double n = 0, mean = 0, ss = 0;
  };
  std::vector<Stats> stats;
  double N = 0, grand = 0;
  for (const auto& v : samples.values) {
    if (v.empty()) continue;
    Stats s;
    s.n = static_cast<double>(v.size());
    for (double x : v) s.mean += x;
    s.mean /= s.n;
    for (double x : v) s.ss += (x - s.mean) * (x - s.mean);
    stats.push_back(s);
    N += s.n;
    grand += s.n * s.mean;
  }
  const double k = static_cast<double>(stats.size());
  if (k < 2) {
    r.message = "fewer than two groups with values";
    return r;
  }
  grand /= N;
  double between = 0, within = 0;
  for (const auto& s : stats) {
    between += s.n * (s.mean - grand) * (s.mean - grand);
    within += s.ss;
  }
  if (N - k > 0 && within > 0) {
    FTest t;
    t.df1 = k - 1;
    t.df2 = N - k;
    t.f = (between / t.df1) / (within / t.df2);
    t.pValue = upperTail(t.f, t.df1, t.df2);
    r.classic = t;
  } else {
    r.message = "no variation within the groups";
  }
  double sumW = 0, weighted = 0;
  std::vector<Stats> usable;
  for (const auto& s : stats)
    if (s.n >= 2 && s.ss > 0) usable.push_back(s);
  r.welchGroups = usable.size();
  if (usable.size() < 2) {
    if (r.message.empty()) r.message = "Welch's test needs two groups with at least 2 values and some spread";
    return r;
  }
  const double kw = static_cast<double>(usable.size());
  std::vector<double> w;
  for (const auto& s : usable) {
    w.push_back(s.n / (s.ss / (s.n - 1)));
    sumW += w.back();
    weighted += w.back() * s.mean;
  }
  const double meanW = weighted / sumW;
  double a = 0, lambda = 0;
  for (std::size_t i = 0; i < usable.size(); ++i) {
    a += w[i] * (usable[i].mean - meanW) * (usable[i].mean - meanW);
    lambda += (1 - w[i] / sumW) * (1 - w[i] / sumW) / (usable[i].n - 1);
  }
  a /= kw - 1;
  FTest t;
  t.df1 = kw - 1;
  t.df2 = (kw * kw - 1) / (3 * lambda);
  t.f = a / (1 + 2 * (kw - 2) * lambda / (kw * kw - 1));
  t.pValue = upperTail(t.f, t.df1, t.df2);
  r.welch = t;
  if (usable.size() < stats.size())
    r.message = std::to_string(stats.size() - usable.size()) +
                " group(s) with fewer than 2 values or no spread left out of Welch's test";
  return r;
}

}  // namespace fab::variation

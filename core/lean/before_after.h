#pragma once
// Before/after comparison of a process parameter around a change: the tests a
// kaizen's evidence rests on.
#include <span>
#include <string>

namespace fab::lean {

struct SampleSummary {
  std::size_t n = 0;
  double mean = 0, sd = 0;  ///< sample standard deviation (n − 1)
};
/// Ignores NaN values.
SampleSummary summarise(std::span<const double> values);

/// Welch's unequal-variance t-test of mean(after) − mean(before), with the
/// Welch–Satterthwaite degrees of freedom (Welch 1947; NIST e-Handbook
/// §1.3.5.3) and a two-sided confidence interval for the difference.
struct WelchTest {
  SampleSummary before, after;
  double difference = 0;  ///< mean(after) − mean(before)
  double t = 0, df = 0, pValue = 1;
  double ciLow = 0, ciHigh = 0;
  double confidence = 0.95;
};
WelchTest welchTest(std::span<const double> before, std::span<const double> after, double confidence = 0.95);

/// Brown–Forsythe test of equal variances: Levene's ANOVA on absolute
/// deviations from each group's median (Brown & Forsythe 1974; NIST
/// e-Handbook §1.3.5.10). `ratio` is sd(after)/sd(before).
struct VarianceTest {
  double f = 0, df1 = 1, df2 = 0, pValue = 1;
  double ratio = 1;
};
VarianceTest brownForsythe(std::span<const double> before, std::span<const double> after);

}  // namespace fab::lean

#include "core/lean/evidence.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/common/error.h"
#include "core/io/csv_table.h"
#include "core/spc/constants.h"
#include "tests/support/temp_dir.h"

namespace fab::lean {
namespace {

/// Alternating values around 100: the moving range is 2·a everywhere.
std::vector<double> zigzag(double a, int n) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(100 + (i % 2 ? a : -a));
  return v;
}

TEST(Evidence, HigherCpkNeedsNonOverlappingIntervals) {
  EvidenceInput input;
  for (double x : zigzag(1.0, 40)) input.values.push_back(x), input.after.push_back(false);
  for (double x : zigzag(0.25, 40)) input.values.push_back(x), input.after.push_back(true);
  EvidenceOptions options;
  options.intended = Direction::HigherCpk;
  options.spec.lsl = 95;
  options.spec.usl = 105;
  const auto e = computeEvidence(input, options);
  ASSERT_TRUE(e.capabilityBefore && e.capabilityAfter);
  // σ within = MR̄/d2 with MR̄ = 2a and d2(2) = 2/√π: Cpk = 5/(3σ).
  const double d2 = 2 / std::sqrt(M_PI);
  EXPECT_NEAR(e.capabilityBefore->cpk.value, 5 / (3 * 2.0 / d2), 1e-9);
  EXPECT_NEAR(e.capabilityAfter->cpk.value, 5 / (3 * 0.5 / d2), 1e-9);
  EXPECT_TRUE(e.improvementShown);
  EXPECT_EQ(e.verdict.rfind("shown: Cpk", 0), 0u);
}

TEST(Evidence, LowerMeanShownOnlyForASignificantDrop) {
  EvidenceInput input;
  for (double x : zigzag(1.0, 30)) input.values.push_back(x), input.after.push_back(false);
  for (double x : zigzag(1.0, 30)) input.values.push_back(x - 0.1), input.after.push_back(true);
  EvidenceOptions options;
  options.intended = Direction::LowerMean;
  const auto small = computeEvidence(input, options);
  EXPECT_FALSE(small.improvementShown);  // 0.1 against sd ≈ 1: not significant
  // The zigzag is negatively autocorrelated (r1 = −29/30): the t-test is conservative and kept.
  EXPECT_NEAR(small.serial.r1, -29.0 / 30, 1e-12);
  EXPECT_EQ(small.recommended, MeanEstimate::Welch);
  EXPECT_NE(small.recommendation.find("conservative"), std::string::npos) << small.recommendation;
  for (std::size_t i = 30; i < input.values.size(); ++i) input.values[i] -= 2;
  EXPECT_TRUE(computeEvidence(input, options).improvementShown);
  options.intended = Direction::HigherMean;
  EXPECT_FALSE(computeEvidence(input, options).improvementShown);
}

TEST(Evidence, HigherCpkWithoutSpecIsRefused) {
  EvidenceInput input{{1, 2, 3, 4}, {false, false, true, true}, ""};
  EvidenceOptions options;
  options.intended = Direction::HigherCpk;
  EXPECT_THROW(computeEvidence(input, options), Error);
}


/// Nile flow (Cobb 1978) split at the Aswan dam year 1899.
EvidenceInput nileInput() {
  const auto nile = io::CsvTable::read(test::referenceFile("nile.csv"));
  const auto years = nile.numbers("year");
  EvidenceInput input;
  input.values = nile.numbers("volume");
  for (double y : years) input.after.push_back(y >= 1899);
  return input;
}

TEST(Evidence, NileKeepsTheWelchTestAndAddsTheInterventionEstimate) {
  EvidenceOptions options;
  options.intended = Direction::LowerMean;
  const auto e = computeEvidence(nileInput(), options);
  // reference/README.md: Welch t = 8.415 (before − after).
  EXPECT_NEAR(e.mean.t, -8.4145164, 1e-6);
  EXPECT_EQ(e.changePoint, 28u);
  ASSERT_TRUE(e.kalman) << e.kalmanNote;
  EXPECT_EQ(e.kalman->step, 28);
  // The same estimate as the intervention model fitted on its own (checked against GLS in tests/core/kalman).
  const auto direct = kalman::estimateStepIntervention(nileInput().values, 28);
  EXPECT_DOUBLE_EQ(e.kalman->best.effect, direct.best.effect);
  EXPECT_DOUBLE_EQ(e.kalman->best.standardError, direct.best.standardError);
  EXPECT_TRUE(e.improvementShown);
  // The serial-correlation check is run on the 28 values before 1899.
  EXPECT_EQ(e.serial.n, 28u);
  const auto shift = e.recommendedShift();
  EXPECT_EQ(shift.method, e.serial.autocorrelated ? MeanEstimate::KalmanIntervention : MeanEstimate::Welch);
}

TEST(Evidence, PhaseChartHasOwnLimitsPerPhase) {
  // Before: zigzag ±1 around 100 (MR̄ = 2) with one point at 110; after: zigzag ±0.5 around 98.
  EvidenceInput input;
  for (int i = 0; i < 30; ++i) input.values.push_back(i == 10 ? 110.0 : 100 + (i % 2 ? 1.0 : -1.0)), input.after.push_back(false);
  for (int i = 0; i < 20; ++i) input.values.push_back(98 + (i % 2 ? 0.5 : -0.5)), input.after.push_back(true);
  const auto e = computeEvidence(input, EvidenceOptions{});
  ASSERT_EQ(e.phaseChart.phases.size(), 2u);
  EXPECT_EQ(e.phaseChart.phases[0].last, 30u);
  EXPECT_EQ(e.phaseChart.phases[1].first, 30u);
  EXPECT_NEAR(e.phaseChart.phases[0].estimate.center, e.mean.before.mean, 1e-9);
  EXPECT_NEAR(e.phaseChart.phases[1].estimate.center, 98.0, 1e-9);
  // After: MR̄ = 1, σ = 1/d2(2), limits 98 ± 3σ; no point beyond. Before: only the point at 110.
  EXPECT_NEAR(e.phaseChart.phases[1].estimate.sigma, 1 / spc::d2(2), 1e-9);
  EXPECT_EQ(e.outOfControlBefore.points, 30u);
  EXPECT_EQ(e.outOfControlBefore.beyond, 1u);
  EXPECT_NEAR(e.outOfControlBefore.rate, 1.0 / 30, 1e-12);
  EXPECT_EQ(e.outOfControlAfter.beyond, 0u);
}

TEST(Evidence, OutOfOrderValuesKeepTheirPhase) {
  EvidenceInput input{{1, 2, 5, 3, 6, 7, 2.5, 8}, {false, false, true, false, true, true, false, true}, ""};
  const auto e = computeEvidence(input, EvidenceOptions{});
  EXPECT_EQ(e.changePoint, 4u);
  EXPECT_EQ(e.order, (std::vector<std::size_t>{0, 1, 3, 6, 2, 4, 5, 7}));
  EXPECT_NE(e.splitBasis.find("2 value(s) measured after the first post-change value"), std::string::npos)
      << e.splitBasis;
}

// AR(1) noise, φ = 0.8, with no change at all: the Welch test, which treats the values as
// independent, "finds" a shift far more often than its 5 %, because the variance of a mean of
// an AR(1) is about (1 + φ)/(1 − φ) = 9 times σ²/n. The serial correlation is seen, the
// intervention estimate is recommended, and its test stays near its nominal size.
TEST(Evidence, Ar1NoiseMakesTheWelchTestOverconfident) {
  std::mt19937_64 rng(2024);
  std::normal_distribution<double> g;
  const int reps = 200, n = 120;
  int welchFalse = 0, recommendedFalse = 0, kalmanChosen = 0, gateRefusedWelch = 0;
  for (int r = 0; r < reps; ++r) {
    EvidenceInput input;
    double x = g(rng) / std::sqrt(1 - 0.64);
    for (int t = 0; t < n; ++t) {
      input.values.push_back(10 + x);
      input.after.push_back(t >= n / 2);
      x = 0.8 * x + g(rng);
    }
    EvidenceOptions options;
    options.intended = Direction::LowerMean;
    const auto e = computeEvidence(input, options);
    const auto shift = e.recommendedShift();
    welchFalse += e.mean.pValue < 0.05;
    recommendedFalse += shift.pValue < 0.05;
    kalmanChosen += e.recommended == MeanEstimate::KalmanIntervention;
    // The gate follows the recommended estimate.
    EXPECT_EQ(e.improvementShown, shift.difference < 0 && shift.pValue < 0.05) << r;
    gateRefusedWelch += e.mean.difference < 0 && e.mean.pValue < 0.05 && !e.improvementShown;
    if (e.recommended == MeanEstimate::KalmanIntervention) {
      ASSERT_TRUE(e.kalman);
      EXPECT_NE(e.recommendation.find("series autocorrelated (r1 = "), std::string::npos) << e.recommendation;
      EXPECT_NE(e.recommendation.find("the Kalman intervention estimate is the one to trust"), std::string::npos);
    }
  }
  EXPECT_GT(kalmanChosen, 0.9 * reps);
  EXPECT_GT(welchFalse, 0.3 * reps);
  EXPECT_LT(recommendedFalse, 0.15 * reps);
  EXPECT_GT(gateRefusedWelch, 0);
}

// Independent noise with a true step of one σ: serial correlation is found only at about the
// test's 5 % size, so the Welch test is kept, and both estimates see the step.
TEST(Evidence, IndependentNoiseKeepsTheWelchTest) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> g;
  const int reps = 200;
  int welchKept = 0, shown = 0;
  for (int r = 0; r < reps; ++r) {
    EvidenceInput input;
    for (int t = 0; t < 100; ++t) input.values.push_back(5 + g(rng) + (t >= 50 ? 1.0 : 0.0)), input.after.push_back(t >= 50);
    EvidenceOptions options;
    options.intended = Direction::HigherMean;
    const auto e = computeEvidence(input, options);
    ASSERT_TRUE(e.kalman) << e.kalmanNote;
    if (e.recommended == MeanEstimate::Welch) {
      ++welchKept;
      EXPECT_NE(e.recommendation.find("the Welch t-test"), std::string::npos) << e.recommendation;
    }
    shown += e.improvementShown;
    // With white noise the level variance is (nearly) zero and δ̂ is close to the difference of means.
    EXPECT_NEAR(e.kalman->best.effect, e.mean.difference, 2 * e.kalman->best.standardError) << r;
  }
  EXPECT_GT(welchKept, 0.88 * reps);  // Binomial(200, 0.95): 0.88 is beyond 4 sd
  EXPECT_GT(shown, 0.95 * reps);      // z ≈ 1/√(2/50) = 5: power ≈ 1
}

}  // namespace
}  // namespace fab::lean

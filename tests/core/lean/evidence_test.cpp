#include "core/lean/evidence.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/students_t.hpp>
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

// Wafers nested in lots: each lot's 25 wafers share the lot's offset (sd 0.5) and add their own
// noise (sd 0.2); a step of 1.5 is planted from lot `lotsBefore` on. The values are in time order.
struct NestedLots {
  EvidenceInput input;
  std::vector<double> lotMeansBefore, lotMeansAfter;  // computed here, for the checks
};
NestedLots nestedLots(int lotsBefore, int lotsAfter, int wafersPerLot = 25, double step = 1.5) {
  std::mt19937_64 rng(99);
  std::normal_distribution<double> g;
  NestedLots d;
  for (int l = 0; l < lotsBefore + lotsAfter; ++l) {
    const bool after = l >= lotsBefore;
    const double offset = 45 + 0.5 * g(rng) + (after ? step : 0);
    double sum = 0;
    for (int w = 1; w <= wafersPerLot; ++w) {
      const double x = offset + 0.2 * g(rng);
      sum += x;
      d.input.values.push_back(x);
      d.input.after.push_back(after);
      d.input.lot.push_back("L" + std::to_string(100 + l));
      d.input.wafer.push_back(w);
    }
    (after ? d.lotMeansAfter : d.lotMeansBefore).push_back(sum / wafersPerLot);
  }
  return d;
}

TEST(Evidence, MeanShiftOfNestedWafersIsTestedOnLotMeans) {
  const auto d = nestedLots(10, 10);
  EvidenceOptions options;
  options.intended = Direction::HigherMean;
  const auto e = computeEvidence(d.input, options);
  ASSERT_EQ(e.units.kind, MeanUnitKind::Lot);
  ASSERT_EQ(e.units.before.size(), 10u);
  ASSERT_EQ(e.units.after.size(), 10u);
  for (std::size_t i = 0; i < 10; ++i) {
    EXPECT_NEAR(e.units.before[i], d.lotMeansBefore[i], 1e-12);
    EXPECT_NEAR(e.units.after[i], d.lotMeansAfter[i], 1e-12);
  }
  // Welch on the lot means, computed here (Welch 1947; NIST e-Handbook §1.3.5.3).
  auto meanVar = [](const std::vector<double>& x) {
    double m = 0, v = 0;
    for (double xi : x) m += xi;
    m /= static_cast<double>(x.size());
    for (double xi : x) v += (xi - m) * (xi - m);
    return std::pair{m, v / static_cast<double>(x.size() - 1)};
  };
  const auto [mb, vb] = meanVar(d.lotMeansBefore);
  const auto [ma, va] = meanVar(d.lotMeansAfter);
  const double sb = vb / 10, sa = va / 10, se = std::sqrt(sb + sa);
  const double df = (sb + sa) * (sb + sa) / (sb * sb / 9 + sa * sa / 9);
  const double q = boost::math::quantile(boost::math::complement(boost::math::students_t(df), 0.025));
  EXPECT_NEAR(e.mean.difference, ma - mb, 1e-12);
  EXPECT_NEAR(e.mean.t, (ma - mb) / se, 1e-9);
  EXPECT_NEAR(e.mean.df, df, 1e-9);
  EXPECT_NEAR(e.mean.ciLow, ma - mb - q * se, 1e-9);
  EXPECT_NEAR(e.mean.ciHigh, ma - mb + q * se, 1e-9);
  EXPECT_EQ(e.mean.before.n, 10u);
  EXPECT_LT(e.mean.ciLow, 1.5);  // the planted step lies inside the interval
  EXPECT_GT(e.mean.ciHigh, 1.5);
  // The wafer-mean t-test would count each lot's offset 25 times: far more confident.
  const std::vector<double> wb(d.input.values.begin(), d.input.values.begin() + 250),
      wa(d.input.values.begin() + 250, d.input.values.end());
  EXPECT_GT(welchTest(wb, wa).t, 3 * e.mean.t);
  // Serial correlation and the intervention run on the 10 + 10 lot means.
  EXPECT_EQ(e.serial.n, 10u);
  ASSERT_TRUE(e.kalman) << e.kalmanNote;
  EXPECT_EQ(e.kalman->step, 10);
  std::vector<double> lots = d.lotMeansBefore;
  lots.insert(lots.end(), d.lotMeansAfter.begin(), d.lotMeansAfter.end());
  EXPECT_DOUBLE_EQ(e.kalman->best.effect, kalman::estimateStepIntervention(lots, 10).best.effect);
  EXPECT_TRUE(e.improvementShown);
  const std::string said = "wafers are nested in lots (25 per lot): the mean shift is tested on 20 lot means";
  EXPECT_NE(e.verdict.find(said), std::string::npos) << e.verdict;
  EXPECT_NE(e.recommendation.find(said), std::string::npos) << e.recommendation;
  // The phase chart and the wafer summaries keep the 500 wafer means.
  EXPECT_EQ(e.changePoint, 250u);
  EXPECT_EQ(e.waferBefore.n, 250u);
  EXPECT_EQ(e.waferAfter.n, 250u);
  EXPECT_EQ(e.outOfControlBefore.points + e.outOfControlAfter.points, 500u);
}

TEST(Evidence, SpreadAndCpkOfNestedWafersStayOnWaferMeans) {
  const auto d = nestedLots(10, 10);
  EvidenceOptions options;
  options.intended = Direction::LowerSpread;
  options.spec.lsl = 40;
  options.spec.usl = 50;
  const auto e = computeEvidence(d.input, options);
  EXPECT_EQ(e.units.kind, MeanUnitKind::Wafer);
  EXPECT_TRUE(e.units.note.empty());
  const std::vector<double> wb(d.input.values.begin(), d.input.values.begin() + 250),
      wa(d.input.values.begin() + 250, d.input.values.end());
  const auto bf = brownForsythe(wb, wa);
  EXPECT_DOUBLE_EQ(e.spread.f, bf.f);
  EXPECT_DOUBLE_EQ(e.spread.pValue, bf.pValue);
  EXPECT_DOUBLE_EQ(e.mean.t, welchTest(wb, wa).t);
  EXPECT_EQ(e.serial.n, 250u);
  ASSERT_TRUE(e.capabilityBefore && e.capabilityAfter);
  EXPECT_EQ(e.capabilityBefore->n, 250u);
  EXPECT_EQ(e.capabilityAfter->n, 250u);
  // A mean kaizen on the same data keeps wafer-level spread and Cpk.
  options.intended = Direction::LowerMean;
  const auto m = computeEvidence(d.input, options);
  EXPECT_EQ(m.units.kind, MeanUnitKind::Lot);
  EXPECT_DOUBLE_EQ(m.spread.f, bf.f);
  EXPECT_EQ(m.capabilityBefore->n, 250u);
}

TEST(Evidence, ALotOnTheChangeIsSplitIntoOneUnitPerSide) {
  auto d = nestedLots(10, 10);
  // Lot L110 (values 250..274): its first 10 wafers ran before the change.
  for (std::size_t i = 250; i < 260; ++i) d.input.after[i] = false;
  EvidenceOptions options;
  options.intended = Direction::HigherMean;
  const auto e = computeEvidence(d.input, options);
  ASSERT_EQ(e.units.kind, MeanUnitKind::Lot);
  EXPECT_EQ(e.units.splitLots, 1u);
  ASSERT_EQ(e.units.before.size(), 11u);
  ASSERT_EQ(e.units.after.size(), 10u);
  EXPECT_EQ(e.units.beforeLot.back(), "L110");
  EXPECT_EQ(e.units.afterLot.front(), "L110");
  double first = 0, rest = 0;
  for (std::size_t i = 250; i < 260; ++i) first += d.input.values[i];
  for (std::size_t i = 260; i < 275; ++i) rest += d.input.values[i];
  EXPECT_NEAR(e.units.before.back(), first / 10, 1e-12);
  EXPECT_NEAR(e.units.after.front(), rest / 15, 1e-12);
  EXPECT_NE(e.units.note.find("1 lot(s) with wafers on both sides of the change split into one unit per side"),
            std::string::npos)
      << e.units.note;
  EXPECT_EQ(e.kalman->step, 11);
}

TEST(Evidence, TooFewLotsKeepWaferMeansAndSaySo) {
  const auto d = nestedLots(1, 3);
  EvidenceOptions options;
  options.intended = Direction::LowerMean;
  const auto e = computeEvidence(d.input, options);
  EXPECT_EQ(e.units.kind, MeanUnitKind::Wafer);
  EXPECT_EQ(e.mean.before.n, 25u);
  EXPECT_NE(e.verdict.find("overstates the evidence"), std::string::npos) << e.verdict;
}

TEST(Evidence, OneValuePerLotIsItsOwnUnit) {
  auto input = nileInput();
  for (std::size_t i = 0; i < input.values.size(); ++i) input.lot.push_back("year" + std::to_string(i));
  EvidenceOptions options;
  options.intended = Direction::LowerMean;
  const auto e = computeEvidence(input, options);
  EXPECT_EQ(e.units.kind, MeanUnitKind::Wafer);
  EXPECT_TRUE(e.units.note.empty());
  EXPECT_NEAR(e.mean.t, -8.4145164, 1e-6);
}

}  // namespace
}  // namespace fab::lean

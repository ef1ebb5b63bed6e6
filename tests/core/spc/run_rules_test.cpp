// Western Electric and Nelson rules on constructed sequences: each rule alone
// on a sequence made to trigger it at known points, the near misses that must
// not, and the conventions (rule scope, phase restart, missing points).
#include "core/spc/run_rules.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "core/common/error.h"
#include "core/spc/control_chart.h"

namespace fab::spc {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Points of `rule`'s violations for values in σ units around centre 0 (σ = 1, limits ±3).
std::vector<std::uint32_t> hits(const std::vector<double>& z, RuleFamily family, int rule,
                                std::vector<std::size_t> phases = {0}) {
  std::vector<LimitSegment> limits{{0, z.size(), 0.0, 1.0, -3.0, 3.0}};
  RuleSelection s{family, static_cast<std::uint16_t>(1u << rule)};
  std::vector<RuleViolation> out;
  evaluateRules(z, limits, phases, true, s, out);
  std::vector<std::uint32_t> points;
  for (const auto& v : out) {
    EXPECT_EQ(v.rule, rule);
    points.push_back(v.point);
  }
  return points;
}

using P = std::vector<std::uint32_t>;
const auto N = RuleFamily::Nelson;
const auto WE = RuleFamily::WesternElectric;

TEST(RunRules, Rule1PointBeyondThreeSigma) {
  EXPECT_EQ(hits({0.5, 3.5, -0.2, -3.1, 3.0, -3.0}, N, 1), (P{1, 3}));
  EXPECT_EQ(hits({0.5, 3.5, -0.2, -3.1, 3.0, -3.0}, WE, 1), (P{1, 3}));
}

TEST(RunRules, NelsonRule2NineOnOneSide) {
  std::vector<double> z(10, 0.5);
  EXPECT_EQ(hits(z, N, 2), (P{8, 9}));
  EXPECT_EQ(hits(std::vector<double>(8, -0.4), N, 2), P{});
  std::vector<double> broken = {0.5, 0.5, 0.5, 0.5, 0.0, 0.5, 0.5, 0.5, 0.5, 0.5};  // on the line breaks it
  EXPECT_EQ(hits(broken, N, 2), P{});
  std::vector<double> below(9, -1.2);
  EXPECT_EQ(hits(below, N, 2), (P{8}));
}

TEST(RunRules, WesternElectricRule4EightOnOneSide) {
  EXPECT_EQ(hits(std::vector<double>(8, 0.3), WE, 4), (P{7}));
  EXPECT_EQ(hits(std::vector<double>(7, 0.3), WE, 4), P{});
}

TEST(RunRules, NelsonRule3SixSteadilyRising) {
  EXPECT_EQ(hits({0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, N, 3), (P{5}));
  EXPECT_EQ(hits({0.1, 0.2, 0.3, 0.4, 0.5}, N, 3), P{});
  EXPECT_EQ(hits({0.9, 0.7, 0.5, 0.3, 0.1, -0.1, -0.3}, N, 3), (P{5, 6}));
  EXPECT_EQ(hits({0.1, 0.2, 0.3, 0.3, 0.4, 0.5, 0.6}, N, 3), P{});  // a tie breaks the trend
}

TEST(RunRules, NelsonRule4FourteenAlternating) {
  std::vector<double> z;
  for (int i = 0; i < 14; ++i) z.push_back(i % 2 ? 0.6 : 0.1);
  EXPECT_EQ(hits(z, N, 4), (P{13}));
  z.pop_back();
  EXPECT_EQ(hits(z, N, 4), P{});
  std::vector<double> tie = {0.1, 0.6, 0.1, 0.6, 0.1, 0.6, 0.6, 0.1, 0.6, 0.1, 0.6, 0.1, 0.6, 0.1};
  EXPECT_EQ(hits(tie, N, 4), P{});
}

TEST(RunRules, TwoOfThreeBeyondTwoSigmaSameSide) {
  EXPECT_EQ(hits({0.0, 2.5, 0.0, 2.5}, N, 5), (P{3}));
  EXPECT_EQ(hits({0.0, 2.5, 0.0, 2.5}, WE, 2), (P{3}));
  EXPECT_EQ(hits({2.5, -2.5, 0.0, -0.5}, N, 5), P{});  // opposite sides
  EXPECT_EQ(hits({2.5, 0.0, 0.0, 2.5}, N, 5), P{});    // not within 3
  EXPECT_EQ(hits({-2.1, -2.2, 0.0}, N, 5), (P{1}));    // the in-zone third point is not flagged
  EXPECT_EQ(hits({2.0, 2.0, 2.0}, N, 5), P{});         // "beyond" is strict
}

TEST(RunRules, FourOfFiveBeyondOneSigmaSameSide) {
  EXPECT_EQ(hits({1.5, 1.5, 0.0, 1.5, 1.5}, N, 6), (P{4}));
  EXPECT_EQ(hits({1.5, 1.5, 0.0, 1.5, 1.5}, WE, 3), (P{4}));
  EXPECT_EQ(hits({1.5, 1.5, 0.0, 0.0, 1.5, 1.5}, N, 6), P{});
  EXPECT_EQ(hits({-1.5, -1.5, -1.5, 1.5, -1.5}, N, 6), (P{4}));
}

TEST(RunRules, NelsonRule7FifteenWithinOneSigma) {
  std::vector<double> z;
  for (int i = 0; i < 15; ++i) z.push_back(i % 2 ? 0.5 : -0.5);
  EXPECT_EQ(hits(z, N, 7), (P{14}));
  z[7] = 1.2;
  EXPECT_EQ(hits(z, N, 7), P{});
}

TEST(RunRules, NelsonRule8EightBeyondOneSigmaEitherSide) {
  std::vector<double> z;
  for (int i = 0; i < 8; ++i) z.push_back(i % 2 ? 1.5 : -1.5);
  EXPECT_EQ(hits(z, N, 8), (P{7}));
  z[3] = 0.5;
  EXPECT_EQ(hits(z, N, 8), P{});
}

TEST(RunRules, RunsRestartAtAPhaseSplit) {
  std::vector<double> z(10, 0.5);
  EXPECT_EQ(hits(z, N, 2, {0}), (P{8, 9}));
  EXPECT_EQ(hits(z, N, 2, {0, 5}), P{});
  EXPECT_EQ(hits({0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, N, 3, {0, 3}), P{});
}

TEST(RunRules, MissingPointsAreSkipped) {
  std::vector<double> z = {0.5, 0.5, 0.5, 0.5, kNaN, 0.5, 0.5, 0.5, 0.5, 0.5};
  EXPECT_EQ(hits(z, N, 2), (P{9}));
}

TEST(RunRules, OnlyRuleOneOnSpreadPanelsAndRuleOneUsesPerPointLimits) {
  std::vector<double> z(12, 0.5);
  z[11] = 2.5;
  std::vector<LimitSegment> limits{{0, 11, 0.0, 1.0, -3.0, 3.0}, {11, 12, 0.0, 0.5, -1.5, 1.5}};
  std::vector<RuleViolation> out;
  evaluateRules(z, limits, std::vector<std::size_t>{0}, false, RuleSelection::nelson(), out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rule, 1);
  EXPECT_EQ(out[0].point, 11u);
  EXPECT_EQ(out[0].side, 1);
}

TEST(RunRules, NoneTestsNothingAndRulesCanBeSwitchedOff) {
  std::vector<double> z(10, 3.5);
  std::vector<LimitSegment> limits{{0, 10, 0.0, 1.0, -3.0, 3.0}};
  std::vector<RuleViolation> out;
  evaluateRules(z, limits, std::vector<std::size_t>{0}, true, RuleSelection::none(), out);
  EXPECT_TRUE(out.empty());
  auto s = RuleSelection::nelson();
  s.disable(1);
  evaluateRules(z, limits, std::vector<std::size_t>{0}, true, s, out);
  for (const auto& v : out) EXPECT_NE(v.rule, 1);
  EXPECT_FALSE(out.empty());
}

TEST(RunRules, ChartEvaluatesRulesPerPhase) {
  // Known centre 0 and σ 1; 5 points above in each of two phases.
  std::vector<double> v(10, 0.5);
  ChartOptions o;
  o.knownCenter = 0;
  o.knownSigma = 1;
  auto one = computeVariablesChart(v, nullptr, o);
  int rule2 = 0;
  for (const auto& x : one.panels[0].violations) rule2 += x.rule == 2;
  EXPECT_EQ(rule2, 2);
  o.phases = phasesAtPoints(std::vector<std::size_t>{5});
  auto two = computeVariablesChart(v, nullptr, o);
  for (const auto& x : two.panels[0].violations) EXPECT_NE(x.rule, 2);
}

TEST(RunRules, PlainLanguageReasons) {
  EXPECT_EQ(violationReason(N, {0, 2, 1}), "9 points in a row above the centre line");
  EXPECT_EQ(violationReason(N, {0, 1, -1}), "point below the lower control limit");
  EXPECT_EQ(violationReason(N, {0, 3, -1}), "6 points in a row steadily falling");
  EXPECT_EQ(violationReason(WE, {0, 2, 1}), "2 of 3 points in a row more than 2σ above the centre line");
  EXPECT_EQ(ruleDescription(N, 7), "15 points in a row within 1σ of the centre line");
  EXPECT_EQ(ruleDescription(N, 8), "8 points in a row more than 1σ from the centre line, either side");
  EXPECT_EQ(ruleDescription(WE, 4), "8 points in a row on the same side of the centre line");
  EXPECT_EQ(ruleCount(WE), 4);
  EXPECT_EQ(ruleCount(N), 8);
  EXPECT_THROW(ruleDescription(WE, 5), Error);
  EXPECT_EQ(parseRuleSelection("WE").family, WE);
  EXPECT_EQ(parseRuleSelection("nelson").family, N);
  EXPECT_THROW(parseRuleSelection("nope"), Error);
}

}  // namespace
}  // namespace fab::spc

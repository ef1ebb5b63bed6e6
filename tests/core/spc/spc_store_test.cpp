// Approved limits (chart_config) and point notes (point_note) in a workspace,
// and the exception list built from them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/common/error.h"
#include "core/spc/control_chart.h"
#include "core/spc/exceptions.h"
#include "core/store/spc_limits.h"
#include "core/store/spc_notes.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab {
namespace {

store::ApprovedLimits limits(double center, const std::string& why, std::int64_t from = 0) {
  store::ApprovedLimits a;
  a.parameter = "OX_THK";
  a.chartType = "imr";
  a.center = center;
  a.sigma = 0.5;
  a.sigmaMethod = "MR̄/d2";
  a.lcl = center - 1.5;
  a.ucl = center + 1.5;
  a.approvedBy = "ana";
  a.reason = why;
  a.effectiveFrom = from;
  return a;
}

TEST(SpcStore, ApprovedLimitsAreVersionedNeverOverwritten) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  EXPECT_FALSE(store::limitsInForce(ws.db(), "OX_THK", "imr").has_value());
  EXPECT_EQ(store::saveApprovedLimits(ws.db(), limits(100, "initial qualification")), 1);
  EXPECT_EQ(store::saveApprovedLimits(ws.db(), limits(101, "after PM", 5000)), 2);
  const auto now = store::limitsInForce(ws.db(), "OX_THK", "imr");
  ASSERT_TRUE(now);
  EXPECT_EQ(now->version, 2);
  EXPECT_EQ(now->center, 101);
  EXPECT_EQ(now->reason, "after PM");
  EXPECT_EQ(now->approvedBy, "ana");
  EXPECT_GT(now->approvedAt, 0);
  // Data before version 2 took effect keep version 1.
  EXPECT_EQ(store::limitsInForce(ws.db(), "OX_THK", "imr", "", 4999)->version, 1);
  const auto history = store::limitHistory(ws.db(), "OX_THK", "imr");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].center, 100);
  EXPECT_EQ(history[0].sigma, 0.5);
  EXPECT_FALSE(store::limitsInForce(ws.db(), "OX_THK", "xbar-r").has_value());
}

// Three-way limits keep both σ's, the subgroup key and the rule set, and the
// chart built from them puts the means at x̄ ± 3σ_means and the within-range
// at d2σ, (d2 + 3d3)σ (Montgomery Table VI: n = 3, d2 = 1.693, d3 = 0.888).
TEST(SpcStore, ThreeWayLimitsRoundTripAndDriveTheChart) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  store::ApprovedLimits a;
  a.parameter = "GATE_CD";
  a.product = "AX100";
  a.chartType = "three-way";
  a.subgroupKey = "wafer";
  a.rules = "rule1";
  a.center = 44.8;
  a.sigma = 0.25;
  a.sigmaOfMeans = 0.35;
  a.sigmaMethod = "R̄/d2 within, SD of the wafer means between";
  a.lcl = 44.8 - 1.05;
  a.ucl = 44.8 + 1.05;
  a.baselineSubgroups = 500;
  a.approvedBy = "ana";
  a.reason = "phase I before the wet clean";
  ASSERT_EQ(store::saveApprovedLimits(ws.db(), a), 1);
  const auto back = store::limitsInForce(ws.db(), "GATE_CD", "three-way", "AX100");
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->subgroupKey, "wafer");
  EXPECT_EQ(back->rules, "rule1");
  EXPECT_DOUBLE_EQ(back->center, 44.8);
  EXPECT_DOUBLE_EQ(back->sigma, 0.25);
  EXPECT_DOUBLE_EQ(back->sigmaOfMeans, 0.35);
  EXPECT_DOUBLE_EQ(back->ucl, 44.8 + 1.05);
  EXPECT_EQ(back->baselineSubgroups, 500);
  EXPECT_FALSE(store::limitsInForce(ws.db(), "GATE_CD", "imr", "AX100").has_value());

  const std::vector<double> values = {44.5, 44.9, 45.0, 44.7, 44.8, 44.6, 46.9, 47.0, 46.8, 44.8, 44.9, 44.7};
  const auto groups = spc::subgroupsOfSize(values.size(), 3);
  spc::ChartOptions o;
  o.type = spc::ChartType::ThreeWay;
  o.rules = spc::parseRuleSelection(back->rules);
  o.phases = spc::phasesAtPoints({});
  o.phases[0].fixed = store::approvedEstimate(*back);
  const auto chart = spc::computeVariablesChart(values, &groups, o);
  ASSERT_EQ(chart.panels.size(), 3u);
  const auto& means = chart.panels[0].limits.at(0);
  EXPECT_NEAR(means.center, 44.8, 1e-12);
  EXPECT_NEAR(means.ucl, 44.8 + 3 * 0.35, 1e-12);
  EXPECT_NEAR(means.lcl, 44.8 - 3 * 0.35, 1e-12);
  const auto& within = chart.panels[2].limits.at(0);
  EXPECT_NEAR(within.center, 1.693 * 0.25, 1e-3);
  EXPECT_NEAR(within.ucl, (1.693 + 3 * 0.888) * 0.25, 2e-3);
  EXPECT_TRUE(std::isnan(within.lcl) || within.lcl == 0.0);  // d2 − 3d3 < 0: no lower limit for n = 3
  // Only rule 1: the third subgroup (mean 46.9) is flagged, nothing else on the means.
  ASSERT_EQ(chart.panels[0].violations.size(), 1u);
  EXPECT_EQ(chart.panels[0].violations[0].point, 2u);
  EXPECT_EQ(chart.panels[0].violations[0].rule, 1);
}

TEST(SpcStore, ProductSpecificLimitsWinOverGeneralOnes) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  store::saveApprovedLimits(ws.db(), limits(100, "all products"));
  auto p = limits(90, "product B");
  p.product = "B";
  store::saveApprovedLimits(ws.db(), p);
  EXPECT_EQ(store::limitsInForce(ws.db(), "OX_THK", "imr", "B")->center, 90);
  EXPECT_EQ(store::limitsInForce(ws.db(), "OX_THK", "imr", "A")->center, 100);
}

TEST(SpcStore, ApprovalNeedsWhoAndWhy) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  auto a = limits(100, "");
  EXPECT_THROW(store::saveApprovedLimits(ws.db(), a), Error);
  a = limits(100, "ok");
  a.approvedBy.clear();
  EXPECT_THROW(store::saveApprovedLimits(ws.db(), a), Error);
}

TEST(SpcStore, PointNotesExcludeAndAcknowledge) {
  test::TempDir dir;
  auto ws = store::Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  store::PointNote n;
  n.parameter = "OX_THK";
  n.pointKey = "LOT7/3";
  n.excluded = true;
  n.cause = "wrong recipe";
  n.who = "ana";
  store::addPointNote(ws.db(), n);
  n.pointKey = "LOT8/1";
  store::addPointNote(ws.db(), n);
  n.excluded = false;  // LOT8/1 re-admitted later
  n.cause = "recipe was right after all";
  n.at = store::nowMs() + 1000;
  store::addPointNote(ws.db(), n);
  EXPECT_EQ(store::excludedPointKeys(ws.db(), "OX_THK"), (std::vector<std::string>{"LOT7/3"}));
  EXPECT_EQ(store::pointNotes(ws.db(), "OX_THK").size(), 3u);
  store::PointNote bad;
  bad.parameter = "OX_THK";
  bad.pointKey = "LOT9/1";
  bad.excluded = true;
  bad.who = "ana";
  EXPECT_THROW(store::addPointNote(ws.db(), bad), Error);  // no cause
}

TEST(SpcExceptions, AcknowledgedViolationsLeaveTheList) {
  std::vector<double> v(12, 10.0);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] += (i % 2 ? 0.1 : -0.1);
  v[5] = 20;
  spc::ChartOptions o;
  o.knownCenter = 10;
  o.knownSigma = 1;
  const auto chart = spc::computeVariablesChart(v, nullptr, o);
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < v.size(); ++i) keys.push_back("P" + std::to_string(i));
  const auto all = spc::openViolations(chart, keys, {});
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].pointKey, "P5");
  EXPECT_EQ(all[0].violation.rule, 1);
  EXPECT_EQ(all[0].reason, "point above the upper control limit");
  const std::vector<spc::Acknowledgement> ack = {{"P5", 1}};
  for (const auto& o2 : spc::openViolations(chart, keys, ack))
    EXPECT_FALSE(o2.pointKey == "P5" && o2.violation.rule == 1);
  EXPECT_LT(spc::openViolations(chart, keys, ack).size(), all.size());
  EXPECT_THROW(spc::openViolations(chart, std::vector<std::string>{"x"}, {}), Error);
}

}  // namespace
}  // namespace fab

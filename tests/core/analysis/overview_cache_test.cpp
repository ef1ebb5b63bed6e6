#include "core/analysis/overview_cache.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/demo/demo_workspace.h"
#include "core/io/importer.h"
#include "core/store/audit_trail.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab::analysis {
namespace {

bool sameNumber(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// The overview read back equals the one computed on the same workspace, field by field.
void expectSame(const Overview& want, const Overview& got) {
  EXPECT_EQ(got.recentMeaning, want.recentMeaning);
  EXPECT_EQ(got.parametersInControl, want.parametersInControl);
  ASSERT_EQ(got.outOfControl.size(), want.outOfControl.size());
  for (std::size_t i = 0; i < want.outOfControl.size(); ++i) {
    const auto &w = want.outOfControl[i], &g = got.outOfControl[i];
    EXPECT_EQ(g.parameter, w.parameter);
    EXPECT_EQ(g.chart, w.chart);
    EXPECT_EQ(g.limitsSource, w.limitsSource);
    EXPECT_EQ(g.points, w.points);
    EXPECT_EQ(g.recentBeyondLimits, w.recentBeyondLimits);
    EXPECT_EQ(g.openViolations, w.openViolations);
    EXPECT_EQ(g.lastSignal, w.lastSignal);
    ASSERT_EQ(g.suspect.has_value(), w.suspect.has_value()) << w.parameter;
    if (w.suspect) {
      EXPECT_EQ(g.suspect->group, w.suspect->group);
      EXPECT_EQ(g.suspect->pAdjusted, w.suspect->pAdjusted);  // doubles survive the file exactly
      EXPECT_EQ(g.suspect->groupMedian, w.suspect->groupMedian);
    }
  }
  ASSERT_EQ(got.capability.size(), want.capability.size());
  for (std::size_t i = 0; i < want.capability.size(); ++i) {
    EXPECT_EQ(got.capability[i].parameter, want.capability[i].parameter);
    EXPECT_TRUE(sameNumber(got.capability[i].cpk, want.capability[i].cpk)) << want.capability[i].parameter;
    EXPECT_TRUE(sameNumber(got.capability[i].ppk, want.capability[i].ppk)) << want.capability[i].parameter;
    EXPECT_EQ(got.capability[i].cpkName, want.capability[i].cpkName);
  }
  ASSERT_EQ(got.lots.size(), want.lots.size());
  for (std::size_t i = 0; i < want.lots.size(); ++i) {
    EXPECT_EQ(got.lots[i].lot, want.lots[i].lot);
    EXPECT_EQ(got.lots[i].yield, want.lots[i].yield);
    EXPECT_EQ(got.lots[i].worstZone, want.lots[i].worstZone);
  }
  EXPECT_EQ(got.lotsWithDies, want.lotsWithDies);
  EXPECT_EQ(got.notes, want.notes);
  EXPECT_EQ(got.kaizens.size(), want.kaizens.size());
  EXPECT_EQ(got.imports.size(), want.imports.size());
}

TEST(StoredOverview, IsTakenWhileTheWorkspaceIsUnchangedAndChartedAgainAfterAnImport) {
  test::TempDir dir;
  const auto path = test::workspaceIn(dir, "w.fabdb");
  demo::buildDemoWorkspace(path);
  auto ws = store::Workspace::open(path);
  const auto file = dir.path("cache/overview.json");

  const auto first = storedWorkspaceOverview(ws.db(), file);
  EXPECT_FALSE(first.fromStore);
  ASSERT_FALSE(first.outOfControl.empty());  // the demo has signals: the comparison below means something
  const auto second = storedWorkspaceOverview(ws.db(), file);
  EXPECT_TRUE(second.fromStore);
  EXPECT_EQ(second.computedAt, first.computedAt);
  expectSame(workspaceOverview(ws.db()), second);

  // A new lot of the worst parameter, far off its centre: the stamp moves, the overview is charted again.
  const auto worst = first.outOfControl.front().parameter;
  std::string csv = "lot,wafer,site,parameter,value\n";
  for (int w = 1; w <= 3; ++w)
    for (int s = 1; s <= 5; ++s) csv += "ZZNEW,"+ std::to_string(w) + "," + std::to_string(s) + "," + worst + ",1e6\n";
  const auto before = store::changeStamp(ws.db());
  ASSERT_EQ(io::importFile(ws, dir.write("new.csv", csv)).status, "ok");
  EXPECT_GT(store::changeStamp(ws.db()), before);
  const auto third = storedWorkspaceOverview(ws.db(), file);
  EXPECT_FALSE(third.fromStore);
  expectSame(workspaceOverview(ws.db()), third);
  EXPECT_NE(third.outOfControl.front().points, first.outOfControl.front().points);

  // A damaged file is passed over, and replaced.
  dir.write("cache/overview.json", "{\"fabkit\": ");
  EXPECT_FALSE(storedWorkspaceOverview(ws.db(), file).fromStore);
  EXPECT_TRUE(storedWorkspaceOverview(ws.db(), file).fromStore);
}

}  // namespace
}  // namespace fab::analysis

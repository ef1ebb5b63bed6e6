// The workspace's die maps as the yield analyses take them: every die's radius
// fraction from its product's layout, checked against the hand computation of
// the planted workspace (origin die off-centre, rows counting down, notch left).
#include "core/yield/workspace_sort.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/store/workspace.h"
#include "core/yield/yield_pareto.h"
#include "tests/support/planted_zone_workspace.h"

namespace fab::yield {
namespace {

TEST(WorkspaceSort, RadiusFractionFromTheProductLayout) {
  test::TempDir dir;
  const auto planted = test::makePlantedZoneWorkspace(dir);
  auto ws = store::Workspace::open(planted.path);
  const auto dies = store::loadDies(ws.db());
  const auto layouts = productLayouts(ws.db(), dies);
  ASSERT_EQ(layouts.size(), 1u);  // NL has no product record
  ASSERT_TRUE(layouts.count("ZP"));
  const auto wafers = toSortWafers(dies, layouts, {7});
  ASSERT_EQ(wafers.size(), dies.size());
  std::size_t checked = 0;
  for (std::size_t w = 0; w < wafers.size(); ++w) {
    ASSERT_EQ(wafers[w].dies.size(), dies[w].dies.size());
    for (std::size_t i = 0; i < wafers[w].dies.size(); ++i) {
      const auto& d = wafers[w].dies[i];
      EXPECT_EQ(d.row, i);
      EXPECT_EQ(d.defectLimited, d.bin != 7);
      if (dies[w].product == "ZP") {
        EXPECT_NEAR(d.radiusFraction, test::PlantedZones::radiusFraction(d.x, d.y), 1e-12) << d.x << "," << d.y;
        ++checked;
      } else {
        EXPECT_TRUE(std::isnan(d.radiusFraction));
      }
    }
  }
  EXPECT_EQ(static_cast<long long>(checked), planted.dies);
}

TEST(WorkspaceSort, ZoneParetoOfThePlantedLosses) {
  test::TempDir dir;
  const auto planted = test::makePlantedZoneWorkspace(dir);
  auto ws = store::Workspace::open(planted.path);
  store::DieFilter filter;
  filter.lots = {"ZONE"};
  const auto dies = store::loadDies(ws.db(), filter);
  const auto p = yieldPareto(toSortWafers(dies, productLayouts(ws.db(), dies)));
  ASSERT_EQ(p.byZone.size(), 3u);
  EXPECT_EQ(p.diesWithoutRadius, 0);
  for (const auto& z : p.byZone) {
    const auto& expected = planted.zones[static_cast<std::size_t>(z.zone)];
    EXPECT_EQ(z.dies, expected.dies) << zoneName(z.zone);
    EXPECT_EQ(z.failed, expected.failed) << zoneName(z.zone);
  }
}

}  // namespace
}  // namespace fab::yield

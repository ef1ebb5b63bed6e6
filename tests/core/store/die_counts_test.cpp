// Die counts per wafer counted by the database agree with the die maps read
// die by die (the file's pass column, else the product's pass bins).
#include <gtest/gtest.h>

#include "core/demo/demo_workspace.h"
#include "core/store/dies.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

TEST(DieCounts, AgreeWithTheDieMapsOfTheDemo) {
  test::TempDir dir;
  const auto path = test::workspaceIn(dir, "demo.fabdb");
  demo::buildDemoWorkspace(path);
  auto ws = Workspace::open(path);
  const auto maps = loadDies(ws.db());
  const auto counts = loadDieCounts(ws.db());
  ASSERT_EQ(counts.size(), maps.size());
  ASSERT_FALSE(maps.empty());
  for (std::size_t i = 0; i < maps.size(); ++i) {
    EXPECT_EQ(counts[i].lot, maps[i].lot);
    EXPECT_EQ(counts[i].wafer, maps[i].wafer);
    std::int64_t pass = 0;
    for (const auto& d : maps[i].dies) pass += d.pass ? 1 : 0;
    EXPECT_EQ(counts[i].pass, pass);
    EXPECT_EQ(counts[i].tested, static_cast<std::int64_t>(maps[i].dies.size()));
  }
  DieFilter one;
  one.lots = {maps.front().lot};
  one.wafer = maps.front().wafer;
  ASSERT_EQ(loadDieCounts(ws.db(), one).size(), 1u);
}

}  // namespace
}  // namespace fab::store

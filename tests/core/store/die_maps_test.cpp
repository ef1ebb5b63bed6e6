// Die maps read from the workspace: every stored die once, wafers by lot name
// and slot, each wafer's dies in row order (die_y, then die_x), checked
// against the die table read directly.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/demo/demo_workspace.h"
#include "core/store/dies.h"
#include "core/store/workspace.h"
#include "tests/support/temp_dir.h"

namespace fab::store {
namespace {

TEST(DieMaps, HoldEveryStoredDieInLotWaferAndRowOrder) {
  test::TempDir dir;
  const auto path = dir.path("demo.fabdb");
  demo::buildDemoWorkspace(path);
  auto ws = Workspace::open(path);
  const auto maps = loadDies(ws.db());
  ASSERT_FALSE(maps.empty());

  std::map<std::tuple<std::string, int, int, int>, int> table;  // (lot, wafer, y, x) → bin
  auto q = ws.db().prepare("SELECT l.name, d.wafer, d.die_y, d.die_x, d.bin FROM die d JOIN lot l ON l.id = d.lot_id");
  while (q.step())
    table[{q.text(0), static_cast<int>(q.integer(1)), static_cast<int>(q.integer(2)), static_cast<int>(q.integer(3))}] =
        static_cast<int>(q.integer(4));

  std::size_t dies = 0;
  for (std::size_t i = 0; i < maps.size(); ++i) {
    if (i > 0) EXPECT_LT(std::tie(maps[i - 1].lot, maps[i - 1].wafer), std::tie(maps[i].lot, maps[i].wafer));
    const auto& d = maps[i].dies;
    EXPECT_TRUE(std::is_sorted(d.begin(), d.end(),
                               [](const Die& a, const Die& b) { return std::tie(a.y, a.x) < std::tie(b.y, b.x); }))
        << maps[i].lot << "/" << maps[i].wafer;
    for (const auto& die : d) {
      const auto it = table.find({maps[i].lot, maps[i].wafer, die.y, die.x});
      ASSERT_NE(it, table.end());
      EXPECT_EQ(it->second, die.bin);
    }
    dies += d.size();
  }
  EXPECT_EQ(dies, table.size());
}

TEST(DieMaps, LotsWithDiesAreTheLotsOfTheDieTable) {
  test::TempDir dir;
  const auto path = dir.path("demo.fabdb");
  demo::buildDemoWorkspace(path);
  auto ws = Workspace::open(path);
  std::vector<std::string> expected;  // read directly, in name order
  auto q = ws.db().prepare("SELECT DISTINCT l.name FROM die d JOIN lot l ON l.id = d.lot_id ORDER BY l.name");
  while (q.step()) expected.push_back(q.text(0));
  ASSERT_GE(expected.size(), 2u);
  auto all = ws.db().prepare("SELECT count(*) FROM lot");
  ASSERT_TRUE(all.step());
  ASSERT_GT(all.integer(0), static_cast<std::int64_t>(expected.size())) << "the demo has lots without dies";
  EXPECT_EQ(lotsWithDies(ws.db()), expected);

  DieFilter some;
  some.lots = {expected.back(), "NO-SUCH-LOT", expected.front()};
  EXPECT_EQ(lotsWithDies(ws.db(), some), (std::vector<std::string>{expected.front(), expected.back()}));
  DieFilter noSlot;
  noSlot.wafer = 999;
  EXPECT_TRUE(lotsWithDies(ws.db(), noSlot).empty());
}

}  // namespace
}  // namespace fab::store

// Wafer means of several parameters side by side, from a small import whose
// means are written out here: a missing value is left out of its wafer's
// mean, a wafer missing one parameter is dropped and counted.
#include "core/store/wafer_means.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/error.h"
#include "core/io/importer.h"
#include "core/store/workspace.h"
#include "tests/support/test_workspace.h"

namespace fab::store {
namespace {

TEST(WaferMeans, JoinsParametersPerWafer) {
  test::TempDir dir;
  auto ws = Workspace::openOrCreate(test::workspaceIn(dir, "w.fabdb"));
  const auto csv = dir.write("m.csv",
                             "lot,wafer,site,parameter,value,time\n"
                             "L1,1,1,A,1.0,2026-01-01T00:00:00Z\nL1,1,2,A,3.0,2026-01-01T00:00:10Z\n"
                             "L1,1,1,B,10,2026-01-01T00:00:00Z\nL1,1,2,B,N/A,2026-01-01T00:00:10Z\n"
                             "L1,2,1,A,5.0,2026-01-01T01:00:00Z\nL1,2,1,B,20,2026-01-01T01:00:00Z\n"
                             "L1,2,2,B,22,2026-01-01T01:00:10Z\n"
                             "L2,1,1,A,7.0,2026-01-02T00:00:00Z\n");  // L2/1 has no B
  ASSERT_EQ(io::importFile(ws, csv).status, "ok");
  const auto t = loadWaferMeans(ws.db(), {"A", "B"});
  ASSERT_EQ(t.lot.size(), 2u);
  EXPECT_EQ(t.wafersDropped, 1u);
  EXPECT_EQ(t.lot[0], "L1");
  EXPECT_EQ(t.wafer[0], 1);
  EXPECT_DOUBLE_EQ(t.means[0][0], 2.0);   // (1 + 3)/2
  EXPECT_DOUBLE_EQ(t.means[0][1], 10.0);  // the N/A left out
  EXPECT_EQ(t.wafer[1], 2);
  EXPECT_DOUBLE_EQ(t.means[1][0], 5.0);
  EXPECT_DOUBLE_EQ(t.means[1][1], 21.0);
  EXPECT_THROW(loadWaferMeans(ws.db(), {"A", "C"}), Error);
}

}  // namespace
}  // namespace fab::store

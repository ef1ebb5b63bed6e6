// The variance-components and tool-commonality pages of a parameter on the
// demo workspace: computed off the GUI thread by the same workspace-analysis
// functions the CLI calls (so the numbers are the CLI's), and the planted
// causes on top: FURN-02 at the oxidation step for OX_THK, ETCH-03 chamber B
// at the gate etch for GATE_CD (data/demo/README.md).
#include <gtest/gtest.h>

#include <QTableWidget>

#include <tuple>

#include "core/store/database.h"
#include "core/variation/workspace_commonality.h"
#include "core/variation/workspace_variance_components.h"
#include "tests/support/qt_wait.h"
#include "tests/ui/spc/demo_fixture.h"
#include "ui/views/spc/commonality_view.h"
#include "ui/views/spc/variance_components_view.h"

namespace fab::ui {
namespace {

TEST(VarianceComponentsView, ShowsTheWorkspaceComponentsOfTheParameter) {
  test::TempDir dir;
  const std::string file = test::demoWorkspaceCopy(dir);
  const QString path = QString::fromStdString(file);
  VarianceComponentsView view(path, "OX_THK");
  ASSERT_TRUE(test::waitUntil([&] { return view.analysis() != nullptr; }, 60000));
  store::Database db(file, store::Database::Mode::ReadOnly);
  variation::WorkspaceVarianceRequest request;
  request.parameter = "OX_THK";
  const auto direct = variation::workspaceVarianceComponents(db, request);
  const auto& shown = view.analysis()->result;
  ASSERT_EQ(shown.components.size(), 3u);  // lot, wafer within lot, site within wafer
  EXPECT_EQ(shown.n, direct.result.n);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(shown.components[i].variance, direct.result.components[i].variance);
  // The drawn design holds every value the components were estimated from.
  EXPECT_EQ(view.analysis()->design.size(), shown.n);
}

TEST(CommonalityView, NamesThePlantedToolsOnTop) {
  test::TempDir dir;
  const QString path = QString::fromStdString(test::demoWorkspaceCopy(dir));
  for (const auto& [parameter, step, suspect] : {std::tuple{"OX_THK", "OXIDATION", "FURN-02"},
                                                 std::tuple{"GATE_CD", "GATE_ETCH", "ETCH-03/B"}}) {
    CommonalityView view(path, parameter);
    ASSERT_TRUE(test::waitUntil([&] { return view.analysis() != nullptr; }, 60000)) << parameter;
    const auto& steps = view.analysis()->result.steps;
    ASSERT_FALSE(steps.empty());
    EXPECT_EQ(steps.front().step, step) << parameter;
    ASSERT_FALSE(steps.front().groupStats.empty());
    // Group statistics are ordered by median: the suspect is the last.
    EXPECT_NE(steps.front().groupStats.back().label.find(suspect), std::string::npos)
        << parameter << ": " << steps.front().groupStats.back().label;
  }
}

}  // namespace
}  // namespace fab::ui

// The overview page on the demo workspace: the same lines as
// `fabkit-cli overview` (core/analysis/overview.h), and each line leads to
// the view that explains it.
#include <gtest/gtest.h>

#include <QTreeWidget>

#include <vector>

#include "core/analysis/overview.h"
#include "core/store/database.h"
#include "tests/ui/views/demo_fixture.h"
#include "ui/views/overview/overview_view.h"

namespace fab::ui {
namespace {

TEST(OverviewView, ListsWhatTheAnalysisFindsAndOpensTheExplainingView) {
  OverviewView view(QString::fromStdString(test::demoWorkspace()));
  view.resize(1280, 800);
  view.show();  // the overview is read while its page is in front
  ASSERT_TRUE(test::waitUntil([&] { return view.overview() != nullptr; }));
  test::screenshot(view, "overview");

  store::Database db(test::demoWorkspace(), store::Database::Mode::ReadOnly);
  const auto expected = analysis::workspaceOverview(db);
  QTreeWidget* outOfControl = view.section(0);
  ASSERT_EQ(outOfControl->topLevelItemCount(), static_cast<int>(expected.outOfControl.size()));
  for (int i = 0; i < outOfControl->topLevelItemCount(); ++i)
    EXPECT_EQ(outOfControl->topLevelItem(i)->text(0).toStdString(), expected.outOfControl[i].parameter);
  EXPECT_EQ(outOfControl->topLevelItem(0)->text(0), "OX_THK");
  EXPECT_EQ(view.section(1)->topLevelItemCount(), static_cast<int>(expected.capability.size()));
  EXPECT_EQ(view.section(2)->topLevelItemCount(), static_cast<int>(expected.lots.size()));
  EXPECT_EQ(view.section(3)->topLevelItemCount(), static_cast<int>(expected.kaizens.size()));
  EXPECT_EQ(view.section(4)->topLevelItemCount(), static_cast<int>(expected.imports.size()));

  std::vector<OverviewTarget> opened;
  QObject::connect(&view, &OverviewView::openRequested, [&](const OverviewTarget& t) { opened.push_back(t); });
  // The worst parameter's suspect line leads to its tool-commonality page.
  QTreeWidgetItem* suspect = outOfControl->topLevelItem(0)->child(0);
  ASSERT_NE(suspect, nullptr);
  EXPECT_TRUE(suspect->text(0).contains("FURN-02/1 at OXIDATION")) << suspect->text(0).toStdString();
  emit outOfControl->itemActivated(suspect, 0);
  ASSERT_EQ(opened.size(), 1u);
  auto target = opened.back();
  EXPECT_EQ(target.item.kind, NavigatorItem::Kind::Parameter);
  EXPECT_EQ(target.item.name, "OX_THK");
  EXPECT_EQ(target.page, 4);
  // A lot line leads to its wafer maps; a kaizen to its card on the board.
  emit view.section(2)->itemActivated(view.section(2)->topLevelItem(0), 0);
  ASSERT_FALSE(opened.empty());
  target = opened.back();
  EXPECT_EQ(target.item.kind, NavigatorItem::Kind::WaferMap);
  EXPECT_EQ(target.item.name.toStdString(), expected.lots.front().lot);
  emit view.section(3)->itemActivated(view.section(3)->topLevelItem(0), 0);
  ASSERT_FALSE(opened.empty());
  target = opened.back();
  EXPECT_EQ(target.item.kind, NavigatorItem::Kind::KanbanBoard);
  EXPECT_EQ(target.card, expected.kaizens.front().card);
  EXPECT_GT(target.card, 0);
}

}  // namespace
}  // namespace fab::ui

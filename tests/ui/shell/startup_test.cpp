#include <gtest/gtest.h>

#include <QFileInfo>

#include "tests/support/temp_dir.h"
#include "ui/workspace/recent_workspaces.h"

namespace fab::ui {
namespace {

using Action = StartupWorkspace::Action;

TEST(StartupWorkspace, ArgumentThenLastThenDemo) {
  test::TempDir dir;
  const QString last = QString::fromStdString(dir.write("last.fabdb", "x"));
  const QString demo = QString::fromStdString(dir.path("demo.fabdb"));
  auto choice = chooseStartupWorkspace("given.fabdb", last, demo);
  EXPECT_EQ(choice.action, Action::Open);
  EXPECT_EQ(choice.path, "given.fabdb");
  choice = chooseStartupWorkspace("", last, demo);
  EXPECT_EQ(choice.action, Action::Open);
  EXPECT_EQ(choice.path, last);
  // The very first start: no last workspace, no demo yet.
  choice = chooseStartupWorkspace("", "", demo);
  EXPECT_EQ(choice.action, Action::BuildDemo);
  EXPECT_EQ(choice.path, demo);
  // The last workspace was deleted: back to the demo, which exists now.
  dir.write("demo.fabdb", "x");
  choice = chooseStartupWorkspace("", QString::fromStdString(dir.path("deleted.fabdb")), demo);
  EXPECT_EQ(choice.action, Action::Open);
  EXPECT_EQ(choice.path, demo);
  EXPECT_TRUE(defaultDemoPath().endsWith("demo.fabdb"));
}

TEST(RecentWorkspaces, MostRecentFirstBoundedAndExistingOnly) {
  test::TempDir dir;
  RecentWorkspaces recent;
  std::vector<QString> paths;
  for (int i = 0; i < RecentWorkspaces::kMax + 2; ++i) {
    paths.push_back(QString::fromStdString(dir.write(QString("w%1.fabdb").arg(i).toStdString(), "x")));
    recent.add(paths.back());
  }
  auto list = recent.list();
  ASSERT_EQ(list.size(), RecentWorkspaces::kMax);
  EXPECT_EQ(list.front(), paths.back());
  EXPECT_EQ(recent.last(), paths.back());
  recent.add(paths[5]);  // opened again: first, not twice
  list = recent.list();
  EXPECT_EQ(list.front(), paths[5]);
  EXPECT_EQ(list.count(paths[5]), 1);
  recent.remove(paths[5]);
  EXPECT_FALSE(recent.list().contains(paths[5]));
  QFile::remove(paths[8]);
  EXPECT_FALSE(recent.list().contains(paths[8]));  // deleted files are not offered
}

}  // namespace
}  // namespace fab::ui

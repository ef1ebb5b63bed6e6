// The GUI on a shared workspace (FAB_TEST_PG_URL; the server tests skip
// without one): another engineer's import reaches the open window through the
// server's notice, and its overview and navigator reload without a refresh
// asked for; the recent list keeps server URLs, never their passwords.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeWidget>

#include "core/io/importer.h"
#include "core/store/workspace.h"
#include "tests/support/qt_wait.h"
#include "tests/support/test_workspace.h"
#include "ui/main_window.h"
#include "ui/navigator/workspace_navigator.h"
#include "ui/views/overview/overview_view.h"
#include "ui/workspace/recent_workspaces.h"
#include "ui/workspace/shared_workspace_dialog.h"
#include "ui/workspace/workspace_change_watcher.h"

namespace fab::ui {
namespace {

int importsListed(MainWindow& w) {
  QTreeWidget* tree = w.navigator()->tree();
  for (int i = 0; i < tree->topLevelItemCount(); ++i)
    if (tree->topLevelItem(i)->text(0) == "Imports") return tree->topLevelItem(i)->childCount();
  return -1;
}

std::string lotFile(const test::TempDir& dir, const std::string& lot) {
  return dir.write(lot + ".csv", "lot,wafer,site,parameter,value,time\n" + lot +
                                     ",1,1,THK,10.5,2026-04-01T08:00:00Z\n" + lot +
                                     ",1,2,THK,10.7,2026-04-01T08:00:00Z\n");
}

TEST(SharedWorkspace, AnotherEngineersImportReloadsTheOpenViews) {
  FAB_NEEDS_POSTGRES();
  test::TempDir dir;
  const auto url = test::PostgresSchemas::instance().fresh();
  {
    auto ws = store::Workspace::openOrCreate(url);
    ASSERT_EQ(io::importFile(ws, lotFile(dir, "L1"), {}).status, "ok");
  }
  MainWindow window;
  QString error;
  ASSERT_TRUE(window.openWorkspace(QString::fromStdString(url), false, &error)) << error.toStdString();
  window.show();  // the overview is read while its page is in front
  auto* overview = qobject_cast<OverviewView*>(window.tabs()->widget(0));
  ASSERT_NE(overview, nullptr);
  ASSERT_TRUE(test::waitUntil([&] { return overview->overview() && importsListed(window) == 1; }));
  EXPECT_EQ(overview->section(4)->topLevelItemCount(), 1);
  EXPECT_EQ(RecentWorkspaces().list().value(0).toStdString(), url);

  // Another engineer, on a connection of their own, imports a second lot.
  {
    auto other = store::Workspace::open(url);
    ASSERT_EQ(io::importFile(other, lotFile(dir, "L2"), {}).status, "ok");
  }
  EXPECT_TRUE(test::waitUntil([&] { return importsListed(window) == 2; }, 10000));
  EXPECT_TRUE(test::waitUntil([&] { return overview->section(4)->topLevelItemCount() == 2; }, 10000));
  EXPECT_TRUE(window.statusBar()->currentMessage().contains("imported batch 2"))
      << window.statusBar()->currentMessage().toStdString();
}

TEST(SharedWorkspace, TheRecentListKeepsAServersUrlWithoutItsPassword) {
  RecentWorkspaces recent;
  recent.add("postgresql://ana:s3cret@db.fab:5432/yield");
  EXPECT_EQ(recent.list().value(0), "postgresql://ana@db.fab:5432/yield");
  EXPECT_EQ(recent.last(), "postgresql://ana@db.fab:5432/yield");
  EXPECT_EQ(chooseStartupWorkspace("", recent.last(), "/nowhere/demo.fabdb").path, recent.last());
  recent.remove("postgresql://ana:s3cret@db.fab:5432/yield");
  EXPECT_FALSE(recent.list().contains("postgresql://ana@db.fab:5432/yield"));
  EXPECT_TRUE(sharedWorkspaceUrlProblem("postgresql://ana@db.fab/yield").isEmpty());
  EXPECT_FALSE(sharedWorkspaceUrlProblem("/home/ana/w.fabdb").isEmpty());
}

TEST(SharedWorkspace, NoticesArrivingTogetherReloadOnce) {
  FAB_NEEDS_POSTGRES();
  const auto url = test::PostgresSchemas::instance().fresh();
  auto ws = store::Workspace::openOrCreate(url);
  WorkspaceChangeWatcher watcher(QString::fromStdString(url));
  std::vector<std::vector<store::WorkspaceChange>> heard;
  std::vector<qint64> heardAt;  // ms since the start
  QElapsedTimer clock;
  clock.start();
  QObject::connect(&watcher, &WorkspaceChangeWatcher::changed, [&](const std::vector<store::WorkspaceChange>& c) {
    heard.push_back(c);
    heardAt.push_back(clock.elapsed());
  });
  store::announceChange(ws.db(), "limits", 1, "imr", "THK");
  store::announceChange(ws.db(), "notes", 4, "L1", "THK");
  ASSERT_TRUE(test::waitUntil([&] { return !heard.empty(); }, 10000));
  test::waitUntil([] { return false; }, 2 * WorkspaceChangeWatcher::kGatherMs);  // nothing more comes
  ASSERT_EQ(heard.size(), 1u);
  ASSERT_EQ(heard[0].size(), 2u);
  EXPECT_EQ(heard[0][0].what, "limits");
  EXPECT_EQ(heard[0][1].what, "notes");
  EXPECT_EQ(WorkspaceChangeWatcher::describe(heard[0][0]), "fabkit approved limits of THK (version 1)");

  // A notice soon after waits for the rest of the second since the last signal
  // (less the 5 % a coarse Qt timer may fire early).
  store::announceChange(ws.db(), "import", 3, "ok");
  ASSERT_TRUE(test::waitUntil([&] { return heard.size() == 2; }, 10000));
  EXPECT_GE(heardAt[1] - heardAt[0], WorkspaceChangeWatcher::kLeastIntervalMs * 95 / 100);
  EXPECT_EQ(heard[1].at(0).what, "import");
}

}  // namespace
}  // namespace fab::ui

// The classifier is reachable from the main window: the navigator's Models group.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QTabWidget>
#include <QTreeWidget>

#include "tests/support/qt_wait.h"
#include "tests/ui/classifier/planted_workspace.h"
#include "ui/main_window.h"
#include "ui/navigator/workspace_navigator.h"
#include "ui/views/classifier/classifier_view.h"

namespace fab::ui {
namespace {

TEST(MainWindowClassifier, TheNavigatorOpensTheClassifierInATab) {
  const test::PlantedWorkspace ws;
  MainWindow window;
  ASSERT_TRUE(window.openWorkspace(QString::fromStdString(ws.path()), false, nullptr));
  ASSERT_TRUE(test::waitUntil([&] { return !window.navigator()->loading(); }));
  QTreeWidget* tree = window.navigator()->tree();
  QTreeWidgetItem* models = nullptr;
  for (int i = 0; i < tree->topLevelItemCount(); ++i)
    if (tree->topLevelItem(i)->text(0) == "Models") models = tree->topLevelItem(i);
  ASSERT_NE(models, nullptr);
  ASSERT_EQ(models->childCount(), 1);
  QElapsedTimer timer;
  timer.start();
  emit tree->itemActivated(models->child(0), 0);  // as a double click does
  EXPECT_LT(timer.elapsed(), 1000);               // the model loads in the background
  ASSERT_EQ(window.tabs()->count(), 2);  // the overview, the start page, and the classifier
  auto* view = qobject_cast<classifier::ClassifierView*>(window.tabs()->currentWidget());
  ASSERT_NE(view, nullptr);
  EXPECT_EQ(window.tabs()->tabText(1), "Wafer-pattern classifier");
  ASSERT_TRUE(test::waitUntil([&] { return !view->busy(); }, 60000));
  EXPECT_NE(view->model(), nullptr);
  // Opening it again focuses the same tab.
  emit tree->itemActivated(models->child(0), 0);
  EXPECT_EQ(window.tabs()->count(), 2);
}

}  // namespace
}  // namespace fab::ui

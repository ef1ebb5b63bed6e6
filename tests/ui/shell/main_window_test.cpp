#include "ui/main_window.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QDragEnterEvent>
#include <QLocale>
#include <QMimeData>
#include <QSettings>
#include <QTabWidget>
#include <QTreeWidget>

#include "tests/support/qt_wait.h"
#include "tests/ui/shell/workspace_fixture.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/import/import_controller.h"
#include "ui/jobs/job_runner.h"
#include "ui/navigator/workspace_navigator.h"
#include "ui/table/data_table_view.h"
#include "ui/table/measurement_table_model.h"
#include "ui/views/parameter_view.h"
#include "ui/views/spc/spc_parameter_view.h"
#include "ui/views/view_factory.h"

namespace fab::ui {
namespace {

QTreeWidgetItem* group(QTreeWidget* tree, const QString& title) {
  for (int i = 0; i < tree->topLevelItemCount(); ++i)
    if (tree->topLevelItem(i)->text(0) == title) return tree->topLevelItem(i);
  return nullptr;
}

bool refreshed(MainWindow& w) {
  return test::waitUntil([&] { return !w.navigator()->loading(); });
}

class MainWindowTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  QString path = QString::fromStdString(test::makeFixtureWorkspace(dir));
};

TEST_F(MainWindowTest, OpensAWorkspaceAndListsItsParametersWithRowCounts) {
  MainWindow window;
  QString error;
  ASSERT_TRUE(window.openWorkspace(path, false, &error)) << error.toStdString();
  ASSERT_TRUE(refreshed(window));
  QTreeWidgetItem* parameters = group(window.navigator()->tree(), "Parameters");
  ASSERT_NE(parameters, nullptr);
  ASSERT_EQ(parameters->childCount(), 3);
  const QString rows = QLocale().toString(test::kRowsPerParameter);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(parameters->child(i)->text(0), QString(QChar('A' + i)));
    EXPECT_TRUE(parameters->child(i)->text(1).startsWith(rows + " rows"))
        << parameters->child(i)->text(1).toStdString();
  }
  QTreeWidgetItem* lots = group(window.navigator()->tree(), "Lots");
  ASSERT_NE(lots, nullptr);
  EXPECT_EQ(lots->childCount(), test::kLots);
  QTreeWidgetItem* imports = group(window.navigator()->tree(), "Imports");
  ASSERT_NE(imports, nullptr);
  ASSERT_EQ(imports->childCount(), 1);
  EXPECT_TRUE(imports->child(0)->text(1).startsWith("ok")) << imports->child(0)->text(1).toStdString();
  EXPECT_EQ(RecentWorkspaces().list().value(0), path);
  EXPECT_TRUE(window.windowTitle().startsWith("fixture.fabdb"));
}

TEST_F(MainWindowTest, OpeningAParameterShowsItsRowsAndChartInOneTab) {
  MainWindow window;
  ASSERT_TRUE(window.openWorkspace(path, false, nullptr));
  ASSERT_TRUE(refreshed(window));
  QTreeWidgetItem* b = group(window.navigator()->tree(), "Parameters")->child(1);
  ASSERT_EQ(window.tabs()->count(), 1);  // the overview opens with the workspace
  EXPECT_EQ(window.tabs()->tabText(0), "Overview");
  emit window.navigator()->tree()->itemActivated(b, 0);  // as a double click does
  ASSERT_EQ(window.tabs()->count(), 2);
  auto* spcView = qobject_cast<SpcParameterView*>(window.tabs()->currentWidget());
  ASSERT_NE(spcView, nullptr);  // the control chart first; the run chart and table one page away
  spcView->showPage(2);
  auto* view = spcView->runChart();
  ASSERT_NE(view, nullptr);
  EXPECT_EQ(window.tabs()->tabText(1), "B");
  EXPECT_EQ(view->tableView()->model()->rowCount(), test::kRowsPerParameter);
  ASSERT_TRUE(test::waitUntil([&] { return view->chartLoaded(); }));
  auto* chart = dynamic_cast<chart::SeriesChartPainter*>(view->chartWidget()->chart());
  ASSERT_NE(chart, nullptr);
  EXPECT_EQ(chart->model().series.at(0).points.size(), static_cast<std::size_t>(test::kRowsPerParameter));
  // Opening it again focuses the same tab.
  emit window.navigator()->tree()->itemActivated(b, 0);
  EXPECT_EQ(window.tabs()->count(), 2);
}

TEST_F(MainWindowTest, RefusesAFileThatIsNotAWorkspaceAndKeepsTheOpenOne) {
  MainWindow window;
  ASSERT_TRUE(window.openWorkspace(path, false, nullptr));
  const QString notes = QString::fromStdString(dir.write("notes.fabdb", "just some text, not a database\n"));
  QString error;
  EXPECT_FALSE(window.openWorkspace(notes, false, &error));
  EXPECT_TRUE(error.contains("not a fabkit workspace")) << error.toStdString();
  EXPECT_EQ(window.workspacePath(), path);
  EXPECT_FALSE(window.openWorkspace(QString::fromStdString(dir.path("missing.fabdb")), false, &error));
  EXPECT_TRUE(error.contains("does not exist")) << error.toStdString();
}

TEST_F(MainWindowTest, AnImportRefreshesTheNavigator) {
  MainWindow window;
  ASSERT_TRUE(window.openWorkspace(path, false, nullptr));
  ASSERT_TRUE(refreshed(window));
  window.imports()->setShowResults(false);
  const QString file = QString::fromStdString(dir.write("new.csv", "lot,parameter,value\nL00,NEW,1\nL01,NEW,2\n"));
  ASSERT_TRUE(window.imports()->startImport(path, file, {}));
  ASSERT_TRUE(test::waitUntil([&] {
    auto* p = group(window.navigator()->tree(), "Parameters");
    return !window.jobs()->busy() && !window.navigator()->loading() && p && p->childCount() == 4;
  }));
  EXPECT_EQ(group(window.navigator()->tree(), "Parameters")->child(3)->text(0), "NEW");
  EXPECT_EQ(group(window.navigator()->tree(), "Imports")->childCount(), 2);
}

TEST_F(MainWindowTest, KeepsWindowGeometryInTheSettings) {
  {
    MainWindow window;
    window.resize(900, 640);
    window.show();
    window.close();
  }
  EXPECT_FALSE(QSettings().value("mainWindow/geometry").toByteArray().isEmpty());
  MainWindow again;
  EXPECT_EQ(again.size(), QSize(900, 640));
}

TEST(MainWindowDrop, AcceptsCsvAndStdfFilesOnly) {
  MainWindow window;
  auto accepts = [&](const QString& file) {
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    return enter.isAccepted();
  };
  EXPECT_TRUE(window.acceptDrops());
  EXPECT_TRUE(accepts("/data/export.csv"));
  EXPECT_TRUE(accepts("/data/EXPORT.TSV"));
  EXPECT_FALSE(accepts("/data/wafer.png"));
  for (const char* stdf : {"/data/a595.stdf", "/data/d10_1.std", "/data/lot2.stdf.gz", "/data/LOT3.STDF.BZ2"})
    EXPECT_TRUE(accepts(stdf)) << stdf;
}

TEST(MainWindowDemo, BuildsTheDemoWorkspaceOffTheGuiThreadAndOpensIt) {
  test::TempDir dir;
  const QString demo = QString::fromStdString(dir.path("data/demo.fabdb"));
  MainWindow window;
  QString built = "not yet";
  QObject::connect(&window, &MainWindow::demoBuilt, [&](const QString& error) { built = error; });
  window.buildDemoAndOpen(demo);
  EXPECT_TRUE(window.jobs()->busy());  // the GUI thread is free meanwhile
  ASSERT_TRUE(test::waitUntil([&] { return built != "not yet"; }, 120000));
  ASSERT_EQ(built, QString());
  EXPECT_EQ(window.workspacePath(), demo);
  ASSERT_TRUE(refreshed(window));
  EXPECT_GT(group(window.navigator()->tree(), "Parameters")->childCount(), 0);
}

}  // namespace
}  // namespace fab::ui

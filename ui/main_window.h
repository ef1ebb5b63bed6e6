#pragma once
// The fabkit main window: menus, the workspace navigator dock, the central
// tabs of views and the status bar with the running job. It wires together
// the parts that do the work: WorkspaceNavigator (lists), ViewFactory (tabs),
// ImportController (imports), JobRunner (background jobs), RecentWorkspaces.
#include <QMainWindow>

#include "ui/navigator/navigator_item.h"
#include "ui/workspace/recent_workspaces.h"

class QMenu;
class QTabWidget;

namespace fab::ui {

class ImportController;
struct OverviewTarget;
class JobRunner;
class ViewFactory;
class WorkspaceChangeWatcher;
class WorkspaceNavigator;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Opens an existing workspace, a file or a shared one's postgresql:// URL
  /// (`create`: or a new one at `path`). On failure
  /// returns false and puts the reason in `error`, or shows it when `error` is null.
  bool openWorkspace(const QString& path, bool create = false, QString* error = nullptr);
  /// Builds the demo workspace at `path` on a worker thread, then opens it.
  void buildDemoAndOpen(const QString& path);
  const QString& workspacePath() const { return path_; }

  WorkspaceNavigator* navigator() const { return navigator_; }
  ViewFactory* views() const { return views_; }
  ImportController* imports() const { return imports_; }
  JobRunner* jobs() const { return jobs_; }
  QTabWidget* tabs() const { return tabs_; }

 signals:
  void workspaceOpened(const QString& path);
  /// The demo build ended; `error` is empty when it succeeded.
  void demoBuilt(const QString& error);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void createMenus();
  /// Opens what a line of the overview points at (a page of a parameter's view, a card on its board).
  void openOverviewTarget(const OverviewTarget& target);
  /// Opens a Kalman level, the yield calculator or a board, asking which parameter or board.
  void openAnalysis(NavigatorItem::Kind kind);
  void newWorkspaceDialog();
  void openWorkspaceDialog();
  void openSharedWorkspaceDialog();
  /// On a shared workspace, refreshes the navigator and views when others change it.
  void watchChanges();
  void importDialog();
  void importFile(const QString& file);
  void fillRecentMenu();
  void about();
  void restoreWindow();

  QString path_;
  RecentWorkspaces recent_;
  JobRunner* jobs_;
  QTabWidget* tabs_;
  WorkspaceNavigator* navigator_;
  ViewFactory* views_;
  ImportController* imports_;
  QMenu* recentMenu_ = nullptr;
  WorkspaceChangeWatcher* watcher_ = nullptr;  ///< null on a workspace file
};

}  // namespace fab::ui

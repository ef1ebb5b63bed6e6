#pragma once
// The workspace navigator: a tree of the workspace's imports (with status and
// errors), lots, parameters (with row counts), products and gauge studies. The lists are
// read on a worker thread; activating an item asks for its view.
#include <QWidget>

#include "ui/navigator/navigator_item.h"

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace fab::ui {

class JobRunner;
struct NavigatorSnapshot;

class WorkspaceNavigator : public QWidget {
  Q_OBJECT
 public:
  explicit WorkspaceNavigator(QWidget* parent = nullptr);

  /// Shows `path` (empty: nothing) and reads its lists.
  void setWorkspace(const QString& path);
  const QString& workspace() const { return path_; }
  QTreeWidget* tree() const { return tree_; }
  /// True while the lists are being read.
  bool loading() const;

 public slots:
  /// Reads the lists again (after an import).
  void refresh();

 signals:
  void itemActivated(const fab::ui::NavigatorItem& item);
  /// The lists were read and shown (or `error` says why not).
  void refreshed(const QString& error);

 private:
  void display(const NavigatorSnapshot& snapshot);
  QTreeWidgetItem* group(const QString& title, int count, bool expanded);

  QString path_;
  QTreeWidget* tree_;
  QLabel* status_;
  JobRunner* runner_;
};

}  // namespace fab::ui

#pragma once
// The start page of a workspace: what is wrong in this fab today
// (core/analysis/overview.h). Each line opens the view that explains it: a
// parameter's control chart, its capability or tool-commonality page, a lot's
// wafer maps, a kaizen's card on its board, an import batch.
#include <QString>
#include <QWidget>

#include <optional>

#include "core/analysis/overview.h"
#include "ui/navigator/navigator_item.h"
#include "ui/views/workspace_view.h"

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace fab::ui {
class JobRunner;

/// Where a line of the overview leads: the item to open and, for a parameter,
/// the page of its view; for a board, the card to select.
struct OverviewTarget {
  NavigatorItem item;
  int page = 0;           ///< SpcParameterView page (0 chart, 1 capability, 4 tool commonality)
  qint64 card = 0;        ///< kanban card to select
};

class OverviewView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  explicit OverviewView(const QString& workspacePath, QWidget* parent = nullptr);
  /// Reads the workspace again now when the page is in front, else when it next is.
  void refreshView() override;
  const analysis::Overview* overview() const { return overview_ ? &*overview_ : nullptr; }
  /// The section lists, for tests: out of control, capability, lots, kaizens, imports.
  QTreeWidget* section(int index) const { return sections_[index]; }

 signals:
  void ready();
  void openRequested(const fab::ui::OverviewTarget& target);

 protected:
  void showEvent(QShowEvent* event) override;
  void hideEvent(QHideEvent* event) override;

 private:
  void load();
  void present(const analysis::Overview& o);
  QTreeWidgetItem* addLine(int section, const QStringList& columns, const OverviewTarget& target,
                           QTreeWidgetItem* parent = nullptr);

  QString path_;
  QLabel* heading_;
  QTreeWidget* sections_[5];
  JobRunner* runner_;
  std::optional<analysis::Overview> overview_;
  bool stale_ = true;  ///< to be read when next in front (never read, changed, or stopped while hidden)
};

}  // namespace fab::ui

Q_DECLARE_METATYPE(fab::ui::OverviewTarget)

#pragma once
// View › History: the workspace's audit trail (core/store/audit_trail.h),
// newest first: when, who, what changed and how (before → after), filtered by
// table and by user. The selected entry's changed fields are listed below it.
// It re-reads the trail when the workspace changes (an import, View › Refresh)
// and whenever its tab comes to the front, after a change made in another view.
#include <QString>
#include <QWidget>

#include <vector>

#include "core/store/audit_trail.h"
#include "ui/views/workspace_view.h"

class QComboBox;
class QLabel;
class QTreeWidget;

namespace fab::ui {

class HistoryView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  /// Entries read at most at once; the label says when more match.
  static constexpr int kShown = 1000;

  explicit HistoryView(const QString& workspacePath, QWidget* parent = nullptr);
  void refreshView() override { load(); }

  /// For tests: the entry list, the selected entry's fields, the filters.
  QTreeWidget* entries() const { return entries_; }
  QTreeWidget* fields() const { return fields_; }
  QComboBox* tableFilter() const { return what_; }
  QComboBox* userFilter() const { return who_; }
  const std::vector<store::AuditEntry>& shown() const { return shown_; }

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void load();
  void showFields();

  QString path_;
  QComboBox* what_;
  QComboBox* who_;
  QLabel* status_;
  QTreeWidget* entries_;
  QTreeWidget* fields_;
  std::vector<store::AuditEntry> shown_;
};

/// The words a reader knows a table's changes by: "approved limits" for chart_config, …
QString auditedTableTitle(const QString& table);

}  // namespace fab::ui

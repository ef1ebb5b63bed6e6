#pragma once
// One import batch: where it came from, what it stored, and its problems as
// file:line:column: message with the offending raw text.
#include <QWidget>

#include "ui/views/workspace_view.h"

class QLabel;
class QTableWidget;

namespace fab::ui {

class BatchView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  /// Reads the batch through a read-only connection; throws fab::Error.
  BatchView(const QString& workspacePath, qint64 batchId, QWidget* parent = nullptr);
  void refreshView() override;
  QTableWidget* errorTable() const { return errors_; }

 private:
  QString path_;
  qint64 id_;
  QLabel* summary_;
  QTableWidget* errors_;
};

}  // namespace fab::ui

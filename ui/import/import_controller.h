#pragma once
// Runs an import the way the user asked for it: the preview + mapping dialog
// (for an STDF tester file its summary instead), then the import on a worker thread with its own workspace connection,
// progress and Cancel in the status bar, and the result dialog. Emits
// imported() so the navigator and views re-read the workspace.
#include <QObject>
#include <QString>

#include <functional>

#include "core/io/importer.h"

class QWidget;

namespace fab::ui {

class JobRunner;

class ImportController : public QObject {
  Q_OBJECT
 public:
  ImportController(JobRunner* runner, QWidget* window, QObject* parent = nullptr);

  /// Shows the dialog for `file`, then imports it into `workspacePath`.
  /// Returns false when nothing was started (dialog cancelled, file unreadable, a job running).
  bool importFile(const QString& workspacePath, const QString& file);
  /// Imports without the dialog (scripts, tests).
  bool startImport(const QString& workspacePath, const QString& file, const io::ImportOptions& options);

  /// Whether the result dialog is shown (tests turn it off).
  void setShowResults(bool show) { showResults_ = show; }

 signals:
  /// An import ended; `report` is empty and `error` set when it stopped before storing.
  void finished(const QString& file, const std::optional<fab::io::ImportReport>& report, const QString& error);
  /// The workspace changed (some batch was recorded, whatever its status).
  void imported();

 private:
  JobRunner* runner_;
  QWidget* window_;
  bool showResults_ = true;
};

}  // namespace fab::ui

#include "ui/import/import_controller.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QWidget>

#include "core/stdf/stdf_import.h"
#include "core/store/workspace.h"
#include "ui/import/import_dialog.h"
#include "ui/import/import_result_dialog.h"
#include "ui/import/stdf_import_dialog.h"
#include "ui/jobs/job_runner.h"

namespace fab::ui {

ImportController::ImportController(JobRunner* runner, QWidget* window, QObject* parent)
    : QObject(parent), runner_(runner), window_(window) {}

bool ImportController::importFile(const QString& workspacePath, const QString& file) {
  if (runner_->busy()) {
    QMessageBox::information(window_, tr("Import"), tr("Wait for “%1” to finish, or cancel it.").arg(runner_->title()));
    return false;
  }
  if (stdf::looksLikeStdf(file.toStdString())) {
    StdfImportDialog dialog(file, window_);
    if (dialog.exec() != QDialog::Accepted) return false;
    return startImport(workspacePath, file, dialog.options());
  }
  std::unique_ptr<ImportDialog> dialog;
  try {
    dialog = std::make_unique<ImportDialog>(file, window_);
  } catch (const std::exception& e) {
    ImportResultDialog(file, QString::fromStdString(e.what()), window_).exec();
    return false;
  }
  if (dialog->exec() != QDialog::Accepted) return false;
  return startImport(workspacePath, file, dialog->options());
}

bool ImportController::startImport(const QString& workspacePath, const QString& file,
                                   const io::ImportOptions& options) {
  const std::string ws = workspacePath.toStdString(), path = file.toStdString();
  // STDF tester files (by name or by their FAR record) go to the STDF import, the rest are CSV.
  const bool isStdf = stdf::looksLikeStdf(path);
  return runner_->start<io::ImportReport>(
      tr("Importing %1").arg(QFileInfo(file).fileName()),
      [ws, path, options, isStdf](const Feedback& feedback) {
        // The worker's own connection: SQLite connections stay on one thread.
        auto workspace = store::Workspace::open(ws);
        return isStdf ? stdf::importStdf(workspace, path, options.batch, feedback)
                      : io::importFile(workspace, path, options, feedback);
      },
      [this, file](JobOutcome<io::ImportReport> outcome) {
        const QString error = outcome.cancelled ? tr("cancelled by the user; nothing was imported") : outcome.error;
        emit finished(file, outcome.value, error);
        emit imported();
        if (!showResults_) return;
        if (outcome.value)
          ImportResultDialog(file, *outcome.value, window_).exec();
        else
          ImportResultDialog(file, error, window_).exec();
      });
}

}  // namespace fab::ui

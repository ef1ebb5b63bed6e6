#pragma once
// The report builder: report type, parameters or lots, date range and paper
// size; print preview (QPrintPreviewDialog with page setup), print, export PDF.
// The analysis and the PDF painting run on a worker thread with progress; the
// preview and the printer paint the finished document on the GUI thread.
#include <QDialog>

#include <memory>

#include "ui/report/report_request.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QListWidget;
class QProgressBar;
class QPrinter;
class QPushButton;

namespace fab::ui {
class JobRunner;
}

namespace fab::ui::report {

class ReportDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ReportDialog(const QString& workspacePath, QWidget* parent = nullptr);

  /// The request the controls describe.
  ReportRequest request() const;
  JobRunner* runner() const { return runner_; }

 public slots:
  void preview();
  void print();
  /// Writes the PDF to `path` on a worker thread; asks for a file when empty.
  void exportPdf(const QString& path = {});

 signals:
  /// A PDF was written (path, pages), or an error shown.
  void pdfWritten(const QString& path, int pages);
  void failed(const QString& message);

 private:
  void loadChoices();
  void updateControls();
  void setBusy(bool busy);
  /// Builds the document off the GUI thread, then calls `then` with it.
  void withDocument(std::function<void(std::shared_ptr<const ReportDocument>)> then);
  void setUpPrinter(QPrinter& printer) const;

  QString path_;
  QComboBox* type_;
  QListWidget* parameters_;
  QListWidget* lots_;
  QCheckBox* useDates_;
  QDateEdit* from_;
  QDateEdit* to_;
  QComboBox* paper_;
  QProgressBar* progress_;
  QLabel* status_;
  QPushButton* cancel_;
  std::vector<QPushButton*> actions_;
  JobRunner* runner_;
};

}  // namespace fab::ui::report

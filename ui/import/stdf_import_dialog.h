#pragma once
// The import preview of an STDF tester file: instead of CSV columns, what the
// file holds (lot, part type, tester and program; parts, good parts, wafers,
// parametric tests), read on a worker thread by core/stdf/summary.h so a large
// file does not block the window, and the batch option Force.
#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <optional>

#include "core/io/importer.h"
#include "core/stdf/summary.h"

class QCheckBox;
class QLabel;
class QPushButton;

namespace fab::ui {

class StdfImportDialog : public QDialog {
  Q_OBJECT
 public:
  explicit StdfImportDialog(const QString& path, QWidget* parent = nullptr);
  /// Stops the summary read and waits for it.
  ~StdfImportDialog() override;

  /// The options the import runs with (batch options; STDF has no column mapping).
  io::ImportOptions options() const;

  /// The summary once read (nullopt while reading or when the file could not be read).
  const std::optional<stdf::StdfSummary>& summary() const { return summary_; }
  bool summaryDone() const { return done_; }
  QLabel* summaryLabel() const { return summaryText_; }
  QCheckBox* force() const { return force_; }
  QPushButton* importButton() const { return import_; }

 private:
  struct Read {
    std::optional<stdf::StdfSummary> summary;
    QString error;
  };
  void showSummary();

  QString path_;
  std::atomic<bool> stop_{false};
  QFutureWatcher<Read> reading_;
  std::optional<stdf::StdfSummary> summary_;
  bool done_ = false;
  QLabel* summaryText_;
  QCheckBox* force_;
  QPushButton* import_ = nullptr;
};

}  // namespace fab::ui

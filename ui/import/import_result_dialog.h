#pragma once
// What an import did: status, rows stored / rejected / already present /
// without value, and every problem as file:line:column: message.
#include <QDialog>

#include "core/io/import_batch.h"

class QPlainTextEdit;

namespace fab::ui {

class ImportResultDialog : public QDialog {
  Q_OBJECT
 public:
  /// The report of an import that ran (ok, failed on bad rows, or cancelled).
  ImportResultDialog(const QString& file, const io::ImportReport& report, QWidget* parent = nullptr);
  /// An import that stopped before storing anything (unreadable file, already imported…).
  ImportResultDialog(const QString& file, const QString& error, QWidget* parent = nullptr);

  /// The listed problems, one per line (for tests).
  QString problemsText() const;
  QString summaryText() const { return summary_; }

 private:
  void build(const QString& title, const QString& summary, const QStringList& lines);

  QString summary_;
  QPlainTextEdit* problems_ = nullptr;
};

}  // namespace fab::ui

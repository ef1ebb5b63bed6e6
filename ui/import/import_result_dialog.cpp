#include "ui/import/import_result_dialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace fab::ui {

ImportResultDialog::ImportResultDialog(const QString& file, const io::ImportReport& r, QWidget* parent)
    : QDialog(parent) {
  const QLocale l;
  QString summary = tr("<b>%1</b>: %2 (batch %3, %4)<br>")
                        .arg(QFileInfo(file).fileName().toHtmlEscaped(), QString::fromStdString(r.status))
                        .arg(r.batchId)
                        .arg(QString::fromStdString(r.kind));
  summary += tr("Rows stored: %1 (without value: %2) · rejected: %3 · already present: %4")
                 .arg(l.toString(r.rowsOk), l.toString(r.rowsMissing), l.toString(r.rowsRejected),
                      l.toString(r.rowsDuplicate));
  if (!r.numberFormat.empty())
    summary += "<br>" + tr("Numbers: %1 · dates: %2")
                            .arg(QString::fromStdString(r.numberFormat).toHtmlEscaped(),
                                 QString::fromStdString(r.dateFormat).toHtmlEscaped());
  if (!r.message.empty()) summary += "<br>" + QString::fromStdString(r.message).toHtmlEscaped();
  QStringList lines;
  const std::string source = file.toStdString();
  for (const auto& p : r.problems) lines << QString::fromStdString(p.describe(source));
  if (r.problemsNotListed > 0) lines << tr("… and %1 more problems").arg(r.problemsNotListed);
  if (!r.notes.empty()) {
    lines << QString() << tr("Mapping:");
    for (const auto& n : r.notes) lines << "  " + QString::fromStdString(n);
  }
  build(r.status == "ok" ? tr("Import finished") : tr("Import %1").arg(QString::fromStdString(r.status)), summary,
        lines);
}

ImportResultDialog::ImportResultDialog(const QString& file, const QString& error, QWidget* parent) : QDialog(parent) {
  build(tr("Import failed"), tr("<b>%1</b>: nothing was imported.").arg(QFileInfo(file).fileName().toHtmlEscaped()),
        {error});
}

void ImportResultDialog::build(const QString& title, const QString& summary, const QStringList& lines) {
  setWindowTitle(title);
  summary_ = summary;
  auto* label = new QLabel(summary, this);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  problems_ = new QPlainTextEdit(lines.join('\n'), this);
  problems_->setReadOnly(true);
  problems_->setLineWrapMode(QPlainTextEdit::NoWrap);
  problems_->setVisible(!lines.isEmpty());
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(label);
  layout->addWidget(problems_, 1);
  layout->addWidget(buttons);
  resize(760, lines.isEmpty() ? 160 : 420);
}

QString ImportResultDialog::problemsText() const { return problems_->toPlainText(); }

}  // namespace fab::ui

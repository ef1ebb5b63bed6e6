#include "ui/views/batch_view.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/io/import_batch.h"
#include "core/store/table_page.h"

namespace fab::ui {

BatchView::BatchView(const QString& workspacePath, qint64 batchId, QWidget* parent)
    : QWidget(parent), path_(workspacePath), id_(batchId), summary_(new QLabel(this)), errors_(new QTableWidget(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(summary_);
  layout->addWidget(errors_, 1);
  layout->addStretch(0);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  summary_->setWordWrap(true);
  errors_->setColumnCount(2);
  errors_->setHorizontalHeaderLabels({tr("Problem"), tr("Raw text")});
  errors_->horizontalHeader()->setStretchLastSection(true);
  errors_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  errors_->setWordWrap(false);
  refreshView();
}

void BatchView::refreshView() {
  store::Database db(path_.toStdString(), store::Database::Mode::ReadOnly);
  const auto batches = store::listImportBatches(db);
  const auto it = std::find_if(batches.begin(), batches.end(), [&](const auto& b) { return b.id == id_; });
  if (it == batches.end()) {
    summary_->setText(tr("Batch %1 is not in this workspace.").arg(id_));
    errors_->setRowCount(0);
    return;
  }
  const QLocale locale;
  const auto& b = *it;
  QString text = tr("<b>Batch %1</b> — %2 import of <tt>%3</tt><br>")
                     .arg(b.id)
                     .arg(QString::fromStdString(b.kind), QString::fromStdString(b.source).toHtmlEscaped());
  text += tr("Status: <b>%1</b>, started %2<br>")
              .arg(QString::fromStdString(b.status),
                   QDateTime::fromMSecsSinceEpoch(b.started).toString("yyyy-MM-dd hh:mm:ss"));
  text += tr("Rows stored %1 (without value %2), rejected %3, already present %4")
              .arg(locale.toString(b.rowsOk), locale.toString(b.rowsMissing), locale.toString(b.rowsRejected),
                   locale.toString(b.rowsDuplicate));
  if (!b.message.empty()) text += "<br>" + QString::fromStdString(b.message).toHtmlEscaped();
  summary_->setText(text);

  const auto problems = store::listImportErrors(db, id_);
  errors_->setVisible(!problems.empty());
  if (problems.empty()) summary_->setText(summary_->text() + "<br>" + tr("No problems were recorded."));
  errors_->setRowCount(static_cast<int>(problems.size()));
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const auto& e = problems[i];
    io::ImportProblem p{e.line, static_cast<std::uint32_t>(e.column), e.columnName, e.message, e.rawText};
    errors_->setItem(static_cast<int>(i), 0, new QTableWidgetItem(QString::fromStdString(p.describe(b.source))));
    errors_->setItem(static_cast<int>(i), 1, new QTableWidgetItem(QString::fromStdString(e.rawText)));
  }
  errors_->resizeColumnToContents(0);
}

}  // namespace fab::ui

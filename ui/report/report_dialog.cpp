#include "ui/report/report_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/store/database.h"
#include "core/store/dies.h"
#include "core/store/measurements.h"
#include "ui/jobs/job_runner.h"

namespace fab::ui::report {
namespace {

std::vector<std::string> checkedItems(const QListWidget* list) {
  std::vector<std::string> out;
  for (int i = 0; i < list->count(); ++i)
    if (list->item(i)->checkState() == Qt::Checked) out.push_back(list->item(i)->text().toStdString());
  return out;
}

QListWidget* checkList(QWidget* parent) {
  auto* list = new QListWidget(parent);
  list->setMinimumHeight(140);
  return list;
}

}  // namespace

ReportDialog::ReportDialog(const QString& workspacePath, QWidget* parent)
    : QDialog(parent), path_(workspacePath), runner_(new JobRunner(this)) {
  setWindowTitle(tr("Report – %1").arg(QFileInfo(path_).fileName()));
  type_ = new QComboBox(this);
  type_->addItem(tr("SPC report"), int(ReportType::Spc));
  type_->addItem(tr("Yield report"), int(ReportType::Yield));
  parameters_ = checkList(this);
  parameters_->setObjectName("parameters");
  lots_ = checkList(this);
  lots_->setObjectName("lots");
  useDates_ = new QCheckBox(tr("only measurements from"), this);
  from_ = new QDateEdit(QDate::currentDate().addMonths(-1), this);
  to_ = new QDateEdit(QDate::currentDate(), this);
  for (auto* d : {from_, to_}) {
    d->setCalendarPopup(true);
    d->setDisplayFormat("yyyy-MM-dd");
  }
  paper_ = new QComboBox(this);
  paper_->addItem("A4", int(PaperSize::A4));
  paper_->addItem("Letter", int(PaperSize::Letter));

  auto* dates = new QHBoxLayout;
  dates->addWidget(useDates_);
  dates->addWidget(from_);
  dates->addWidget(new QLabel(tr("to"), this));
  dates->addWidget(to_);
  dates->addStretch();
  auto* form = new QFormLayout;
  form->addRow(tr("Report"), type_);
  form->addRow(tr("Parameters (none checked: all)"), parameters_);
  form->addRow(tr("Lots (none checked: all)"), lots_);
  form->addRow(tr("Dates"), dates);
  form->addRow(tr("Paper"), paper_);

  progress_ = new QProgressBar(this);
  progress_->setRange(0, 100);
  status_ = new QLabel(this);
  cancel_ = new QPushButton(tr("Cancel"), this);
  auto* busyRow = new QHBoxLayout;
  busyRow->addWidget(progress_, 1);
  busyRow->addWidget(cancel_);
  auto* buttons = new QDialogButtonBox(this);
  auto* previewButton = buttons->addButton(tr("Print pre&view…"), QDialogButtonBox::ActionRole);
  auto* printButton = buttons->addButton(tr("&Print…"), QDialogButtonBox::ActionRole);
  auto* pdfButton = buttons->addButton(tr("Export &PDF…"), QDialogButtonBox::ActionRole);
  buttons->addButton(QDialogButtonBox::Close);
  actions_ = {previewButton, printButton, pdfButton};
  connect(previewButton, &QPushButton::clicked, this, &ReportDialog::preview);
  connect(printButton, &QPushButton::clicked, this, &ReportDialog::print);
  connect(pdfButton, &QPushButton::clicked, this, [this] { exportPdf(); });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(cancel_, &QPushButton::clicked, runner_, &JobRunner::cancel);
  connect(runner_, &JobRunner::progress, this, [this](int percent, const QString& stage) {
    progress_->setValue(percent);
    status_->setText(stage);
  });
  connect(type_, &QComboBox::currentIndexChanged, this, &ReportDialog::updateControls);
  connect(useDates_, &QCheckBox::toggled, this, &ReportDialog::updateControls);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addLayout(busyRow);
  layout->addWidget(status_);
  layout->addWidget(buttons);
  loadChoices();
  setBusy(false);
}

void ReportDialog::loadChoices() {
  try {
    store::Database db(path_.toStdString(), store::Database::Mode::ReadOnly);
    for (const auto& p : store::listParameters(db)) {
      auto* item = new QListWidgetItem(QString::fromStdString(p.name), parameters_);
      item->setCheckState(Qt::Unchecked);
    }
    for (const auto& l : store::listLots(db)) {
      auto* item = new QListWidgetItem(QString::fromStdString(l.name), lots_);
      item->setCheckState(Qt::Unchecked);
      item->setData(Qt::UserRole, qlonglong(l.dies));
    }
  } catch (const std::exception& e) {
    status_->setText(QString::fromStdString(e.what()));
  }
}

void ReportDialog::updateControls() {
  const bool spc = type_->currentData().toInt() == int(ReportType::Spc);
  parameters_->setEnabled(spc && !runner_->busy());
  useDates_->setEnabled(spc && !runner_->busy());
  from_->setEnabled(spc && useDates_->isChecked() && !runner_->busy());
  to_->setEnabled(spc && useDates_->isChecked() && !runner_->busy());
  // The yield report needs die maps: offer only the lots that have them.
  for (int i = 0; i < lots_->count(); ++i)
    lots_->item(i)->setHidden(!spc && lots_->item(i)->data(Qt::UserRole).toLongLong() == 0);
}

void ReportDialog::setBusy(bool busy) {
  for (auto* b : actions_) b->setEnabled(!busy);
  type_->setEnabled(!busy);
  lots_->setEnabled(!busy);
  paper_->setEnabled(!busy);
  progress_->setVisible(busy);
  cancel_->setVisible(busy);
  if (!busy) progress_->setValue(0);
  updateControls();
}

ReportRequest ReportDialog::request() const {
  ReportRequest r;
  r.workspace = path_;
  r.type = ReportType(type_->currentData().toInt());
  r.paper = PaperSize(paper_->currentData().toInt());
  r.lots = checkedItems(lots_);
  if (r.type == ReportType::Spc) {
    r.parameters = checkedItems(parameters_);
    if (useDates_->isChecked()) {
      r.from = parseReportTime(from_->date().toString("yyyy-MM-dd").toStdString(), false);
      r.to = parseReportTime(to_->date().toString("yyyy-MM-dd").toStdString(), true);
    }
  }
  return r;
}

void ReportDialog::withDocument(std::function<void(std::shared_ptr<const ReportDocument>)> then) {
  const auto req = request();
  setBusy(true);
  runner_->start<std::shared_ptr<const ReportDocument>>(
      tr("Building the report"),
      [req](const Feedback& feedback) {
        return std::shared_ptr<const ReportDocument>(std::make_shared<ReportDocument>(buildReport(req, feedback)));
      },
      [this, then = std::move(then)](JobOutcome<std::shared_ptr<const ReportDocument>> outcome) {
        setBusy(false);
        status_->clear();
        if (outcome.value) {
          then(*outcome.value);
        } else if (!outcome.cancelled) {
          status_->setText(outcome.error);
          emit failed(outcome.error);
        }
      });
}

void ReportDialog::setUpPrinter(QPrinter& printer) const {
  const auto paper = PaperSize(paper_->currentData().toInt());
  printer.setPageLayout(QPageLayout(pageSizeOf(paper), QPageLayout::Portrait,
                                    QMarginsF(ReportRenderer::kMarginMm, ReportRenderer::kMarginMm,
                                              ReportRenderer::kMarginMm, ReportRenderer::kMarginMm),
                                    QPageLayout::Millimeter));
}

void ReportDialog::preview() {
  withDocument([this](std::shared_ptr<const ReportDocument> doc) {
    QPrinter printer(QPrinter::HighResolution);
    setUpPrinter(printer);
    QPrintPreviewDialog dialog(&printer, this);
    dialog.setWindowTitle(doc->title);
    connect(&dialog, &QPrintPreviewDialog::paintRequested, this,
            [doc](QPrinter* p) { ReportRenderer(*doc).render(*p); });
    dialog.exec();
  });
}

void ReportDialog::print() {
  withDocument([this](std::shared_ptr<const ReportDocument> doc) {
    QPrinter printer(QPrinter::HighResolution);
    setUpPrinter(printer);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted) return;
    try {
      ReportRenderer(*doc).render(printer);
    } catch (const std::exception& e) {
      QMessageBox::warning(this, tr("Print"), QString::fromStdString(e.what()));
    }
  });
}

void ReportDialog::exportPdf(const QString& chosen) {
  QString path = chosen;
  if (path.isEmpty()) {
    const QString name = type_->currentData().toInt() == int(ReportType::Spc) ? "spc-report.pdf" : "yield-report.pdf";
    path = QFileDialog::getSaveFileName(this, tr("Export PDF"), QFileInfo(path_).absolutePath() + "/" + name,
                                        tr("PDF (*.pdf)"));
    if (path.isEmpty()) return;
  }
  const auto req = request();
  setBusy(true);
  // QPainter on a QPdfWriter needs no widget: the whole export runs on the worker.
  runner_->start<int>(
      tr("Writing %1").arg(QFileInfo(path).fileName()),
      [req, path](const Feedback& feedback) { return writeReportPdf(req, path, feedback); },
      [this, path](JobOutcome<int> outcome) {
        setBusy(false);
        if (outcome.value) {
          status_->setText(tr("Wrote %1 (%n page(s)).", nullptr, *outcome.value).arg(path));
          emit pdfWritten(path, *outcome.value);
        } else if (!outcome.cancelled) {
          status_->setText(outcome.error);
          emit failed(outcome.error);
        }
      });
}

}  // namespace fab::ui::report

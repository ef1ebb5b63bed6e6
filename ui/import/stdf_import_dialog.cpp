#include "ui/import/stdf_import_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrent>

#include "core/common/error.h"

namespace fab::ui {
namespace {

QString text(const std::string& s) { return s.empty() ? QObject::tr("—") : QString::fromStdString(s).toHtmlEscaped(); }

}  // namespace

StdfImportDialog::StdfImportDialog(const QString& path, QWidget* parent)
    : QDialog(parent),
      path_(path),
      summaryText_(new QLabel(tr("Reading the file…"), this)),
      force_(new QCheckBox(tr("Force: import the file even if it was imported before"), this)) {
  setWindowTitle(tr("Import %1").arg(QFileInfo(path).fileName()));
  auto* form = new QFormLayout;
  form->addRow(tr("File:"), new QLabel(QString("<tt>%1</tt>").arg(path.toHtmlEscaped()), this));
  form->addRow(tr("Data:"), new QLabel(tr("STDF V4 tester file: a test run, its parts and bins, wafer-sort dies "
                                          "(with the product's wafer layout when the workspace has none) and "
                                          "parametric results with their limits"),
                                       this));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  import_ = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(summaryText_, 1);
  layout->addWidget(force_);
  layout->addWidget(buttons);
  summaryText_->setWordWrap(true);
  summaryText_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  summaryText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(&reading_, &QFutureWatcherBase::finished, this, &StdfImportDialog::showSummary);
  const std::string file = path.toStdString();
  reading_.setFuture(QtConcurrent::run([file, stop = &stop_] {
    Read read;
    Feedback feedback;
    feedback.cancelFlag = stop;
    try {
      read.summary = stdf::summarise(file, feedback);
    } catch (const Cancelled&) {
    } catch (const std::exception& e) {
      read.error = QString::fromStdString(e.what());
    }
    return read;
  }));
  resize(640, 420);
}

StdfImportDialog::~StdfImportDialog() {
  stop_ = true;
  reading_.waitForFinished();
}

void StdfImportDialog::showSummary() {
  Read read = reading_.result();
  done_ = true;
  if (!read.summary) {
    // The import would stop at the same place: say so now, and leave Import to the user.
    summaryText_->setText(QString("<span style='color:#b00000'>%1</span>").arg(read.error.toHtmlEscaped()));
    return;
  }
  summary_ = std::move(read.summary);
  const auto& s = *summary_;
  const stdf::Mir mir = s.mir.value_or(stdf::Mir{});
  const double yield = s.parts ? 100.0 * static_cast<double>(s.good) / static_cast<double>(s.parts) : 0.0;
  std::int64_t ptr = 0;
  for (const char* name : {"PTR", "MPR", "FTR"})
    if (auto it = s.records.find(name); it != s.records.end()) ptr += it->second;
  QString html = "<table cellspacing='4'>";
  auto row = [&html](const QString& name, const QString& value) {
    html += QString("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(name, value);
  };
  row(tr("Lot"), text(mir.lot) + (mir.sublot.empty() ? QString() : tr(" (sublot %1)").arg(text(mir.sublot))));
  row(tr("Part type"), text(mir.partType));
  row(tr("Tester"), text(mir.testerType) + (mir.node.empty() ? QString() : " · " + text(mir.node)));
  row(tr("Program"), text(mir.job) + (mir.jobRevision.empty() ? QString() : " " + text(mir.jobRevision)));
  row(tr("Started"), text(stdf::isoTime(mir.startTime)));
  row(tr("Parts"), QString::number(s.parts));
  row(tr("Good"), tr("%1 (%2 %)").arg(s.good).arg(yield, 0, 'f', 1));
  row(tr("Wafers"), s.wafers ? QString::number(s.wafers) : tr("none (final test: parts without a wafer)"));
  row(tr("Tests"), tr("%1 parametric tests, %2 test records").arg(s.tests.size()).arg(ptr));
  row(tr("Byte order"), s.bigEndian ? tr("big-endian") : tr("little-endian"));
  html += "</table>";
  for (const auto& w : s.warnings) html += "<p>" + tr("warning: ") + text(w) + "</p>";
  summaryText_->setText(html);
}

io::ImportOptions StdfImportDialog::options() const {
  io::ImportOptions o;
  o.batch.force = force_->isChecked();
  return o;
}

}  // namespace fab::ui

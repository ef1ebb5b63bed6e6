#include "ui/views/spc/capability_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

#include "core/store/measurements.h"
#include "ui/chart/chart_widget.h"
#include "ui/jobs/job_runner.h"
#include "ui/number_text.h"

namespace fab::ui {
namespace {


}  // namespace

CapabilityView::CapabilityView(const QString& workspacePath, const QString& parameter, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      runner_(new JobRunner(this, WhenBusy::LatestWins)),
      parameter_(new QComboBox),
      subgroup_(new QComboBox),
      boxCox_(new QCheckBox(tr("Box-Cox transform"))),
      status_(new QLabel),
      summary_(new QLabel),
      chart_(new chart::ChartWidget),
      indices_(new QTableWidget(0, 4)) {
  try {
    store::Database db(path_.toStdString(), store::Database::Mode::ReadOnly);
    for (const auto& p : store::listParameters(db)) parameter_->addItem(QString::fromStdString(p.name));
  } catch (const std::exception& e) {
    status_->setText(QString::fromStdString(e.what()));
  }
  parameter_->setCurrentText(parameter);  // before the signals are connected: one computation
  subgroup_->addItems({tr("σ within: the chart in force"), tr("σ within: moving range"), tr("σ within: wafers (R̄/d2)"),
                       tr("σ within: lots (R̄/d2)")});
  auto* exportButton = new QPushButton(tr("Export…"));
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Parameter")));
  bar->addWidget(parameter_);
  bar->addWidget(subgroup_);
  bar->addWidget(boxCox_);
  bar->addStretch(1);
  bar->addWidget(exportButton);

  indices_->setHorizontalHeaderLabels({tr("index"), tr("value"), tr("lower"), tr("upper")});
  indices_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  indices_->verticalHeader()->hide();
  indices_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  summary_->setWordWrap(true);
  summary_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* side = new QWidget;
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->setContentsMargins(0, 0, 0, 0);
  sideLayout->addWidget(indices_, 2);
  sideLayout->addWidget(summary_, 1);
  auto* body = new QSplitter(Qt::Horizontal);
  body->addWidget(chart_);
  body->addWidget(side);
  body->setStretchFactor(0, 3);
  body->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(bar);
  layout->addWidget(status_);
  layout->addWidget(body, 1);

  auto changed = [this] {
    if (!updating_) recompute();
  };
  connect(parameter_, &QComboBox::currentIndexChanged, this, changed);
  connect(subgroup_, &QComboBox::currentIndexChanged, this, changed);
  connect(boxCox_, &QCheckBox::toggled, this, changed);
  connect(exportButton, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export histogram"), parameter_->currentText() + ".png",
                                                      tr("PNG (*.png);;SVG (*.svg)"));
    if (path.isEmpty()) return;
    const QString error = exportChart(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export failed"), error);
  });
  recompute();
}

CapabilityRequest CapabilityView::request() const {
  CapabilityRequest r;
  r.parameter = parameter_->currentText().toStdString();
  static const char* const kSubgroups[] = {"", "individuals", "wafer", "lot"};
  r.subgroup = kSubgroups[std::clamp(subgroup_->currentIndex(), 0, 3)];
  r.boxCox = boxCox_->isChecked();
  return r;
}

void CapabilityView::setRequest(const CapabilityRequest& r) {
  updating_ = true;
  parameter_->setCurrentText(QString::fromStdString(r.parameter));
  subgroup_->setCurrentIndex(r.subgroup == "individuals" ? 1 : r.subgroup == "wafer" ? 2 : r.subgroup == "lot" ? 3 : 0);
  boxCox_->setChecked(r.boxCox);
  updating_ = false;
  recompute();
}

void CapabilityView::recompute() {
  loaded_ = false;
  const auto req = request();
  const std::string path = path_.toStdString();
  status_->setText(tr("Computing the capability of %1…").arg(QString::fromStdString(req.parameter)));
  runner_->start<std::shared_ptr<const CapabilityData>>(
      tr("Capability of %1").arg(QString::fromStdString(req.parameter)),
      [path, req](const Feedback&) {
        store::Database db(path, store::Database::Mode::ReadOnly);
        return std::shared_ptr<const CapabilityData>(std::make_shared<CapabilityData>(computeCapability(db, req)));
      },
      [this](JobOutcome<std::shared_ptr<const CapabilityData>> outcome) {
        loaded_ = true;
        error_ = outcome.error;
        if (outcome.value) {
          data_ = *outcome.value;
          showData();
        } else {
          status_->setText(tr("No capability: %1").arg(outcome.error));
        }
        emit capabilityReady();
      });
}

void CapabilityView::showData() {
  const auto& c = data_->capability;
  chart_->setChart(std::make_shared<chart::HistogramPainter>(data_->histogram));
  const std::pair<const char*, const spc::CapabilityIndex*> rows[] = {
      {"Cp", &c.cp}, {"Cpl", &c.cpl}, {"Cpu", &c.cpu}, {"Cpk", &c.cpk}, {"Cpm", &c.cpm},
      {"Pp", &c.pp}, {"Ppl", &c.ppl}, {"Ppu", &c.ppu}, {"Ppk", &c.ppk}};
  indices_->setRowCount(0);
  for (const auto& [name, index] : rows) {
    if (!index->available) continue;
    const int r = indices_->rowCount();
    indices_->insertRow(r);
    const QStringList cells = {name, significant(index->value), significant(index->lower), significant(index->upper)};
    for (int col = 0; col < cells.size(); ++col) indices_->setItem(r, col, new QTableWidgetItem(cells[col]));
  }
  QString text =
      tr("n = %1, mean %2, σ within %3 (%4), σ overall %5; intervals at %6 %")
          .arg(c.n)
          .arg(significant(c.mean, 6), significant(c.sigmaWithin), QString::fromStdString(c.sigmaWithinMethod), significant(c.sigmaOverall))
          .arg(c.confidence * 100);
  text += "\n" + tr("ppm below / above spec: expected (within) %1 / %2, expected (overall) %3 / %4, observed %5 / %6")
                     .arg(significant(c.expectedWithin.below), significant(c.expectedWithin.above), significant(c.expectedOverall.below),
                          significant(c.expectedOverall.above), significant(c.observed.below), significant(c.observed.above));
  if (data_->normality)
    text +=
        "\n" + tr("Anderson–Darling A² = %1 (A*² = %2), p = %3%4")
                   .arg(significant(data_->normality->a2), significant(data_->normality->a2Adjusted), significant(data_->normality->pValue, 3),
                        data_->normality->pValue >= 0.05 ? QString()
                        : data_->boxCox                  ? tr(": not normal at 5 %")
                                                         : tr(": not normal at 5 %, consider Box-Cox"));
  else
    text += "\n" + tr("Normality not tested: %1").arg(QString::fromStdString(data_->normalityError));
  if (data_->boxCox) text += "\n" + tr("Box-Cox λ = %1 (specs transformed)").arg(data_->boxCox->lambda, 0, 'f', 3);
  for (const auto& n : c.notes) text += "\n" + QString::fromStdString(n);
  summary_->setText(text);
  status_->setText(tr("Spec for product %1: LSL %2, target %3, USL %4")
                       .arg(QString::fromStdString(data_->product.empty() ? "(all)" : data_->product),
                            data_->spec.lsl ? significant(*data_->spec.lsl, 6) : "—",
                            data_->spec.target ? significant(*data_->spec.target, 6) : "—",
                            data_->spec.usl ? significant(*data_->spec.usl, 6) : "—"));
}

QString CapabilityView::exportChart(const QString& path) const {
  return path.endsWith(".svg", Qt::CaseInsensitive) ? chart_->exportSvg(path) : chart_->exportPng(path);
}

void CapabilityView::refreshView() { recompute(); }

}  // namespace fab::ui

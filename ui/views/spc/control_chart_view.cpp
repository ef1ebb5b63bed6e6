#include "ui/views/spc/control_chart_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

#include "core/common/error.h"
#include "core/store/spc_notes.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/jobs/job_runner.h"
#include "ui/layout/flow_layout.h"

namespace fab::ui {
namespace {

using spc::ChartType;

const ChartType kTypes[] = {ChartType::IndividualsMR, ChartType::XbarR, ChartType::XbarS,
                            ChartType::Ewma,          ChartType::Cusum, ChartType::ThreeWay};

QDoubleSpinBox* numberBox(double lo, double hi, double value, double step) {
  auto* box = new QDoubleSpinBox;
  box->setRange(lo, hi);
  box->setDecimals(2);
  box->setSingleStep(step);
  box->setValue(value);
  return box;
}

/// A small form dialog: one line edit per label; empty result when cancelled.
QStringList askFields(QWidget* parent, const QString& title, const QStringList& labels) {
  QDialog dialog(parent);
  dialog.setWindowTitle(title);
  auto* form = new QFormLayout(&dialog);
  std::vector<QLineEdit*> edits;
  for (const auto& l : labels) {
    edits.push_back(new QLineEdit);
    form->addRow(l, edits.back());
  }
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  form->addRow(buttons);
  QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  if (dialog.exec() != QDialog::Accepted) return {};
  QStringList out;
  for (auto* e : edits) out << e->text().trimmed();
  return out;
}

}  // namespace

ControlChartView::ControlChartView(const QString& workspacePath, const QString& parameter, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      runner_(new JobRunner(this, WhenBusy::LatestWins)),
      status_(new QLabel),
      main_(new chart::ChartWidget),
      lower_(new chart::ChartWidget),
      third_(new chart::ChartWidget),
      exceptions_(new QTableWidget(0, 5)) {
  auto* bar = new QWidget;
  buildControls(bar);
  status_->setWordWrap(true);  // a long note must not widen the window
  exceptions_->setHorizontalHeaderLabels({tr("point"), tr("key"), tr("panel"), tr("rule"), tr("reason")});
  exceptions_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  exceptions_->horizontalHeader()->setStretchLastSection(true);
  exceptions_->setSelectionBehavior(QAbstractItemView::SelectRows);
  exceptions_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  exceptions_->verticalHeader()->hide();
  auto* ack = new QPushButton(tr("Acknowledge…"));
  connect(ack, &QPushButton::clicked, this, &ControlChartView::acknowledgeWithDialog);
  auto* side = new QWidget;
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->setContentsMargins(0, 0, 0, 0);
  sideLayout->addWidget(new QLabel(tr("Open violations (exception list)")));
  sideLayout->addWidget(exceptions_);
  sideLayout->addWidget(ack);

  auto* charts = new QSplitter(Qt::Vertical);
  charts->addWidget(main_);
  charts->addWidget(lower_);
  charts->addWidget(third_);
  charts->setStretchFactor(0, 3);
  charts->setStretchFactor(1, 2);
  charts->setStretchFactor(2, 2);
  third_->hide();
  auto* body = new QSplitter(Qt::Horizontal);
  body->addWidget(charts);
  body->addWidget(side);
  body->setStretchFactor(0, 4);
  body->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(bar);
  layout->addWidget(status_);
  layout->addWidget(body, 1);

  for (auto* w : {main_, lower_, third_})
    w->setTooltipProvider([this, w](const chart::ChartHit& hit) {
      if (!data_ || hit.row < 0) return QString();
      const std::size_t panel = w == main_ ? 0 : w == lower_ ? 1 : 2;
      return describeChartPoint(*data_, panel, static_cast<std::size_t>(hit.row));
    });
  updating_ = true;
  if (parameter_->findText(parameter) >= 0) parameter_->setCurrentText(parameter);
  updating_ = false;
  recompute();
}

void ControlChartView::buildControls(QWidget* bar) {
  parameter_ = new QComboBox;
  type_ = new QComboBox;
  subgroup_ = new QComboBox;
  rules_ = new QComboBox;
  groupBy_ = new QComboBox;
  step_ = new QComboBox;
  xLabels_ = new QComboBox;
  xLabels_->addItems({tr("lot"), tr("date"), tr("point number")});  // the order of XLabels
  baseFirst_ = new QSpinBox;
  baseLast_ = new QSpinBox;
  L_ = numberBox(1, 6, 3, 0.5);
  lambda_ = numberBox(0.01, 1, 0.2, 0.05);
  k_ = numberBox(0, 3, 0.5, 0.25);
  h_ = numberBox(0.5, 20, 5, 0.5);
  approved_ = new QCheckBox(tr("approved limits"));
  spec_ = new QCheckBox(tr("spec limits"));
  phasePerGroup_ = new QCheckBox(tr("phase per group"));
  approved_->setChecked(true);
  try {
    store::Database db(path_.toStdString(), store::Database::Mode::ReadOnly);
    for (const auto& p : store::listParameters(db)) parameter_->addItem(QString::fromStdString(p.name));
    for (const auto& s : store::listSteps(db)) step_->addItem(QString::fromStdString(s));
  } catch (const std::exception& e) {
    status_->setText(QString::fromStdString(e.what()));
  }
  for (auto t : kTypes) type_->addItem(spc::chartName(t));
  subgroup_->addItems({tr("individuals"), "wafer", "lot"});
  rules_->addItems({"nelson", "we", "rule1", "none"});
  groupBy_->addItems({tr("no grouping"), "tool", "chamber", "product"});
  for (auto* b : {baseFirst_, baseLast_}) {
    b->setRange(0, 100000000);
    b->setSpecialValueText(tr("all"));
    b->setMaximumWidth(90);
  }
  for (auto* b : {L_, lambda_, k_, h_}) b->setMaximumWidth(80);
  auto* approve = new QPushButton(tr("Approve these limits…"));
  auto* exportButton = new QPushButton(tr("Export…"));
  connect(approve, &QPushButton::clicked, this, &ControlChartView::approveWithDialog);
  connect(exportButton, &QPushButton::clicked, this, &ControlChartView::exportWithDialog);

  // The controls wrap onto more rows when the view is narrow (1280 px with the navigator open).
  auto* flow = new FlowLayout(bar);
  flow->addField(tr("Parameter"), parameter_);
  flow->addField(tr("Chart"), type_);
  flow->addField(tr("Subgroups"), subgroup_);
  flow->addField(tr("Rules"), rules_);
  flow->addField({}, approved_);
  flow->addField({}, approve);
  flow->addField(tr("Phase I from"), baseFirst_);
  flow->addField(tr("to"), baseLast_);
  flow->addField("L", L_);
  flow->addField("λ", lambda_);
  flow->addField("k", k_);
  flow->addField("h", h_);
  flow->addField(tr("Colour by"), groupBy_);
  flow->addField(tr("at step"), step_);
  flow->addField({}, phasePerGroup_);
  flow->addField({}, spec_);
  flow->addField(tr("x axis"), xLabels_);
  flow->addField({}, exportButton);

  auto changed = [this] {
    if (updating_) return;
    automatic_ = false;  // the engineer's choice from now on
    recompute();
  };
  for (auto* c : {type_, subgroup_, rules_, groupBy_, step_})
    connect(c, &QComboBox::currentIndexChanged, this, changed);
  // Another parameter keeps the data's choice when it was the data's (its own sites per wafer decide).
  connect(parameter_, &QComboBox::currentIndexChanged, this, [this] {
    if (!updating_) recompute();
  });
  for (auto* s : {baseFirst_, baseLast_}) connect(s, &QSpinBox::valueChanged, this, changed);
  // The axis labels are a way of reading the same chart: the data's choice of chart stays.
  connect(xLabels_, &QComboBox::currentIndexChanged, this, [this] {
    if (!updating_) recompute();
  });
  for (auto* s : {L_, lambda_, k_, h_}) connect(s, &QDoubleSpinBox::valueChanged, this, changed);
  for (auto* c : {approved_, spec_, phasePerGroup_}) connect(c, &QCheckBox::toggled, this, changed);
}

ControlChartRequest ControlChartView::request() const {
  ControlChartRequest r;
  r.parameter = parameter_->currentText().toStdString();
  r.type = kTypes[std::max(0, type_->currentIndex())];
  r.subgroup = subgroup_->currentIndex() <= 0 ? "" : subgroup_->currentText().toStdString();
  if (baseFirst_->value() > 0 && baseLast_->value() > 0) {
    r.baselineFirst = static_cast<std::size_t>(baseFirst_->value());
    r.baselineLast = static_cast<std::size_t>(baseLast_->value());
  }
  r.rules = rules_->currentText().toStdString();
  // A value changed from the usual one is set by hand and overrides the approved one.
  const spc::ChartOptions usual;
  if (L_->value() != usual.L) r.L = L_->value();
  if (lambda_->value() != usual.lambda) r.lambda = lambda_->value();
  if (k_->value() != usual.k) r.k = k_->value();
  if (h_->value() != usual.h) r.h = h_->value();
  r.useApproved = approved_->isChecked();
  r.showSpec = spec_->isChecked();
  if (groupBy_->currentIndex() > 0) r.groupBy = spc::parseGroupBy(groupBy_->currentText().toStdString());
  r.step = step_->currentText().toStdString();
  r.phasePerGroup = phasePerGroup_->isChecked();
  r.xLabels = static_cast<XLabels>(std::max(0, xLabels_->currentIndex()));
  return r;
}

void ControlChartView::setRequest(const ControlChartRequest& r) {
  updating_ = true;
  parameter_->setCurrentText(QString::fromStdString(r.parameter));
  for (int i = 0; i < static_cast<int>(std::size(kTypes)); ++i)
    if (kTypes[i] == r.type) type_->setCurrentIndex(i);
  subgroup_->setCurrentIndex(r.subgroup.empty() ? 0 : subgroup_->findText(QString::fromStdString(r.subgroup)));
  baseFirst_->setValue(static_cast<int>(r.baselineFirst.value_or(0)));
  baseLast_->setValue(static_cast<int>(r.baselineLast.value_or(0)));
  rules_->setCurrentText(QString::fromStdString(r.rules));
  const spc::ChartOptions usual;
  L_->setValue(r.L.value_or(usual.L));
  lambda_->setValue(r.lambda.value_or(usual.lambda));
  k_->setValue(r.k.value_or(usual.k));
  h_->setValue(r.h.value_or(usual.h));
  approved_->setChecked(r.useApproved);
  spec_->setChecked(r.showSpec);
  groupBy_->setCurrentIndex(r.groupBy ? groupBy_->findText(spc::groupByName(*r.groupBy)) : 0);
  step_->setCurrentText(QString::fromStdString(r.step));
  phasePerGroup_->setChecked(r.phasePerGroup);
  xLabels_->setCurrentIndex(static_cast<int>(r.xLabels));
  automatic_ = r.automatic;
  updating_ = false;
  recompute();
}

void ControlChartView::recompute() {
  loaded_ = false;
  auto req = request();
  req.automatic = automatic_;
  const std::string path = path_.toStdString();
  status_->setText(tr("Computing %1…").arg(QString::fromStdString(req.parameter)));
  runner_->start<std::shared_ptr<const ControlChartData>>(
      tr("Control chart of %1").arg(QString::fromStdString(req.parameter)),
      [path, req](const Feedback&) {
        store::Database db(path, store::Database::Mode::ReadOnly);
        return std::shared_ptr<const ControlChartData>(
            std::make_shared<ControlChartData>(computeControlChart(db, req)));
      },
      [this](JobOutcome<std::shared_ptr<const ControlChartData>> outcome) {
        loaded_ = true;
        error_ = outcome.error;
        if (outcome.value) {
          data_ = *outcome.value;
          if (data_->request.automatic) showChosenChart(data_->request);
          showData();
        } else {
          status_->setText(tr("Cannot draw the chart: %1").arg(outcome.error));
        }
        emit chartReady();
      });
}

void ControlChartView::showChosenChart(const ControlChartRequest& chosen) {
  updating_ = true;  // the controls follow the data's choice without recomputing
  for (int i = 0; i < static_cast<int>(std::size(kTypes)); ++i)
    if (kTypes[i] == chosen.type) type_->setCurrentIndex(i);
  subgroup_->setCurrentIndex(chosen.subgroup.empty() ? 0
                                                     : subgroup_->findText(QString::fromStdString(chosen.subgroup)));
  rules_->setCurrentText(QString::fromStdString(chosen.rules));
  updating_ = false;
}

QString ControlChartView::statusText() const { return status_->text(); }

void ControlChartView::showData() {
  main_->setChart(std::make_shared<chart::SeriesChartPainter>(data_->panels[0]));
  lower_->setVisible(data_->panels.size() > 1);
  if (data_->panels.size() > 1) lower_->setChart(std::make_shared<chart::SeriesChartPainter>(data_->panels[1]));
  third_->setVisible(data_->panels.size() > 2);
  if (data_->panels.size() > 2) third_->setChart(std::make_shared<chart::SeriesChartPainter>(data_->panels[2]));
  QString text;
  if (!data_->chartNote.empty()) text += QString::fromStdString(data_->chartNote) + ". ";
  for (const auto& p : data_->result.phases)
    text += (std::isfinite(p.estimate.sigmaOfMeans) ? tr("%1 centre %2, σ within %3 (%4); ")
                                                    : tr("%1 centre %2, σ %3 (%4); "))
                .arg(QString::fromStdString(p.label.empty() ? "phase" : p.label))
                .arg(p.estimate.center, 0, 'g', 6)
                .arg(p.estimate.sigma, 0, 'g', 4)
                .arg(QString::fromStdString(p.estimate.sigmaMethod));
  if (const auto& p = data_->result.phases.back(); std::isfinite(p.estimate.sigmaOfMeans))
    text += tr("σ of the means %1; ").arg(p.estimate.sigmaOfMeans, 0, 'g', 4);
  for (const auto& w : data_->result.warnings) text += QString::fromStdString(w) + "; ";
  text += tr("%1 open violations").arg(data_->open.size());
  status_->setText(text);
  fillExceptions();
}

void ControlChartView::fillExceptions() {
  exceptions_->setRowCount(static_cast<int>(data_->open.size()));
  for (int r = 0; r < static_cast<int>(data_->open.size()); ++r) {
    const auto& o = data_->open[r];
    const QStringList cells = {QString::number(o.violation.point + 1), QString::fromStdString(o.pointKey),
                               QString::fromStdString(data_->result.panels[o.panel].name),
                               QString::number(o.violation.rule), QString::fromStdString(o.reason)};
    for (int c = 0; c < cells.size(); ++c) exceptions_->setItem(r, c, new QTableWidgetItem(cells[c]));
  }
}

int ControlChartView::approveLimits(const QString& who, const QString& why) {
  if (!data_) throw Error("no chart to approve yet");
  store::Database db(path_.toStdString(), store::Database::Mode::ReadWrite);
  const int version = store::saveApprovedLimits(db, limitsToApprove(*data_, who.toStdString(), why.toStdString()));
  recompute();
  return version;
}

void ControlChartView::acknowledge(int index, const QString& cause, const QString& comment, const QString& who) {
  if (!data_ || index < 0 || index >= static_cast<int>(data_->open.size())) throw Error("select an open violation");
  const auto& o = data_->open[static_cast<std::size_t>(index)];
  store::PointNote note;
  note.parameter = data_->request.parameter;
  note.pointKey = o.pointKey;
  note.rule = o.violation.rule;
  note.cause = cause.toStdString();
  note.comment = comment.toStdString();
  note.who = who.toStdString();
  store::Database db(path_.toStdString(), store::Database::Mode::ReadWrite);
  store::addPointNote(db, note);
  recompute();
}

QString ControlChartView::exportCharts(const QString& path) const {
  const bool svg = path.endsWith(".svg", Qt::CaseInsensitive);
  QString error = svg ? main_->exportSvg(path) : main_->exportPng(path);
  if (error.isEmpty() && data_ && data_->panels.size() > 1) {
    const QFileInfo info(path);
    const QString second = info.path() + "/" + info.completeBaseName() + "-2." + info.suffix();
    error = svg ? lower_->exportSvg(second) : lower_->exportPng(second);
  }
  if (error.isEmpty() && data_ && data_->panels.size() > 2) {
    const QFileInfo info(path);
    const QString third = info.path() + "/" + info.completeBaseName() + "-3." + info.suffix();
    error = svg ? third_->exportSvg(third) : third_->exportPng(third);
  }
  return error;
}

void ControlChartView::approveWithDialog() {
  const auto fields = askFields(this, tr("Approve these limits"), {tr("Approved by"), tr("Reason")});
  if (fields.isEmpty()) return;
  try {
    const int version = approveLimits(fields[0], fields[1]);
    status_->setText(tr("Stored as approved version %1").arg(version));
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Cannot approve the limits"), QString::fromStdString(e.what()));
  }
}

void ControlChartView::acknowledgeWithDialog() {
  const int row = exceptions_->currentRow();
  if (row < 0) return;
  const auto fields = askFields(this, tr("Acknowledge violation"), {tr("Cause"), tr("Comment"), tr("Who")});
  if (fields.isEmpty()) return;
  try {
    acknowledge(row, fields[0], fields[1], fields[2]);
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Cannot acknowledge"), QString::fromStdString(e.what()));
  }
}

void ControlChartView::exportWithDialog() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), parameter_->currentText() + ".png",
                                                    tr("PNG (*.png);;SVG (*.svg)"));
  if (path.isEmpty()) return;
  const QString error = exportCharts(path);
  if (!error.isEmpty()) QMessageBox::warning(this, tr("Export failed"), error);
}

void ControlChartView::refreshView() { recompute(); }

}  // namespace fab::ui

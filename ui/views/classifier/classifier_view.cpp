#include "ui/views/classifier/classifier_view.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "core/store/database.h"
#include "models/classifier/pretrained_model.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/chart/wafer_map_painter.h"
#include "ui/jobs/job_runner.h"
#include "ui/views/classifier/classifier_view_helpers.h"
#include "ui/views/classifier/model_card_readout.h"
#include "ui/views/classifier/training_charts.h"
#include "ui/views/product_view.h"

namespace fab::ui::classifier {
using namespace detail;

ClassifierView::ClassifierView(const QString& workspacePath, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      runner_(new JobRunner(this)),
      tabs_(new QTabWidget(this)),
      modelLabel_(new QLabel(this)),
      status_(new QLabel(this)),
      progress_(new QProgressBar(this)),
      cancel_(new QPushButton(tr("Cancel"), this)) {
  auto* loadButton = new QPushButton(tr("Load model…"), this);
  auto* shippedButton = new QPushButton(tr("Shipped model"), this);
  loadButton->setToolTip(tr("A model folder (model.json + model.pt), or a training output folder (its student)"));
  shippedButton->setToolTip(tr("The pretrained wafer-pattern student installed with fabkit"));
  modelLabel_->setTextFormat(Qt::RichText);
  modelLabel_->setWordWrap(true);
  modelLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  progress_->setRange(0, 100);
  progress_->setMaximumWidth(220);
  progress_->setVisible(false);
  cancel_->setVisible(false);
  auto* top = new QHBoxLayout;
  top->addWidget(modelLabel_, 1);
  top->addWidget(loadButton);
  top->addWidget(shippedButton);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(status_, 1);
  bottom->addWidget(progress_);
  bottom->addWidget(cancel_);
  tabs_->addTab(buildTrainingTab(), tr("Train && compare"));
  tabs_->addTab(buildClassifyTab(), tr("Classify wafers"));
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(tabs_, 1);
  layout->addLayout(bottom);

  connect(loadButton, &QPushButton::clicked, this, &ClassifierView::chooseModelFolder);
  connect(shippedButton, &QPushButton::clicked, this, [this] {
    if (const auto dir = models::findPretrainedModel(models::executableDir()))
      loadModel(qs(*dir));
    else
      status_->setText(tr("The shipped model was not found next to fabkit: load a model folder."));
  });
  connect(cancel_, &QPushButton::clicked, this, &ClassifierView::cancel);
  connect(runner_, &JobRunner::progress, this, [this](int percent, const QString& stage) {
    progress_->setValue(percent);
    if (!stage.isEmpty()) status_->setText(runner_->title() + " – " + stage);
  });
  connect(runner_, &JobRunner::cancelRequested, this, [this] { status_->setText(tr("Stopping…")); });

  refreshView();
  showModelSummary();
  if (const auto dir = models::findPretrainedModel(models::executableDir()))
    loadModel(qs(*dir));
  else
    status_->setText(tr("No shipped model found: train one or load a model folder."));
}

ClassifierView::~ClassifierView() {
  runner_->cancel();
  delete runner_;  // waits for a running job before the members it reports to go away
}

QWidget* ClassifierView::buildTrainingTab() {
  auto* page = new QWidget(this);
  auto* form = new QFormLayout;
  auto spin = [page](int lo, int hi, int value, int step, const QString& tip) {
    auto* s = new QSpinBox(page);
    s->setRange(lo, hi);
    s->setValue(value);
    s->setSingleStep(step);
    s->setGroupSeparatorShown(true);
    s->setToolTip(tip);
    return s;
  };
  maps_ = spin(90, 1'000'000, 1800, 450, tr("Synthetic training maps (balanced over the nine classes)"));
  evalMaps_ = spin(18, 100'000, 450, 90,
                   tr("Maps in each evaluation set: fresh maps from the training settings, and maps from settings "
                      "held out of training"));
  teacherEpochs_ = spin(1, 200, 3, 1, tr("Epochs of the teacher (ResNet, about 1.2 M parameters)"));
  studentEpochs_ = spin(1, 200, 3, 1, tr("Epochs of each student (separable convolutions, about 71 k parameters)"));
  seed_ = spin(0, 1'000'000'000, 1, 1, tr("Seeds the maps, the initial weights and the batch order"));
  // One thread by default: on a shared 2-core machine a 1-thread run took 18 s of CPU where the
  // same run on every thread took 158 s (threads waiting for each other on busy cores).
  threads_ =
      spin(0, 256, 1, 1, tr("libtorch CPU threads (all: every hardware thread; one is fastest on a busy machine)"));
  threads_->setSpecialValueText(tr("all"));
  temperature_ = new QDoubleSpinBox(page);
  temperature_->setRange(1, 20);
  temperature_->setSingleStep(0.5);
  temperature_->setValue(4.0);
  temperature_->setToolTip(tr("Distillation temperature T: softens the teacher's and student's class probabilities"));
  alpha_ = new QDoubleSpinBox(page);
  alpha_->setRange(0, 1);
  alpha_->setSingleStep(0.05);
  alpha_->setValue(0.5);
  alpha_->setToolTip(tr("Weight α of the hard labels: loss = α·CE(s, y) + (1 − α)·T²·KL(softmax(t/T) ‖ softmax(s/T))"));
  device_ = new QComboBox(page);
  device_->addItem("cpu", "cpu");
  device_->addItem("cuda", "cuda");
  if (!models::cudaAvailable()) {
    auto* m = qobject_cast<QStandardItemModel*>(device_->model());
    m->item(1)->setEnabled(false);
    m->item(1)->setToolTip(tr("No CUDA device is available to this build of libtorch"));
    device_->setToolTip(tr("No CUDA device is available to this build of libtorch: training runs on the CPU"));
  } else {
    device_->setCurrentIndex(1);
  }
  form->addRow(tr("Training maps"), maps_);
  form->addRow(tr("Evaluation maps"), evalMaps_);
  form->addRow(tr("Teacher epochs"), teacherEpochs_);
  form->addRow(tr("Student epochs"), studentEpochs_);
  form->addRow(tr("Temperature T"), temperature_);
  form->addRow(tr("Hard-label weight α"), alpha_);
  form->addRow(tr("Seed"), seed_);
  form->addRow(tr("Threads"), threads_);
  form->addRow(tr("Device"), device_);
  train_ = new QPushButton(tr("Train"), page);
  train_->setDefault(true);
  save_ = new QPushButton(tr("Save models…"), page);
  save_->setEnabled(false);
  save_->setToolTip(tr("Writes teacher/, student/ and student-baseline/ (model.pt + model.json) and training.json"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(train_);
  buttons->addWidget(save_);
  auto* hint =
      new QLabel(tr("The defaults train on synthetic maps in about a minute on a CPU. The shipped student was "
                    "trained on the 1,243 labelled real WM-811K maps with augmented copies and calibrated synthetic "
                    "maps (fabkit-cli train --jsonl …, models/README.md)."),
                 page);
  hint->setWordWrap(true);
  hint->setStyleSheet("color: #666;");
  auto* box = new QGroupBox(tr("Knowledge distillation"), page);
  auto* boxLayout = new QVBoxLayout(box);
  boxLayout->addLayout(form);
  boxLayout->addLayout(buttons);
  boxLayout->addWidget(hint);
  boxLayout->addStretch(1);
  box->setMaximumWidth(260);

  loss_ = new chart::ChartWidget(page);
  accuracy_ = new chart::ChartWidget(page);
  confusion_ = new chart::ChartWidget(page);
  confusion_->setTooltipProvider([this](const chart::ChartHit& hit) {
    auto* p = dynamic_cast<chart::ConfusionMatrixPainter*>(confusion_->chart());
    if (!p) return QString();
    const int r = static_cast<int>(hit.y), c = static_cast<int>(hit.x);
    return tr("true %1, predicted %2: %3 maps (%4 of the row)")
        .arg(p->model().classes[r], p->model().classes[c])
        .arg(p->model().counts[r][c])
        .arg(pct(p->rowShare(r, c)));
  });
  confusionChoice_ = new QComboBox(page);
  comparison_ = new QTableWidget(0, 7, page);
  comparison_->setHorizontalHeaderLabels({tr("model"), tr("parameters"), tr("synthetic test\naccuracy"),
                                          tr("synthetic held-out\naccuracy"), tr("synthetic held-out\nmacro-F1"), tr("CPU\nms/map"), tr("wall\nms/map")});
  comparison_->horizontalHeaderItem(0)->setToolTip(tr("Hover a model for its network"));
  comparison_->horizontalHeaderItem(2)->setToolTip(tr("Fresh maps from the training generator settings"));
  comparison_->horizontalHeaderItem(3)->setToolTip(
      tr("Maps from generator settings held out of training (die counts, aspects, pattern sizes, background)"));
  comparison_->horizontalHeaderItem(4)->setToolTip(tr("Mean F1 over the eight defect classes (not 'none')"));
  comparison_->horizontalHeaderItem(5)->setToolTip(
      tr("Mean CPU time of one forward pass, batch 1, one thread: what a dedicated core spends"));
  comparison_->horizontalHeaderItem(6)->setToolTip(tr("The same in wall time (also counts waiting for a shared core)"));
  comparison_->verticalHeader()->setVisible(false);
  comparison_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  comparison_->horizontalHeader()->setStretchLastSection(true);
  comparison_->setMinimumWidth(160);
  comparison_->setWordWrap(false);
  comparison_->setTextElideMode(Qt::ElideMiddle);
  comparison_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  comparison_->setSelectionMode(QAbstractItemView::NoSelection);
  comparison_->verticalHeader()->setDefaultSectionSize(22);
  comparison_->setFixedHeight(4 * 22 + 44);
  comparisonNote_ = new QLabel(page);
  comparisonNote_->setWordWrap(true);
  auto* confusionBox = new QWidget(page);
  auto* confusionLayout = new QVBoxLayout(confusionBox);
  confusionLayout->setContentsMargins(0, 0, 0, 0);
  auto* chooser = new QHBoxLayout;
  chooser->addWidget(new QLabel(tr("Confusion matrix:"), page));
  chooser->addWidget(confusionChoice_, 1);
  confusionChoice_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  confusionChoice_->setMinimumContentsLength(16);
  confusionLayout->addLayout(chooser);
  confusionLayout->addWidget(confusion_, 1);
  auto* compareBox = new QWidget(page);
  auto* compareLayout = new QVBoxLayout(compareBox);
  compareLayout->setContentsMargins(0, 0, 0, 0);
  auto* compareTitle = new QLabel(tr("<b>Size, accuracy and CPU latency</b> per map (batch 1, one thread)"), page);
  compareTitle->setWordWrap(true);
  compareLayout->addWidget(compareTitle);
  compareLayout->addWidget(comparison_);
  compareLayout->addWidget(comparisonNote_);
  compareLayout->addStretch(1);

  // Curves above; the confusion matrix (wide, it is square) and the comparison below.
  loss_->setMinimumHeight(230);
  accuracy_->setMinimumHeight(230);
  auto* curves = new QHBoxLayout;
  curves->addWidget(loss_, 1);
  curves->addWidget(accuracy_, 1);
  auto* results = new QHBoxLayout;
  results->addWidget(confusionBox, 3);
  results->addWidget(compareBox, 2);
  auto* charts = new QVBoxLayout;
  charts->addLayout(curves, 1);
  charts->addLayout(results, 1);
  auto* layout = new QHBoxLayout(page);
  layout->addWidget(box);
  layout->addLayout(charts, 1);

  connect(train_, &QPushButton::clicked, this, [this] { startTraining(planFromFields()); });
  connect(save_, &QPushButton::clicked, this, &ClassifierView::chooseSaveFolder);
  connect(confusionChoice_, &QComboBox::currentIndexChanged, this, &ClassifierView::showConfusion);
  redrawCurves();
  return page;
}

void ClassifierView::refreshView() {
  const QString current = lot_->currentData().toString();
  lot_->clear();
  lot_->addItem(tr("all lots"), QString());
  try {
    store::Database db(path_.toStdString(), store::Database::Mode::ReadOnly);
    for (const auto& l : store::listLots(db))
      if (l.dies > 0) lot_->addItem(tr("%1 (%2 wafers)").arg(qs(l.name)).arg(l.wafers), qs(l.name));
  } catch (const std::exception& e) {
    status_->setText(tr("Cannot read the lots: %1").arg(qs(e.what())));
  }
  const int i = lot_->findData(current);
  lot_->setCurrentIndex(i >= 0 ? i : 0);
}

models::DistillationPlan ClassifierView::planFromFields() const {
  models::DistillationPlan plan;
  plan.trainMaps = static_cast<std::size_t>(maps_->value());
  plan.evalMaps = static_cast<std::size_t>(evalMaps_->value());
  plan.teacherEpochs = teacherEpochs_->value();
  plan.studentEpochs = studentEpochs_->value();
  plan.training.temperature = temperature_->value();
  plan.training.alpha = alpha_->value();
  plan.training.seed = static_cast<std::uint64_t>(seed_->value());
  plan.training.threads = threads_->value();
  plan.device = device_->currentData().toString() == "cuda" ? models::DeviceChoice::Cuda : models::DeviceChoice::Cpu;
  plan.latencyIterations = 200;
  return plan;
}

bool ClassifierView::busy() const { return runner_->busy(); }

bool ClassifierView::refuseWhileBusy() {
  if (!runner_->busy()) return false;
  status_->setText(tr("Wait for “%1” to finish, or cancel it.").arg(runner_->title()));
  return true;
}

void ClassifierView::cancel() { runner_->cancel(); }

void ClassifierView::jobStarted(const QString& what) {
  status_->setText(what);
  progress_->setValue(0);
  progress_->setVisible(true);
  cancel_->setVisible(true);
  train_->setEnabled(false);
  classify_->setEnabled(false);
}

void ClassifierView::jobEnded(const QString& message) {
  status_->setText(message);
  progress_->setVisible(false);
  cancel_->setVisible(false);
  train_->setEnabled(true);
  classify_->setEnabled(model_ != nullptr);
}

bool ClassifierView::startTraining(const models::DistillationPlan& plan) {
  if (refuseWhileBusy()) return false;
  try {
    plan.validate();
  } catch (const std::exception& e) {
    status_->setText(tr("Cannot train: %1").arg(qs(e.what())));
    return false;
  }
  plan_ = plan;
  epochs_.clear();
  redrawCurves();
  auto onEpoch = [this](const models::EpochReport& report) {
    QMetaObject::invokeMethod(
        this, [this, report] { addEpoch(report); }, Qt::QueuedConnection);
  };
  jobStarted(tr("Training"));
  return runner_->start<std::shared_ptr<models::DistillationOutcome>>(
      tr("Training"),
      [plan, onEpoch](const Feedback& feedback) {
        return std::make_shared<models::DistillationOutcome>(models::runDistillation(plan, onEpoch, feedback));
      },
      [this](JobOutcome<std::shared_ptr<models::DistillationOutcome>> result) {
        if (!result.value) {
          const QString why = result.cancelled ? QString("cancelled") : result.error;
          jobEnded(result.cancelled ? tr("Training cancelled.") : tr("Training failed: %1").arg(result.error));
          emit trainingFinished(why);
          return;
        }
        outcome_ = *result.value;
        // The distilled student classifies from now on (models[1]; it shares the run's lifetime).
        model_ = std::shared_ptr<const models::WaferClassifier>(outcome_, &outcome_->models[1].model);
        modelSource_.clear();
        save_->setEnabled(true);
        jobEnded(tr("Trained on %1 in %2 s: the distilled student now classifies (not saved yet).")
                     .arg(qs(outcome_->device))
                     .arg(outcome_->seconds, 0, 'f', 1));
        showModelSummary();
        emit trainingFinished(QString());
      });
}

void ClassifierView::addEpoch(const models::EpochReport& report) {
  epochs_.push_back(report);
  redrawCurves();
  emit epochReported(report);
}

void ClassifierView::redrawCurves() {
  // Before a run, the loaded model's own training record (from its model.json), when it has one.
  std::vector<models::EpochReport> recorded;
  if (epochs_.empty() && model_ && !modelSource_.isEmpty()) recorded = recordedEpochs(model_->card());
  const auto& shownEpochs = epochs_.empty() ? recorded : epochs_;
  int maxEpochs = epochs_.empty() ? std::max(teacherEpochs_->value(), studentEpochs_->value())
                                  : std::max(plan_.teacherEpochs, plan_.studentEpochs);
  for (const auto& e : shownEpochs) maxEpochs = std::max(maxEpochs, e.epoch);
  auto loss = lossChart(shownEpochs, maxEpochs);
  auto accuracy = accuracyChart(shownEpochs, maxEpochs);
  if (!recorded.empty()) {
    loss->title += tr(" (recorded)");
    accuracy->title += tr(" (recorded)");
  }
  loss_->setChart(std::make_shared<chart::SeriesChartPainter>(loss));
  accuracy_->setChart(std::make_shared<chart::SeriesChartPainter>(accuracy));
}

void ClassifierView::showModelSummary() {
  if (!model_) {
    modelLabel_->setText(tr("<b>Model:</b> none loaded"));
  } else {
    const auto& card = model_->card();
    const QString source =
        modelSource_.isEmpty() ? tr("trained in this session, not saved") : QDir::toNativeSeparators(modelSource_);
    // Real-map figures first (what a user's wafers look like); synthetic ones only labelled as such.
    QString real = tr("not measured on real maps");
    if (const auto m = cardMetrics(card, "real_cross_validation")) {
      real = tr("on real WM-811K maps (lot-grouped %1-fold cross-validation, %2 maps): accuracy %3, macro-F1 %4")
                 .arg(cardNumber(card, "real_cross_validation", "folds"))
                 .arg(m->count)
                 .arg(pct(m->accuracy))
                 .arg(m->macroF1, 0, 'f', 3);
    }
    // The rules WaferClassifier::classify applies: low top probability, or far from the training maps.
    if (const auto rules = models::uncertaintyRules(card); !rules.empty())
      real += tr(" · uncertain: %1").arg(qs(rules));
    // The symmetries of the square the model averages over (ModelCard::symmetries).
    const QString averaged = card.symmetries == 2   ? tr(" · averages the map and its half turn")
                             : card.symmetries == 4 ? tr(" · averages the map's four turns")
                             : card.symmetries == 8 ? tr(" · averages the map's turns and mirrors")
                                                    : QString();
    modelLabel_->setText(tr("<b>Model:</b> %1 · %2 · %3 parameters · %4×%4 grid%8<br>%5<br>"
                            "<span style='color:#666'>synthetic held-out accuracy %6 (synthetic maps only) · %7</span>")
                             .arg(qs(card.role), qs(card.architecture.kindName()),
                                  QLocale().toString(static_cast<qlonglong>(model_->parameterCount())))
                             .arg(card.gridSize)
                             .arg(real.toHtmlEscaped(), pct(cardNumber(card, "held_out_accuracy")),
                                  source.toHtmlEscaped(), averaged));
  }
  classify_->setEnabled(model_ != nullptr && !runner_->busy());
  showComparison();
  redrawCurves();
}

void ClassifierView::showComparison() {
  struct Row {
    QString name, network;
    std::int64_t parameters;
    double test, heldOut, macroF1, cpuMs, wallMs;
  };
  std::vector<Row> rows;
  confusions_.clear();
  if (outcome_) {
    for (const auto& m : outcome_->models) {
      const QString name = stageTitle(m.model.card().role);
      rows.push_back({name, qs(m.model.card().architecture.kindName()), m.model.parameterCount(),
                      m.test.metrics.accuracy, m.heldOut.metrics.accuracy, m.heldOut.metrics.macroF1,
                      m.test.latency.threadCpuMs, m.test.latency.wallMs});
      confusions_.push_back(
          {tr("%1 – held-out settings, %2 maps").arg(name).arg(m.heldOut.metrics.count), m.heldOut.metrics});
      confusions_.push_back(
          {tr("%1 – training settings, %2 fresh maps").arg(name).arg(m.test.metrics.count), m.test.metrics});
    }
  }
  if (model_ && !modelSource_.isEmpty()) {
    const auto& card = model_->card();
    const QString name = tr("loaded %1").arg(QFileInfo(modelSource_).fileName());
    rows.push_back({name, qs(card.architecture.kindName()), model_->parameterCount(), cardNumber(card, "test_accuracy"),
                    cardNumber(card, "held_out_accuracy"), cardNumber(card, "held_out_macro_f1_defect_classes"),
                    cardNumber(card, "latency", "thread_cpu_ms"), cardNumber(card, "latency", "wall_ms")});
    if (auto m = cardMetrics(card, "real_cross_validation"))
      confusions_.push_back({tr("%1 – real WM-811K maps, cross-validated, %2 maps").arg(name).arg(m->count), *m});
    if (auto m = cardMetrics(card, "held_out"))
      confusions_.push_back({tr("%1 – synthetic held-out settings, %2 maps").arg(name).arg(m->count), *m});
    if (auto m = cardMetrics(card, "test"))
      confusions_.push_back({tr("%1 – training settings, %2 fresh maps").arg(name).arg(m->count), *m});
  }
  comparison_->setRowCount(static_cast<int>(rows.size()));
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
    const auto& r = rows[static_cast<std::size_t>(i)];
    setCell(comparison_, i, 0, r.name, false);
    comparison_->item(i, 0)->setToolTip(r.name + " · " + r.network);
    setCell(comparison_, i, 1, QLocale().toString(static_cast<qlonglong>(r.parameters)));
    setCell(comparison_, i, 2, pct(r.test));
    setCell(comparison_, i, 3, pct(r.heldOut));
    setCell(comparison_, i, 4, std::isfinite(r.macroF1) ? QString::number(r.macroF1, 'f', 4) : QString("—"));
    setCell(comparison_, i, 5, ms(r.cpuMs));
    setCell(comparison_, i, 6, ms(r.wallMs));
  }
  QString note;
  if (outcome_ && outcome_->models.size() >= 2) {
    const auto& t = outcome_->models[0];
    const auto& s = outcome_->models[1];
    note = tr("The student has 1/%1 of the teacher's parameters and runs %2× faster per map on one core; "
              "synthetic held-out accuracy %3 against %4 (%5 points).")
               .arg(double(t.model.parameterCount()) / double(s.model.parameterCount()), 0, 'f', 1)
               .arg(t.test.latency.threadCpuMs / s.test.latency.threadCpuMs, 0, 'f', 1)
               .arg(pct(s.heldOut.metrics.accuracy), pct(t.heldOut.metrics.accuracy))
               .arg(100.0 * (s.heldOut.metrics.accuracy - t.heldOut.metrics.accuracy), 0, 'f', 1);
    if (outcome_->models.size() >= 3)
      note += " " +
              tr("Distillation changed the student's synthetic held-out accuracy by %1 points against training it alone.")
                  .arg(100.0 * (s.heldOut.metrics.accuracy - outcome_->models[2].heldOut.metrics.accuracy), 0, 'f', 1);
  } else if (!outcome_) {
    note = tr("Train to compare the teacher, the distilled student and the student trained alone.");
  }
  comparisonNote_->setText(note);

  const QString current = confusionChoice_->currentText();
  {
    const QSignalBlocker block(confusionChoice_);
    confusionChoice_->clear();
    for (const auto& c : confusions_) confusionChoice_->addItem(c.first);
    // The distilled student's held-out matrix first after training, else the loaded model's.
    int index = confusionChoice_->findText(current);
    if (index < 0) index = outcome_ && confusions_.size() > 2 ? 2 : 0;
    confusionChoice_->setCurrentIndex(confusions_.empty() ? -1 : index);
  }
  showConfusion();
}

void ClassifierView::showConfusion() {
  const int i = confusionChoice_->currentIndex();
  if (i < 0 || i >= static_cast<int>(confusions_.size())) {
    confusion_->setChart(nullptr);
    return;
  }
  const auto& [title, metrics] = confusions_[static_cast<std::size_t>(i)];
  confusion_->setChart(std::make_shared<chart::ConfusionMatrixPainter>(confusionModel(
      metrics, tr("accuracy %1 · macro-F1 %2").arg(pct(metrics.accuracy)).arg(metrics.macroF1, 0, 'f', 3))));
}

QString ClassifierView::saveTrained(const QString& dir) {
  if (!outcome_) return tr("nothing trained yet");
  try {
    models::saveDistillation(plan_, *outcome_, dir.toStdString());
  } catch (const std::exception& e) {
    return qs(e.what());
  }
  status_->setText(tr("Saved teacher, student and student-baseline to %1").arg(QDir::toNativeSeparators(dir)));
  return {};
}

void ClassifierView::chooseSaveFolder() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Save the trained models into"));
  if (dir.isEmpty()) return;
  if (const QString error = saveTrained(dir); !error.isEmpty()) status_->setText(tr("Not saved: %1").arg(error));
}

void ClassifierView::chooseModelFolder() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Model folder"), modelSource_);
  if (!dir.isEmpty()) loadModel(dir);
}

bool ClassifierView::loadModel(const QString& dir) {
  if (refuseWhileBusy()) return false;
  struct Loaded {
    std::shared_ptr<const models::WaferClassifier> model;
    std::string folder;
  };
  jobStarted(tr("Loading the model"));
  return runner_->start<std::shared_ptr<Loaded>>(
      tr("Loading the model"),
      [d = dir.toStdString()](const Feedback&) {
        auto out = std::make_shared<Loaded>();
        out->folder = models::modelFolder(d);
        out->model = std::make_shared<const models::WaferClassifier>(
            models::WaferClassifier::load(out->folder, models::DeviceChoice::Cpu));
        return out;
      },
      [this](JobOutcome<std::shared_ptr<Loaded>> result) {
        if (!result.value) {
          jobEnded(tr("Cannot load the model: %1").arg(result.error));
          emit modelLoaded(result.error.isEmpty() ? QString("cancelled") : result.error);
          return;
        }
        model_ = (*result.value)->model;
        modelSource_ = qs((*result.value)->folder);
        jobEnded(tr("Loaded %1").arg(QDir::toNativeSeparators(modelSource_)));
        showModelSummary();
        emit modelLoaded(QString());
      });
}

}  // namespace fab::ui::classifier

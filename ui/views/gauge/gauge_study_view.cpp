#include "ui/views/gauge/gauge_study_view.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include "core/io/field_parse.h"
#include "core/msa/gauge_store.h"
#include "core/store/database.h"
#include "ui/chart/chart_export.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/jobs/job_runner.h"
#include "ui/views/gauge/gauge_charts.h"
#include "ui/views/gauge/gauge_import_dialog.h"
#include "ui/views/gauge/gauge_ratings_model.h"
#include "ui/views/gauge/gauge_tables.h"

namespace fab::ui::gauge {
namespace {

constexpr QSize kExportSize{800, 500};

/// A read-only table sized to show all its rows (they sit in a scroll area).
QTableView* resultTable(QAbstractItemModel* model, const QString& objectName) {
  auto* view = new QTableView;
  view->setObjectName(objectName);
  view->setModel(model);
  view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view->verticalHeader()->hide();
  view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  view->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
  view->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
  view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  view->resizeRowsToContents();
  int height = view->horizontalHeader()->sizeHint().height() + 2 * view->frameWidth();
  for (int r = 0; r < model->rowCount(); ++r) height += view->rowHeight(r);
  view->setFixedHeight(height);
  return view;
}

QLabel* note(const QString& text, const QString& colour = "#555") {
  auto* label = new QLabel(text);
  label->setWordWrap(true);
  label->setStyleSheet("color: " + colour);
  return label;
}

QGroupBox* group(const QString& title, QWidget* content, const QString& caption = {}) {
  auto* box = new QGroupBox(title);
  auto* layout = new QVBoxLayout(box);
  if (!caption.isEmpty()) layout->addWidget(note(caption));
  layout->addWidget(content);
  return box;
}

QWidget* scrolled(QWidget* content) {
  auto* area = new QScrollArea;
  area->setWidget(content);
  area->setWidgetResizable(true);
  area->setFrameShape(QFrame::NoFrame);
  return area;
}

QString joined(const std::vector<std::string>& lines) {
  QStringList out;
  for (const auto& l : lines) out << QString::fromStdString(l);
  return out.join("\n");
}

}  // namespace

GaugeStudyView::GaugeStudyView(const QString& workspacePath, const QString& name, msa::GaugeStudyKind kindForNew,
                               QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      model_(new GaugeRatingsModel(this)),
      grid_(new QTableView(this)),
      name_(new QLineEdit(this)),
      kind_(new QComboBox(this)),
      tolerance_(new QLineEdit(this)),
      status_(new QLabel(this)),
      results_(new QTabWidget(this)),
      debounce_(new QTimer(this)),
      runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QWidget(this);
  buildToolbar(bar);
  layout->addWidget(bar);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  auto* left = new QWidget(splitter);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(grid_, 1);
  leftLayout->addWidget(status_);
  status_->setWordWrap(true);
  grid_->setModel(model_);
  grid_->setObjectName("gaugeRatingsGrid");
  grid_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  grid_->horizontalHeader()->setDefaultSectionSize(84);
  grid_->horizontalHeader()->setStretchLastSection(true);
  grid_->verticalHeader()->setDefaultSectionSize(grid_->fontMetrics().height() + 6);
  grid_->installEventFilter(this);
  splitter->addWidget(left);
  splitter->addWidget(results_);
  splitter->setStretchFactor(0, 0);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({470, 1000});
  layout->addWidget(splitter, 1);

  debounce_->setSingleShot(true);
  debounce_->setInterval(250);
  connect(debounce_, &QTimer::timeout, this, &GaugeStudyView::analyze);
  connect(model_, &GaugeRatingsModel::ratingsChanged, this, &GaugeStudyView::scheduleAnalysis);
  connect(model_->undoStack(), &QUndoStack::cleanChanged, this, &GaugeStudyView::updateStatus);
  load(name, kindForNew);
}

GaugeStudyView::~GaugeStudyView() {
  // The undo stack announces a clean state as it is destroyed: this view is half gone by then.
  disconnect(model_->undoStack(), nullptr, this, nullptr);
  disconnect(model_, nullptr, this, nullptr);
}

void GaugeStudyView::buildToolbar(QWidget* bar) {
  auto* row = new QHBoxLayout(bar);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(new QLabel(tr("Study")));
  name_->setMinimumWidth(160);
  row->addWidget(name_);
  kind_->addItem(tr("Attribute (kappa)"), static_cast<int>(msa::GaugeStudyKind::Attribute));
  kind_->addItem(tr("Variables (gauge R&R)"), static_cast<int>(msa::GaugeStudyKind::Variables));
  row->addWidget(kind_);
  row->addWidget(new QLabel(tr("Tolerance")));
  tolerance_->setPlaceholderText(tr("USL − LSL"));
  tolerance_->setMaximumWidth(90);
  row->addWidget(tolerance_);
  auto button = [&](const QString& text, const QString& tip, auto slot) {
    auto* b = new QToolButton(bar);
    b->setText(text);
    b->setToolTip(tip);
    connect(b, &QToolButton::clicked, this, slot);
    row->addWidget(b);
    return b;
  };
  button(tr("Import CSV…"), tr("Replace the ratings by those of a CSV file"), [this] { importDialog(); });
  button(tr("Save"), tr("Save the study in the workspace"), [this] {
    QString error;
    if (!save(&error)) QMessageBox::warning(this, tr("Save gauge study"), error);
  });
  auto* undo = model_->undoStack()->createUndoAction(this, tr("Undo"));
  auto* redo = model_->undoStack()->createRedoAction(this, tr("Redo"));
  for (QAction* a : {undo, redo}) {
    auto* b = new QToolButton(bar);
    b->setDefaultAction(a);
    row->addWidget(b);
  }
  button(tr("Export charts…"), tr("Write every chart as PNG and SVG"), [this] { exportDialog(); });
  row->addStretch(1);
  connect(kind_, &QComboBox::activated, this, [this] {
    const auto kind = static_cast<msa::GaugeStudyKind>(kind_->currentData().toInt());
    if (!model_->setKind(kind)) {
      QMessageBox::warning(this, tr("Gauge study"),
                           tr("Some ratings are not numbers, so the study cannot become a variables study."));
      kind_->setCurrentIndex(kind_->findData(static_cast<int>(model_->kind())));
    }
  });
  connect(tolerance_, &QLineEdit::editingFinished, this, &GaugeStudyView::scheduleAnalysis);
}

void GaugeStudyView::load(const QString& name, msa::GaugeStudyKind kindForNew) {
  msa::GaugeStudy study;
  study.name = name.toStdString();
  study.kind = kindForNew;
  storedName_.clear();
  if (!path_.isEmpty()) {
    store::Database db(path_.toStdString(), store::Database::Mode::ReadOnly);
    for (const auto& info : msa::listGaugeStudies(db))
      if (info.name == study.name) {
        study = msa::loadGaugeStudy(db, study.name);
        storedName_ = name;
      }
  }
  loaded_ = study;
  name_->setText(QString::fromStdString(study.name));
  kind_->setCurrentIndex(kind_->findData(static_cast<int>(study.kind)));
  tolerance_->setText(study.tolerance ? QString::number(*study.tolerance, 'g', 12) : QString());
  model_->setKind(study.kind);
  model_->setRatings(study.ratings);
  model_->undoStack()->setClean();
  updateStatus();
}

void GaugeStudyView::refreshView() {
  // Another window may have changed the stored study; keep unsaved edits.
  if (model_->undoStack()->isClean() && !storedName_.isEmpty()) load(storedName_, loaded_.kind);
}

msa::GaugeStudy GaugeStudyView::study() const {
  msa::GaugeStudy s = loaded_;
  s.name = name_->text().trimmed().toStdString();
  s.kind = model_->kind();
  s.tolerance.reset();
  if (const auto t = io::parseNumber(tolerance_->text().toStdString()); t && *t > 0) s.tolerance = t;
  s.ratings = model_->filledRatings();
  return s;
}

bool GaugeStudyView::analyzing() const { return runner_->busy() || debounce_->isActive(); }

void GaugeStudyView::scheduleAnalysis() { debounce_->start(); }

void GaugeStudyView::analyze() {
  status_->setText(tr("Analysing…"));
  runner_->start<GaugeAnalysis>(
      tr("Analysing the gauge study"), [current = study()](const Feedback&) { return analyzeGaugeStudy(current); },
      [this](JobOutcome<GaugeAnalysis> outcome) {
        if (outcome.value) {
          analysis_ = std::move(outcome.value);
          showAnalysis(*analysis_);
        }
        updateStatus();
        if (!outcome.error.isEmpty()) status_->setText(tr("Analysis failed: %1").arg(outcome.error));
        emit analyzed();
      });
}

void GaugeStudyView::updateStatus() {
  const auto ratings = model_->filledRatings().size();
  QString text = tr("%1 ratings").arg(ratings);
  if (!model_->undoStack()->isClean()) text += " · " + tr("not saved");
  status_->setText(text);
}

QAbstractItemModel* GaugeStudyView::componentsModel(msa::GrrMethod method) const {
  return method == msa::GrrMethod::Anova ? componentsAnova_ : componentsAverageRange_;
}

void GaugeStudyView::showAnalysis(const GaugeAnalysis& a) {
  const int current = results_->currentIndex();
  componentsAnova_ = componentsAverageRange_ = nullptr;
  agreementChart_.reset();
  charts_.clear();
  while (results_->count() > 0) {
    QWidget* page = results_->widget(0);
    results_->removeTab(0);
    delete page;
  }
  if (a.kind == msa::GaugeStudyKind::Attribute) {
    results_->addTab(attributePage(a), tr("Agreement"));
    results_->addTab(kappaPage(a), tr("Kappa per category"));
  } else {
    results_->addTab(componentsPage(a), tr("Gauge R&&R"));
    results_->addTab(chartsPage(a), tr("Charts"));
  }
  if (current >= 0 && current < results_->count()) results_->setCurrentIndex(current);
}

QWidget* GaugeStudyView::chartWidget(const QString& name, std::shared_ptr<chart::ChartPainter> painter) {
  charts_.emplace_back(name, painter);
  auto* w = new chart::ChartWidget(std::move(painter));
  w->setObjectName(name);
  w->setMinimumSize(260, 220);
  return w;
}

QWidget* GaugeStudyView::attributePage(const GaugeAnalysis& a) {
  if (!a.agreement) return note(QString::fromStdString(a.agreementError), "#b22");
  const auto& r = *a.agreement;
  auto* content = new QWidget;
  auto* layout = new QVBoxLayout(content);
  const QString caption =
      tr("Percent with its exact (Clopper–Pearson) 95 % interval; Fleiss' kappa with the "
         "Landis–Koch wording.");
  layout->addWidget(note(tr("%1 parts × %2 appraisers × %3 trials; categories: %4. %5")
                             .arg(r.subjects.size())
                             .arg(r.appraisers.size())
                             .arg(r.trials)
                             .arg(joined(r.categories).replace("\n", ", "), caption)));
  auto block = [&](const QString& title, const std::vector<msa::AssessmentAgreement>& lines, const QString& name) {
    if (lines.empty()) return;
    layout->addWidget(group(title, resultTable(agreementTable(lines, content), name)));
  };
  block(tr("Within appraisers"), r.withinAppraisers, "agreementWithin");
  block(tr("Each appraiser vs standard"), r.versusStandard, "agreementVsStandard");
  if (r.between) block(tr("Between appraisers"), {*r.between}, "agreementBetween");
  if (r.allVersusStandard) block(tr("All appraisers vs standard"), {*r.allVersusStandard}, "agreementAllVsStandard");
  if (!r.warnings.empty()) layout->addWidget(note(joined(r.warnings), "#a60"));
  layout->addStretch(1);

  auto chartData = std::make_shared<chart::BarChartModel>(agreementChart(r));
  agreementChart_ = chartData;
  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->addWidget(scrolled(content));
  splitter->addWidget(chartWidget("agreement_by_appraiser", std::make_shared<chart::BarChartPainter>(chartData)));
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  return splitter;
}

QWidget* GaugeStudyView::kappaPage(const GaugeAnalysis& a) {
  if (!a.agreement) return note(QString::fromStdString(a.agreementError), "#b22");
  auto* content = new QWidget;
  auto* layout = new QVBoxLayout(content);
  layout->addWidget(
      note(tr("Fleiss' kappa of each category against all others; z and P use the standard error "
              "under H0 (κ = 0), Fleiss, Nee & Landis (1979).")));
  layout->addWidget(resultTable(kappaPerCategoryTable(*a.agreement, content), "kappaPerCategory"));
  layout->addStretch(1);
  return scrolled(content);
}

QWidget* GaugeStudyView::componentsPage(const GaugeAnalysis& a) {
  auto* content = new QWidget;
  auto* layout = new QVBoxLayout(content);
  auto ndcText = [](const msa::GrrSummary& s) {
    return s.ndc ? tr("Number of distinct categories (ndc) = %1").arg(*s.ndc)
                 : tr("Number of distinct categories: undefined (no gauge variation)");
  };
  auto method = [&](const QString& title, const msa::GrrSummary* summary, const std::string& error, const QString& name,
                    QAbstractItemModel*& keep, QWidget* extra, const QString& caption) {
    if (!summary) {
      layout->addWidget(group(title, note(QString::fromStdString(error), "#b22")));
      return;
    }
    auto* box = new QWidget;
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    auto* model = componentsTable(*summary, content);
    keep = model;
    v->addWidget(resultTable(model, name));
    auto* ndc = new QLabel(ndcText(*summary));
    ndc->setObjectName(name + "Ndc");
    ndc->setProperty("ndc", summary->ndc ? QVariant(*summary->ndc) : QVariant());
    QFont f = ndc->font();
    f.setBold(true);
    ndc->setFont(f);
    v->addWidget(ndc);
    if (extra) v->addWidget(extra);
    layout->addWidget(group(title, box, caption));
  };
  if (a.averageRange) {
    const auto& r = *a.averageRange;
    QString caption = tr("K1 = %1, K2 = %2, K3 = %3; R̿ = %4, X̄diff = %5, Rp = %6.")
                          .arg(r.k1, 0, 'f', 4)
                          .arg(r.k2, 0, 'f', 4)
                          .arg(r.k3, 0, 'f', 4)
                          .arg(r.meanRange, 0, 'g', 5)
                          .arg(r.appraiserDiff, 0, 'g', 5)
                          .arg(r.partRange, 0, 'g', 5);
    QWidget* warnings = r.warnings.empty() ? nullptr : note(joined(r.warnings), "#a60");
    method(tr("Average and range method (AIAG)"), &r.summary, {}, "componentsAverageRange", componentsAverageRange_,
           warnings, caption);
  } else {
    method(tr("Average and range method (AIAG)"), nullptr, a.averageRangeError, {}, componentsAverageRange_, nullptr,
           {});
  }
  if (a.anova) {
    const auto& r = *a.anova;
    QString caption = r.interactionP
                          ? tr("Part × appraiser interaction P = %1: %2 (α = %3).")
                                .arg(*r.interactionP, 0, 'f', 4)
                                .arg(r.interactionPooled ? tr("pooled into repeatability") : tr("kept in the model"))
                                .arg(r.interactionAlpha)
                          : QString();
    auto* anova = resultTable(anovaTable(r.interactionPooled ? r.reducedTable : r.table, content), "anovaTable");
    method(tr("ANOVA method"), &r.summary, {}, "componentsAnova", componentsAnova_, anova, caption);
  } else {
    method(tr("ANOVA method"), nullptr, a.anovaError, {}, componentsAnova_, nullptr, {});
  }
  layout->addStretch(1);
  return scrolled(content);
}

QWidget* GaugeStudyView::chartsPage(const GaugeAnalysis& a) {
  const msa::GrrSummary* summary = a.anova ? &a.anova->summary : a.averageRange ? &a.averageRange->summary : nullptr;
  if (!summary || !a.averageRange)
    return note(QString::fromStdString(a.averageRangeError.empty() ? a.anovaError : a.averageRangeError), "#b22");
  auto* page = new QWidget;
  auto* grid = new QGridLayout(page);
  const QString method = a.anova ? tr("ANOVA") : tr("average and range");
  auto components =
      std::make_shared<chart::BarChartModel>(componentsChart(*summary, tr("Components of variation (%1)").arg(method)));
  grid->addWidget(chartWidget("components_of_variation", std::make_shared<chart::BarChartPainter>(components)), 0, 0);
  auto series = [](chart::ChartModel m) {
    return std::make_shared<chart::SeriesChartPainter>(std::make_shared<chart::ChartModel>(std::move(m)));
  };
  const auto& r = *a.averageRange;
  grid->addWidget(chartWidget("interaction", series(interactionChart(r, a.parts, a.appraisers))), 0, 1);
  grid->addWidget(chartWidget("r_chart_by_appraiser", series(rangeChart(r, a.parts, a.appraisers))), 1, 0);
  grid->addWidget(chartWidget("xbar_chart_by_appraiser", series(meanChart(r, a.parts, a.appraisers))), 1, 1);
  return page;
}

bool GaugeStudyView::save(QString* error) {
  msa::GaugeStudy s = study();
  try {
    store::Database db(path_.toStdString(), store::Database::Mode::ReadWrite);
    const QString name = QString::fromStdString(s.name);
    msa::saveGaugeStudy(db, s, name == storedName_);
    storedName_ = name;
    loaded_ = s;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
  model_->undoStack()->setClean();
  updateStatus();
  emit studySaved(storedName_);
  return true;
}

void GaugeStudyView::importCsv(const QString& path, const msa::GaugeCsvColumns& columns) {
  auto imported = msa::readGaugeCsv(path.toStdString(), columns, model_->kind());
  loaded_.source = imported.source;
  model_->setRatings(std::move(imported.ratings));
}

void GaugeStudyView::importDialog() {
  const QString file = QFileDialog::getOpenFileName(this, tr("Import gauge study"), QDir::homePath(),
                                                    tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
  if (file.isEmpty()) return;
  try {
    GaugeImportDialog dialog(file, model_->kind(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    importCsv(file, dialog.columns());
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Import gauge study"), QString::fromStdString(e.what()));
  }
}

void GaugeStudyView::pasteFromClipboard() {
  QModelIndex at = grid_->currentIndex();
  for (const auto& i : grid_->selectionModel()->selectedIndexes())
    if (!at.isValid() || i.row() < at.row() || (i.row() == at.row() && i.column() < at.column())) at = i;
  QString error;
  const int refused = model_->pasteText(QApplication::clipboard()->text(), at.isValid() ? at.row() : 0,
                                        at.isValid() ? at.column() : 0, &error);
  if (refused > 0) status_->setText(tr("%n cell(s) not pasted; %1", nullptr, refused).arg(error));
}

bool GaugeStudyView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == grid_ && event->type() == QEvent::KeyPress) {
    auto* key = static_cast<QKeyEvent*>(event);
    if (key->matches(QKeySequence::Paste)) {
      pasteFromClipboard();
      return true;
    }
    if (key->matches(QKeySequence::Undo)) {
      model_->undoStack()->undo();
      return true;
    }
    if (key->matches(QKeySequence::Redo)) {
      model_->undoStack()->redo();
      return true;
    }
    if (key->matches(QKeySequence::Delete) || key->key() == Qt::Key_Backspace) {
      model_->clearCells(grid_->selectionModel()->selectedIndexes());
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

QStringList GaugeStudyView::exportCharts(const QString& folder, QStringList* errors) const {
  QStringList written;
  const QString base = QString::fromStdString(study().name).replace(QRegularExpression("[^A-Za-z0-9_-]+"), "_");
  for (const auto& [name, painter] : charts_) {
    for (const QString& suffix : {QString("png"), QString("svg")}) {
      const QString file =
          QDir(folder).filePath(QString("%1_%2.%3").arg(base.isEmpty() ? "gauge" : base, name, suffix));
      const QString error = suffix == "png" ? chart::exportPng(*painter, file, kExportSize)
                                            : chart::exportSvg(*painter, file, kExportSize, name);
      if (error.isEmpty())
        written << file;
      else if (errors)
        *errors << error;
    }
  }
  return written;
}

void GaugeStudyView::exportDialog() {
  if (charts_.empty()) {
    QMessageBox::information(this, tr("Export charts"), tr("There are no charts yet: enter or import ratings."));
    return;
  }
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Export charts to"), QDir::homePath());
  if (folder.isEmpty()) return;
  QStringList errors;
  const auto written = exportCharts(folder, &errors);
  if (!errors.isEmpty()) QMessageBox::warning(this, tr("Export charts"), errors.join("\n"));
  status_->setText(tr("%n file(s) written to %1", nullptr, static_cast<int>(written.size())).arg(folder));
}

}  // namespace fab::ui::gauge

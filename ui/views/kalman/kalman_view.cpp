#include "ui/views/kalman/kalman_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/jobs/job_runner.h"
#include "ui/number_text.h"
#include "ui/views/kalman/kalman_charts.h"

namespace fab::ui::kalman {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QSlider* slider(int min, int max, int value) {
  auto* s = new QSlider(Qt::Horizontal);
  s->setRange(min, max);
  s->setValue(value);
  return s;
}

}  // namespace

KalmanView::KalmanView(const QString& workspacePath, const QString& parameter, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      parameter_(parameter),
      meanLevel_(new QComboBox),
      status_(new QLabel),
      summary_(new QLabel),
      stability_(new QLabel),
      lambdaText_(new QLabel),
      ratioText_(new QLabel),
      lambda2Text_(new QLabel),
      flags_(new QListWidget),
      lambda_(slider(1, 100, 30)),   // λ in hundredths
      ratio_(slider(10, 300, 100)),  // ξ = β/b in hundredths
      lambda2_(slider(1, 100, 10)),  // λ₂ in hundredths
      doubleEwma_(new QCheckBox(tr("Double EWMA (drift estimate, λ₂)"))),
      level_(new chart::ChartWidget),
      innovation_(new chart::ChartWidget),
      r2r_(new chart::ChartWidget),
      tabs_(new QTabWidget),
      runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  meanLevel_->addItem(tr("wafer means"), static_cast<int>(MeanLevel::Wafer));
  meanLevel_->addItem(tr("lot means"), static_cast<int>(MeanLevel::Lot));
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Series")));
  bar->addWidget(meanLevel_);
  bar->addWidget(status_, 1);

  // Level page: the level chart above the innovations; fitted values and flags beside them.
  auto* charts = new QSplitter(Qt::Vertical);
  charts->addWidget(level_);
  charts->addWidget(innovation_);
  charts->setStretchFactor(0, 3);
  charts->setStretchFactor(1, 2);
  auto* side = new QWidget;
  auto* sl = new QVBoxLayout(side);
  summary_->setWordWrap(true);
  flags_->setWordWrap(true);  // a flag reads whole in a narrow panel (1280 px)
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  sl->addWidget(summary_);
  sl->addWidget(new QLabel(tr("<b>Flags</b> (click to show the point)")));
  sl->addWidget(flags_, 1);
  side->setMinimumWidth(260);
  side->setMaximumWidth(380);
  auto* levelPage = new QSplitter;
  levelPage->addWidget(charts);
  levelPage->addWidget(side);
  levelPage->setStretchFactor(0, 1);

  // R2R sandbox.
  auto* r2rPage = new QWidget;
  auto* rl = new QVBoxLayout(r2rPage);
  auto* form = new QFormLayout;
  auto row = [](QSlider* s, QLabel* text) {
    auto* w = new QWidget;
    auto* h = new QHBoxLayout(w);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(s, 1);
    text->setMinimumWidth(60);
    h->addWidget(text);
    return w;
  };
  form->addRow(tr("EWMA weight λ"), row(lambda_, lambdaText_));
  form->addRow(tr("Gain mismatch β/b"), row(ratio_, ratioText_));
  form->addRow(doubleEwma_, row(lambda2_, lambda2Text_));
  stability_->setWordWrap(true);
  rl->addLayout(form);
  rl->addWidget(stability_);
  rl->addWidget(r2r_, 1);

  tabs_->addTab(levelPage, tr("Level and flags"));
  tabs_->addTab(r2rPage, tr("R2R sandbox"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(bar);
  layout->addWidget(tabs_, 1);

  auto tip = [this](const chart::ChartHit& hit) {
    return hit.row >= 0 ? describePoint(std::size_t(hit.row)) : QString();
  };
  level_->setTooltipProvider(tip);
  innovation_->setTooltipProvider(tip);
  r2r_->setTooltipProvider(tip);
  connect(level_, &chart::ChartWidget::pointClicked, this, [this](const chart::ChartHit& hit) {
    if (hit.row >= 0) status_->setText(describePoint(std::size_t(hit.row)));
  });
  connect(flags_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
    const double x = item->data(Qt::UserRole).toDouble();
    const auto full = level_->chart()->fullRange();
    const double half = std::max(5.0, full.width() / 20);
    chart::DataRange view = full;
    view.xMin = x - half;
    view.xMax = x + half;
    level_->chart()->setView(view);
    level_->refresh();
    status_->setText(item->text());
  });
  connect(meanLevel_, &QComboBox::currentIndexChanged, this, &KalmanView::load);
  for (auto* s : {lambda_, ratio_, lambda2_}) connect(s, &QSlider::valueChanged, this, &KalmanView::replay);
  connect(doubleEwma_, &QCheckBox::toggled, this, &KalmanView::replay);
  load();
}

KalmanView::~KalmanView() = default;

QString KalmanView::statusText() const { return status_->text(); }

void KalmanView::refreshView() { load(); }

void KalmanView::setMeanLevel(MeanLevel level) {
  meanLevel_->setCurrentIndex(meanLevel_->findData(static_cast<int>(level)));
}

void KalmanView::load() {
  analysis_.reset();
  const auto level = static_cast<MeanLevel>(meanLevel_->currentData().toInt());
  status_->setText(tr("Fitting the local-level model to %1…").arg(parameter_));
  const std::string path = path_.toStdString(), parameter = parameter_.toStdString();
  runner_->start<KalmanAnalysis>(
      tr("Kalman level of %1").arg(parameter_),
      [path, parameter, level](const Feedback& feedback) {
        store::Database db(path, store::Database::Mode::ReadOnly);
        return analysis::parameterLevel(db, parameter, level, feedback);
      },
      [this](JobOutcome<KalmanAnalysis> outcome) {
        if (outcome.value) {
          analysis_ = std::move(*outcome.value);
          showAnalysis();
        } else if (!outcome.cancelled) {
          status_->setText(tr("Cannot fit %1: %2").arg(parameter_, outcome.error));
        }
        emit analysisReady();
      });
}

QString KalmanView::describePoint(std::size_t i) const {
  if (!analysis_ || i >= analysis_->series.size()) return {};
  const auto& a = *analysis_;
  return tr("%1\nmean %2 (%3 sites)\nsmoothed level %4 ± %5 (2σ)\ninnovation %6")
      .arg(q(a.series.label(i)), significant(a.series.value[i], 6))
      .arg(a.series.sites[i])
      .arg(significant(a.smoothed[i], 6), significant(2 * a.smoothedSd[i], 3), significant(a.innovation[i], 3));
}

void KalmanView::showAnalysis() {
  const auto& a = *analysis_;
  level_->setChart(std::make_shared<chart::SeriesChartPainter>(levelChart(a)));
  innovation_->setChart(std::make_shared<chart::SeriesChartPainter>(innovationChart(a)));
  status_->setText(tr("%1 %2, fitted by maximum likelihood").arg(a.series.size()).arg(meanLevel_->currentText()));
  QString text = tr("<b>Fitted variances</b> (95 % interval)<br>");
  for (const auto& e : a.fit.estimates) {
    text += QString("%1 = %2").arg(q(e.name), significant(e.value));
    if (e.atBoundary)
      text += tr(" (at zero)");
    else if (std::isfinite(e.lower))
      text += QString(" [%1, %2]").arg(significant(e.lower, 3), significant(e.upper, 3));
    text += "<br>";
  }
  text += tr("signal-to-noise q = σ²η/σ²ε = %1<br><b>equivalent EWMA λ = %2</b><br>")
              .arg(significant(a.signalToNoise), significant(a.ewmaLambda, 3));
  text += tr("NIS mean %1 (accept %2–%3): %4<br>")
              .arg(significant(a.nis.mean, 3), significant(a.nis.lower, 3), significant(a.nis.upper, 3))
              .arg(a.nis.consistent ? tr("consistent") : tr("not consistent"));
  text += tr("flag bounds: outliers |r| > %1, shifts |r| > %2 (Bonferroni, α = 0.05)")
              .arg(significant(a.anomalies.outlierThreshold, 3), significant(a.anomalies.shiftThreshold, 3));
  for (const auto& w : a.fit.warnings) text += "<br><i>" + q(w).toHtmlEscaped() + "</i>";
  summary_->setText(text);
  flags_->clear();
  for (const auto& an : a.anomalies.anomalies) {
    const auto t = static_cast<std::size_t>(an.step);
    const QString what = an.kind == fab::kalman::AnomalyKind::Outlier ? tr("Outlier") : tr("Level shift");
    auto* item = new QListWidgetItem(tr("%1 at %2 (residual %3)").arg(what, q(a.series.label(t)), significant(an.residual, 3)));
    item->setData(Qt::UserRole, double(t + 1));
    item->setToolTip(describePoint(t));
    item->setForeground(an.kind == fab::kalman::AnomalyKind::Outlier ? QColor(198, 40, 40) : QColor(21, 101, 192));
    flags_->addItem(item);
  }
  if (a.anomalies.anomalies.empty()) flags_->addItem(tr("(no outlier or level shift flagged)"));
  // Start the sandbox at the fitted model's EWMA weight.
  QSignalBlocker block(lambda_);
  lambda_->setValue(std::clamp(static_cast<int>(std::lround(a.ewmaLambda * 100)), 1, 100));
  replay();
}

void KalmanView::setController(double lambda, double gainRatio, std::optional<double> lambda2) {
  for (QObject* o : std::initializer_list<QObject*>{lambda_, ratio_, lambda2_, doubleEwma_}) o->blockSignals(true);
  lambda_->setValue(static_cast<int>(std::lround(lambda * 100)));
  ratio_->setValue(static_cast<int>(std::lround(gainRatio * 100)));
  doubleEwma_->setChecked(lambda2.has_value());
  if (lambda2) lambda2_->setValue(static_cast<int>(std::lround(*lambda2 * 100)));
  for (QObject* o : std::initializer_list<QObject*>{lambda_, ratio_, lambda2_, doubleEwma_}) o->blockSignals(false);
  replay();
}

void KalmanView::replay() {
  const double lambda = lambda_->value() / 100.0, ratio = ratio_->value() / 100.0, lambda2 = lambda2_->value() / 100.0;
  lambdaText_->setText(significant(lambda, 3));
  ratioText_->setText(significant(ratio, 3));
  lambda2Text_->setText(significant(lambda2, 3));
  lambda2_->setEnabled(doubleEwma_->isChecked());
  if (!analysis_) return;
  const auto& a = *analysis_;
  // The measured means are the open-loop output d_t; the controller aims at
  // their first smoothed level, with unit model gain b and true gain β = ξ·b.
  fab::kalman::R2rOptions o;
  o.target = a.smoothed.front();
  o.controllerGain = 1.0;
  o.processGain = ratio;
  o.lambda = lambda;
  if (doubleEwma_->isChecked()) o.lambda2 = lambda2;
  try {
    r2rResult_ = fab::kalman::simulateController(a.series.value, o);
  } catch (const std::exception& e) {
    stability_->setText(tr("Cannot replay: %1").arg(q(e.what())));
    return;
  }
  const auto& r = *r2rResult_;
  const QString colour = r.stability.stable ? "#2e7d32" : "#c62828";
  QString text =
      QString("<span style='color:%1'><b>%2</b>: %3</span> (EWMA stable iff 0 &lt; λβ/b &lt; 2; spectral radius %4)")
          .arg(colour, r.stability.stable ? tr("stable") : tr("unstable"), q(r.stability.condition).toHtmlEscaped(),
               significant(r.stability.spectralRadius, 3));
  text +=
      tr("<br>MSE about the target %1 vs %2 without control; mean error %3; drift per run %4, offset under it %5")
          .arg(significant(r.mse), significant(r.openLoopMse), significant(r.meanError, 3), significant(r.disturbanceDrift, 3), significant(r.driftOffset, 3));
  stability_->setText(text);
  r2r_->setChart(std::make_shared<chart::SeriesChartPainter>(r2rChart(a, r, o.target)));
}

}  // namespace fab::ui::kalman

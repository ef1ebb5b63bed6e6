#include "ui/views/multivariate/multivariate_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "core/store/database.h"
#include "core/store/measurements.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/jobs/job_runner.h"

namespace fab::ui::multivariate {
namespace {

/// A statistic per point with its upper limit(s): the T² or the MEWMA chart.
std::shared_ptr<chart::ChartModel> statisticChart(const QString& title, const std::vector<double>& values,
                                                  const std::vector<double>& ucl, const std::vector<int>& phase,
                                                  const std::vector<std::string>& keys) {
  auto m = std::make_shared<chart::ChartModel>();
  m->title = title;
  m->xAxis.label = QObject::tr("point");
  m->yAxis.label = title.section(' ', 0, 0);
  m->yAxis.min = 0;
  m->xAxis.format = [keys](double x) {
    const double r = std::round(x);
    return std::abs(x - r) < 1e-9 && r >= 1 && r <= static_cast<double>(keys.size())
               ? QString::fromStdString(keys[static_cast<std::size_t>(r) - 1])
               : QString::number(x);
  };
  chart::Series s;
  s.name = title;
  s.color = QColor(31, 119, 180);
  std::vector<double> xs;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double x = static_cast<double>(i + 1);
    xs.push_back(x);
    const bool out = i < ucl.size() && values[i] > ucl[i];
    s.points.push_back({x, values[i], static_cast<std::int64_t>(i), out ? chart::kFlagViolation : chart::kFlagNone});
  }
  m->series.push_back(std::move(s));
  m->legend = false;
  if (!ucl.empty()) m->limits.push_back(chart::StepLine::perPoint("UCL", xs, ucl));
  for (std::size_t i = 1; i < phase.size(); ++i)
    if (phase[i] != phase[i - 1]) m->phases.push_back({static_cast<double>(i) + 0.5, QObject::tr("Phase II")});
  return m;
}

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

}  // namespace

MultivariateView::MultivariateView(const QString& workspacePath, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      parameters_(new QListWidget),
      points_(new QComboBox),
      mewma_(new QCheckBox(tr("MEWMA chart"))),
      status_(new QLabel),
      t2Chart_(new chart::ChartWidget),
      mewmaChart_(new chart::ChartWidget),
      signals_(new QTableWidget(0, 3)),
      runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  points_->addItem(tr("one point per wafer (its mean)"), false);
  points_->addItem(tr("one point per lot (its wafers a subgroup)"), true);
  mewma_->setChecked(true);
  status_->setWordWrap(true);
  status_->setText(tr("Tick two or more parameters to chart them together."));
  signals_->setHorizontalHeaderLabels({tr("point"), tr("T²"), tr("largest contributions")});
  signals_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  signals_->horizontalHeader()->setStretchLastSection(true);
  signals_->verticalHeader()->hide();
  signals_->setEditTriggers(QAbstractItemView::NoEditTriggers);

  auto* left = new QVBoxLayout;
  left->addWidget(new QLabel(tr("<b>Parameters</b>")));
  left->addWidget(parameters_, 1);
  left->addWidget(points_);
  left->addWidget(mewma_);
  auto* leftPane = new QWidget;
  leftPane->setLayout(left);
  leftPane->setMaximumWidth(220);
  mewma_->setToolTip(tr("MEWMA chart with λ 0.1 and h for an in-control ARL of 200 (Lowry et al. 1992)"));

  auto* charts = new QSplitter(Qt::Vertical);
  charts->addWidget(t2Chart_);
  charts->addWidget(mewmaChart_);
  charts->addWidget(signals_);
  charts->setStretchFactor(0, 3);
  charts->setStretchFactor(1, 2);
  charts->setStretchFactor(2, 2);
  auto* right = new QVBoxLayout;
  right->addWidget(status_);
  right->addWidget(charts, 1);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(leftPane);
  layout->addLayout(right, 1);

  connect(parameters_, &QListWidget::itemChanged, this, [this] { chart(); });
  connect(points_, &QComboBox::currentIndexChanged, this, [this] { chart(); });
  connect(mewma_, &QCheckBox::toggled, this, [this] { chart(); });
  listParameters();
}

void MultivariateView::listParameters() {
  const QStringList keep = ticked();
  const QSignalBlocker block(parameters_);
  parameters_->clear();
  try {
    store::Database db(path_.toStdString(), store::Database::Mode::ReadOnly);
    for (const auto& p : store::listParameters(db)) {
      auto* item = new QListWidgetItem(QString::fromStdString(p.name), parameters_);
      item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
      item->setCheckState(keep.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
    }
  } catch (const std::exception& e) {
    status_->setText(tr("Cannot read the parameters: %1").arg(QString::fromStdString(e.what())));
  }
}

void MultivariateView::refreshView() {
  listParameters();
  chart();
}

QStringList MultivariateView::ticked() const {
  QStringList names;
  for (int i = 0; i < parameters_->count(); ++i)
    if (parameters_->item(i)->checkState() == Qt::Checked) names << parameters_->item(i)->text();
  return names;
}

void MultivariateView::chartParameters(const QStringList& parameters) {
  {
    const QSignalBlocker block(parameters_);
    for (int i = 0; i < parameters_->count(); ++i)
      parameters_->item(i)->setCheckState(parameters.contains(parameters_->item(i)->text()) ? Qt::Checked
                                                                                              : Qt::Unchecked);
  }
  chart();
}

void MultivariateView::chart() {
  const QStringList names = ticked();
  if (names.size() < 2) {
    status_->setText(tr("Tick two or more parameters to chart them together."));
    emit charted();
    return;
  }
  analysis::MultivariateRequest request;
  for (const auto& n : names) request.parameters.push_back(n.toStdString());
  request.subgroupByLot = points_->currentData().toBool();
  if (mewma_->isChecked()) request.mewma = spc::MewmaOptions{};
  status_->setText(tr("Charting %1…").arg(names.join(", ")));
  const std::string path = path_.toStdString();
  runner_->start<analysis::MultivariateAnalysis>(
      tr("Multivariate chart"),
      [path, request](const Feedback&) {
        store::Database db(path, store::Database::Mode::ReadOnly);
        return analysis::multivariateChart(db, request);
      },
      [this](JobOutcome<analysis::MultivariateAnalysis> outcome) {
        if (outcome.value) {
          show(*outcome.value);
          analysis_ = std::move(outcome.value);
        } else if (!outcome.cancelled) {
          status_->setText(tr("Cannot chart these parameters: %1").arg(outcome.error));
        }
        emit charted();
      });
}

void MultivariateView::show(const analysis::MultivariateAnalysis& a) {
  const auto& c = a.t2;
  std::size_t out = 0;
  for (std::size_t i = 0; i < c.statistic.size(); ++i) out += c.statistic[i] > c.ucl[i] ? 1 : 0;
  QString text = tr("<b>%1 points</b> (%2), %3 above the T² limit · α %4 · UCL phase I %5, phase II %6<br><i>%7</i>")
                     .arg(c.statistic.size())
                     .arg(c.individuals ? tr("individuals") : tr("subgroups of %1").arg(c.subgroupSize, 0, 'g', 3))
                     .arg(out)
                     .arg(c.alpha, 0, 'g', 3)
                     .arg(c.uclPhaseOne, 0, 'g', 4)
                     .arg(std::isfinite(c.uclPhaseTwo) ? QString::number(c.uclPhaseTwo, 'g', 4) : tr("—"))
                     .arg(QString::fromStdString(c.convention).toHtmlEscaped());
  for (const auto& n : a.notes) text += "<br>" + QString::fromStdString(n).toHtmlEscaped();
  for (const auto& n : c.notes) text += "<br>" + QString::fromStdString(n).toHtmlEscaped();
  status_->setText(text);
  t2Chart_->setChart(std::make_shared<chart::SeriesChartPainter>(
      statisticChart(tr("T² of %1").arg(QString::fromStdString(joined(a.request.parameters))), c.statistic, c.ucl,
                     c.phase, a.pointKeys)));
  if (a.mewma) {
    const std::vector<double> h(a.mewma->statistic.size(), a.mewma->h);
    mewmaChart_->setChart(std::make_shared<chart::SeriesChartPainter>(
        statisticChart(tr("MEWMA (λ %1, h %2)").arg(a.mewma->lambda).arg(a.mewma->h, 0, 'g', 4), a.mewma->statistic,
                       h, {}, a.pointKeys)));
    status_->setText(status_->text() + "<br>" +
                     tr("MEWMA h: %1").arg(QString::fromStdString(a.mewma->hSource).toHtmlEscaped()));
    mewmaChart_->show();
  } else {
    mewmaChart_->hide();
  }
  signals_->setRowCount(static_cast<int>(c.outOfControl.size()));
  for (int r = 0; r < signals_->rowCount(); ++r) {
    const auto& s = c.outOfControl[static_cast<std::size_t>(r)];
    std::vector<std::size_t> order(s.contributions.size());
    for (std::size_t v = 0; v < order.size(); ++v) order[v] = v;
    std::sort(order.begin(), order.end(), [&](auto x, auto y) { return s.contributions[x] > s.contributions[y]; });
    QStringList parts;
    for (std::size_t k = 0; k < std::min<std::size_t>(3, order.size()); ++k)
      parts << QStringLiteral("%1 %2 %")
                   .arg(QString::fromStdString(c.variables[order[k]]))
                   .arg(100.0 * s.contributions[order[k]] / s.t2, 0, 'f', 0);
    signals_->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(a.pointKeys[s.point])));
    signals_->setItem(r, 1, new QTableWidgetItem(QString::number(s.t2, 'g', 4)));
    signals_->setItem(r, 2, new QTableWidgetItem(parts.join(" · ")));
  }
}

}  // namespace fab::ui::multivariate

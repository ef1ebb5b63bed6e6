#include "ui/views/spc/commonality_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "core/store/database.h"
#include "ui/chart/box_plot_painter.h"
#include "ui/chart/chart_widget.h"
#include "ui/jobs/job_runner.h"
#include "ui/report/variation_figures.h"

namespace fab::ui {
namespace {

QString pText(double p) {
  if (!std::isfinite(p)) return "—";
  return p < 1e-4 ? QString::number(p, 'e', 2) : QString::number(p, 'f', 4);
}

}  // namespace

CommonalityView::CommonalityView(const QString& workspacePath, const QString& parameter, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      parameter_(parameter),
      grouping_(new QComboBox),
      unit_(new QComboBox),
      status_(new QLabel),
      steps_(new QTableWidget(0, 7)),
      boxes_(new chart::ChartWidget),
      pairs_(new QLabel),
      runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  grouping_->addItem(tr("tool + chamber"), static_cast<int>(variation::ToolGrouping::ToolAndChamber));
  grouping_->addItem(tr("tool"), static_cast<int>(variation::ToolGrouping::Tool));
  grouping_->addItem(tr("chamber"), static_cast<int>(variation::ToolGrouping::Chamber));
  unit_->addItem(tr("wafer means"), static_cast<int>(variation::CommonalityUnit::Wafer));
  unit_->addItem(tr("lot means"), static_cast<int>(variation::CommonalityUnit::Lot));
  status_->setWordWrap(true);
  pairs_->setWordWrap(true);
  // Short headers keep the ranking whole beside the box plots; each names its test in its tooltip.
  steps_->setHorizontalHeaderLabels({tr("step"), tr("groups"), tr("units"), tr("H"), tr("p"), tr("p adj."),
                                     tr("ANOVA / Welch p")});
  const QStringList tips{tr("route step"),
                         tr("tool groups with data at the step"),
                         tr("wafers or lots tested"),
                         tr("Kruskal–Wallis H, tie-corrected"),
                         tr("Kruskal–Wallis p (chi-square approximation)"),
                         tr("p adjusted over the steps tested (Benjamini–Hochberg)"),
                         tr("one-way ANOVA p / Welch's p, for comparison")};
  for (int c = 0; c < tips.size(); ++c) steps_->horizontalHeaderItem(c)->setToolTip(tips[c]);
  steps_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  steps_->horizontalHeader()->setStretchLastSection(true);
  steps_->verticalHeader()->hide();
  steps_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  steps_->setSelectionBehavior(QAbstractItemView::SelectRows);
  steps_->setSelectionMode(QAbstractItemView::SingleSelection);

  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Group by")));
  controls->addWidget(grouping_);
  controls->addWidget(new QLabel(tr("of")));
  controls->addWidget(unit_);
  controls->addStretch(1);
  auto* right = new QVBoxLayout;
  right->addWidget(boxes_, 1);
  right->addWidget(pairs_);
  auto* rightPane = new QWidget;
  rightPane->setLayout(right);
  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(steps_);
  split->addWidget(rightPane);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);
  split->setSizes({620, 900});  // the ranking's seven columns readable beside the box plots
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(controls);
  layout->addWidget(status_);
  layout->addWidget(split, 1);
  for (auto* c : {grouping_, unit_}) connect(c, &QComboBox::currentIndexChanged, this, [this] { load(); });
  connect(steps_, &QTableWidget::currentCellChanged, this, [this](int row) { showStep(row); });
  load();
}

void CommonalityView::load() {
  status_->setText(tr("Testing every route step for %1…").arg(parameter_));
  variation::CommonalityRequest request;
  request.parameter = parameter_.toStdString();
  request.grouping = static_cast<variation::ToolGrouping>(grouping_->currentData().toInt());
  request.unit = static_cast<variation::CommonalityUnit>(unit_->currentData().toInt());
  const std::string path = path_.toStdString();
  runner_->start<variation::WorkspaceCommonality>(
      tr("Tool commonality of %1").arg(parameter_),
      [path, request](const Feedback&) {
        store::Database db(path, store::Database::Mode::ReadOnly);
        return variation::workspaceCommonality(db, request);
      },
      [this](JobOutcome<variation::WorkspaceCommonality> outcome) {
        if (outcome.value) {
          analysis_ = std::move(outcome.value);
          show(*analysis_);
        } else if (!outcome.cancelled) {
          status_->setText(tr("Cannot test the route steps for %1: %2").arg(parameter_, outcome.error));
        }
        emit ready();
      });
}

void CommonalityView::show(const variation::WorkspaceCommonality& a) {
  const auto& r = a.result;
  QString text = tr("<b>%1</b> of %2 wafers at %3 route steps, ranked by %4")
                     .arg(QString::fromStdString(a.valueName).toHtmlEscaped())
                     .arg(a.wafers)
                     .arg(r.steps.size())
                     .arg(QString::fromStdString(r.rankedBy).toHtmlEscaped());
  if (!r.steps.empty() && r.steps.front().tested && !r.steps.front().groupStats.empty()) {
    // The suspect: the group with the highest median at the top step (stats are ordered by median).
    const auto& top = r.steps.front();
    text += tr("<br>Top suspect: <b>%1</b> at %2 (adjusted p %3)")
                .arg(QString::fromStdString(top.groupStats.back().label).toHtmlEscaped(),
                     QString::fromStdString(top.step).toHtmlEscaped(), pText(top.pAdjusted));
  }
  for (const auto& n : r.notes) text += "<br><i>" + QString::fromStdString(n).toHtmlEscaped() + "</i>";
  status_->setText(text);
  const QSignalBlocker block(steps_);
  steps_->setRowCount(static_cast<int>(r.steps.size()));
  for (int row = 0; row < steps_->rowCount(); ++row) {
    const auto& s = r.steps[static_cast<std::size_t>(row)];
    const QString anova = QString("%1 / %2").arg(s.anova.classic ? pText(s.anova.classic->pValue) : "—",
                                                 s.anova.welch ? pText(s.anova.welch->pValue) : "—");
    const QStringList cells = {QString::fromStdString(s.step), QString::number(s.groups), QString::number(s.units),
                               s.kruskalWallis ? QString::number(s.kruskalWallis->h, 'f', 2) : "—",
                               s.tested ? pText(s.pValue) : QString::fromStdString(s.message),
                               s.tested ? pText(s.pAdjusted) : "", s.tested ? anova : ""};
    for (int c = 0; c < cells.size(); ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      if (c > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      steps_->setItem(row, c, item);
    }
  }
  // The ranking is read whole: the table is at least as wide as its columns (the box plots give way).
  steps_->resizeColumnsToContents();
  steps_->setMinimumWidth(std::min(steps_->horizontalHeader()->length() + 2 * steps_->frameWidth() +
                                       steps_->verticalScrollBar()->sizeHint().width(),
                                   width() / 2 + 80));
  steps_->selectRow(0);
  showStep(0);
}

void CommonalityView::showStep(int index) {
  if (!analysis_ || index < 0 || index >= static_cast<int>(analysis_->result.steps.size())) return;
  const auto& r = analysis_->result;
  const auto& s = r.steps[static_cast<std::size_t>(index)];
  const auto m = report::stepBoxPlots(s, QString::fromStdString(analysis_->valueName), grouping_->currentText(),
                                      index == 0);
  boxes_->setChart(std::make_shared<chart::BoxPlotPainter>(m));
  if (s.groupStats.empty()) {
    pairs_->setText(tr("Box plots are drawn for the leading steps only."));
    return;
  }
  QString text;
  if (index == 0 && !r.topPairs.empty()) {
    text = tr("Pairs at %1 (%2):").arg(QString::fromStdString(s.step), QString::fromStdString(r.pairsMethod));
    for (std::size_t i = 0; i < std::min<std::size_t>(4, r.topPairs.size()); ++i) {
      const auto& p = r.topPairs[i];
      text += QString("<br>%1 vs %2: z %3, adjusted p %4")
                  .arg(QString::fromStdString(p.firstLabel).toHtmlEscaped(),
                       QString::fromStdString(p.secondLabel).toHtmlEscaped())
                  .arg(p.z, 0, 'f', 2)
                  .arg(pText(p.pAdjusted));
    }
  }
  pairs_->setText(text);
}

}  // namespace fab::ui

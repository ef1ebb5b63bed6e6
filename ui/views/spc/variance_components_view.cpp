#include "ui/views/spc/variance_components_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "core/store/database.h"
#include "ui/chart/bar_chart_painter.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/jobs/job_runner.h"
#include "ui/number_text.h"
#include "ui/report/variation_figures.h"

namespace fab::ui {
namespace {


}  // namespace

VarianceComponentsView::VarianceComponentsView(const QString& workspacePath, const QString& parameter, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      parameter_(parameter),
      status_(new QLabel),
      variability_(new chart::ChartWidget),
      components_(new chart::ChartWidget),
      table_(new QTableWidget),
      runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  status_->setWordWrap(true);
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  auto* charts = new QSplitter(Qt::Horizontal);
  charts->addWidget(variability_);
  charts->addWidget(components_);
  charts->setStretchFactor(0, 3);
  charts->setStretchFactor(1, 2);
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(charts);
  split->addWidget(table_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(status_);
  layout->addWidget(split, 1);
  load();
}

void VarianceComponentsView::load() {
  status_->setText(tr("Estimating the variance components of %1…").arg(parameter_));
  const std::string path = path_.toStdString(), parameter = parameter_.toStdString();
  runner_->start<variation::WorkspaceVarianceComponents>(
      tr("Variance components of %1").arg(parameter_),
      [path, parameter](const Feedback&) {
        store::Database db(path, store::Database::Mode::ReadOnly);
        variation::WorkspaceVarianceRequest request;
        request.parameter = parameter;
        return variation::workspaceVarianceComponents(db, request);
      },
      [this](JobOutcome<variation::WorkspaceVarianceComponents> outcome) {
        if (outcome.value) {
          show(*outcome.value);
          analysis_ = std::move(outcome.value);
        } else if (!outcome.cancelled) {
          status_->setText(tr("Cannot estimate the variance components of %1: %2").arg(parameter_, outcome.error));
        }
        emit ready();
      });
}

void VarianceComponentsView::show(const variation::WorkspaceVarianceComponents& a) {
  const auto& r = a.result;
  QString text = tr("<b>%1</b>: %2 values, %3 data · %4 · intervals: %5 · total σ %6 %7")
                     .arg(parameter_)
                     .arg(r.n)
                     .arg(r.balanced ? tr("balanced") : tr("unbalanced"))
                     .arg(QString::fromStdString(r.method).toHtmlEscaped(),
                          QString::fromStdString(r.intervalMethod).toHtmlEscaped(), significant(r.totalSigma),
                          QString::fromStdString(a.unit).toHtmlEscaped());
  for (const auto& n : r.notes) text += "<br><i>" + QString::fromStdString(n).toHtmlEscaped() + "</i>";
  status_->setText(text);
  variability_->setChart(std::make_shared<chart::SeriesChartPainter>(report::variabilityChart(a, parameter_)));
  components_->setChart(std::make_shared<chart::BarChartPainter>(report::componentsChart(r)));

  // Components first, then the ANOVA table, in one grid.
  const QStringList head = {tr("level / source"), tr("σ² or df"), tr("% or SS"), tr("σ or MS"), tr("interval or F"),
                            tr("p")};
  table_->setColumnCount(head.size());
  table_->setHorizontalHeaderLabels(head);
  table_->setRowCount(static_cast<int>(r.components.size() + r.anova.size() + 1));
  int row = 0;
  auto put = [&](int col, const QString& text) {
    auto* item = new QTableWidgetItem(text);
    if (col > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table_->setItem(row, col, item);
  };
  for (const auto& c : r.components) {
    put(0, QString::fromStdString(c.source.empty() ? c.level : c.source) + (c.truncated ? tr(" (negative → 0)") : ""));
    put(1, significant(c.variance));
    put(2, QString::number(c.percent, 'f', 1) + " %");
    put(3, significant(c.sigma));
    put(4, std::isfinite(c.ciLow) ? QString("[%1, %2]").arg(significant(c.ciLow), significant(c.ciHigh)) : QString("—"));
    ++row;
  }
  put(0, tr("<nested ANOVA>"));
  ++row;
  for (const auto& x : r.anova) {
    put(0, QString::fromStdString(x.source));
    put(1, QString::number(x.df));
    put(2, significant(x.ss, 6));
    put(3, significant(x.ms, 6));
    put(4, x.f ? significant(*x.f) : QString());
    put(5, x.p ? significant(*x.p, 3) : QString());
    ++row;
  }
}

}  // namespace fab::ui

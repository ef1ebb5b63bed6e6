#include "ui/views/parameter_view.h"

#include <QLabel>
#include <QSplitter>
#include <QStackedLayout>
#include <QVBoxLayout>

#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/jobs/job_runner.h"
#include "ui/table/data_table_view.h"

namespace fab::ui {

ParameterView::ParameterView(const QString& workspacePath, const QString& parameter, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      parameter_(parameter),
      chart_(new chart::ChartWidget),
      chartStatus_(new QLabel),
      chartStack_(new QStackedLayout),
      table_(nullptr),
      runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  store::MeasurementQuery query;
  query.parameter = parameter.toStdString();
  table_ = new DataTableView(workspacePath, query);

  auto* chartArea = new QWidget;
  chartArea->setLayout(chartStack_);
  chartStack_->addWidget(chartStatus_);
  chartStack_->addWidget(chart_);
  chartStatus_->setAlignment(Qt::AlignCenter);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->addWidget(chartArea);
  splitter->addWidget(table_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(splitter);

  chart_->setWindowTitle(parameter);
  chart_->setTooltipProvider([this](const chart::ChartHit& hit) {
    return data_.series ? describePoint(*data_.series, static_cast<std::size_t>(hit.row)) : QString();
  });
  connect(chart_, &chart::ChartWidget::pointClicked, this, [this](const chart::ChartHit& hit) {
    if (!data_.series || hit.row < 0) return;
    table_->showLot(QString::fromStdString(data_.series->lot[static_cast<std::size_t>(hit.row)]));
  });
  loadChart();
}

void ParameterView::loadChart() {
  loaded_ = false;
  chartStatus_->setText(tr("Reading %1…").arg(parameter_));
  chartStack_->setCurrentWidget(chartStatus_);
  const std::string path = path_.toStdString(), parameter = parameter_.toStdString();
  runner_->start<RunChartData>(
      tr("Reading %1").arg(parameter_),
      [path, parameter](const Feedback&) {
        store::Database db(path, store::Database::Mode::ReadOnly);
        return loadRunChart(db, parameter);
      },
      [this](JobOutcome<RunChartData> outcome) {
        loaded_ = true;
        if (outcome.value) {
          data_ = *outcome.value;
          chart_->setChart(std::make_shared<chart::SeriesChartPainter>(data_.model));
          chartStack_->setCurrentWidget(chart_);
        } else {
          chartStatus_->setText(tr("Cannot draw %1: %2").arg(parameter_, outcome.error));
        }
        emit chartReady();
      });
}

void ParameterView::refreshView() {
  table_->refresh();
  loadChart();  // a refresh while reading restarts the read (latest request wins)
}

}  // namespace fab::ui

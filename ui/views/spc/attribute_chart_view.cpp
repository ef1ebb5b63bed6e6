#include "ui/views/spc/attribute_chart_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "core/store/dies.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/jobs/job_runner.h"

namespace fab::ui {
namespace {

struct Choice {
  const char* label;
  AttributeSource source;
  std::optional<spc::ChartType> type;
};

const Choice kChoices[] = {
    {"die yield (Laney p′ when overdispersed, else np or p)", AttributeSource::DieYield, std::nullopt},
    {"p (die fail fraction)", AttributeSource::DieYield, spc::ChartType::P},
    {"np (failing dies)", AttributeSource::DieYield, spc::ChartType::Np},
    {"Laney p′ (die fail fraction)", AttributeSource::DieYield, spc::ChartType::LaneyP},
    {"u (defects per cm²)", AttributeSource::Defects, spc::ChartType::U},
    {"c (defects per wafer)", AttributeSource::Defects, spc::ChartType::C},
    {"Laney u′ (defects per cm²)", AttributeSource::Defects, spc::ChartType::LaneyU},
};

}  // namespace

AttributeChartView::AttributeChartView(const QString& workspacePath, const QString& product, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      product_(product),
      runner_(new JobRunner(this, WhenBusy::LatestWins)),
      choice_(new QComboBox),
      lot_(new QComboBox),
      status_(new QLabel),
      chart_(new chart::ChartWidget) {
  for (const auto& c : kChoices) choice_->addItem(tr(c.label));
  lot_->addItem(tr("every lot"));
  try {
    store::Database db(path_.toStdString(), store::Database::Mode::ReadOnly);
    for (const auto& l : store::listLots(db))
      if (l.product == product_.toStdString()) lot_->addItem(QString::fromStdString(l.name));
  } catch (const std::exception& e) {
    status_->setText(QString::fromStdString(e.what()));
  }
  status_->setWordWrap(true);
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Chart")));
  bar->addWidget(choice_);
  bar->addWidget(new QLabel(tr("Lots")));
  bar->addWidget(lot_);
  bar->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(bar);
  layout->addWidget(status_);
  layout->addWidget(chart_, 1);
  chart_->setTooltipProvider([this](const chart::ChartHit& hit) {
    if (!data_ || hit.row < 0) return QString();
    return describeChartPoint(data_->chart, 0, static_cast<std::size_t>(hit.row));
  });
  for (auto* c : {choice_, lot_}) connect(c, &QComboBox::currentIndexChanged, this, [this] { recompute(); });
  recompute();
}

void AttributeChartView::setChoice(int index) {
  if (index == choice_->currentIndex()) return recompute();
  choice_->setCurrentIndex(index);
}

void AttributeChartView::setLot(const QString& lot) {
  const int index = lot.isEmpty() ? 0 : lot_->findText(lot);
  if (index == lot_->currentIndex()) return recompute();
  lot_->setCurrentIndex(std::max(0, index));
}

AttributeChartRequest AttributeChartView::request() const {
  const auto& c = kChoices[std::max(0, choice_->currentIndex())];
  AttributeChartRequest r;
  r.product = product_.toStdString();
  r.source = c.source;
  r.type = c.type;
  if (lot_->currentIndex() > 0) r.lots = {lot_->currentText().toStdString()};
  return r;
}

QString AttributeChartView::statusText() const { return status_->text(); }

void AttributeChartView::recompute() {
  loaded_ = false;
  const auto req = request();
  const std::string path = path_.toStdString();
  status_->setText(tr("Computing…"));
  runner_->start<std::shared_ptr<const AttributeChartData>>(
      tr("Attribute chart of %1").arg(product_),
      [path, req](const Feedback&) {
        store::Database db(path, store::Database::Mode::ReadOnly);
        return std::shared_ptr<const AttributeChartData>(
            std::make_shared<AttributeChartData>(computeAttributeControlChart(db, req)));
      },
      [this](JobOutcome<std::shared_ptr<const AttributeChartData>> outcome) {
        loaded_ = true;
        error_ = outcome.error;
        if (outcome.value) {
          data_ = *outcome.value;
          chart_->setChart(std::make_shared<chart::SeriesChartPainter>(data_->chart.panels[0]));
          const auto& e = data_->chart.result.phases[0].estimate;
          const auto t = data_->chart.request.type;
          const QString symbol = t == spc::ChartType::C                                       ? "c̄"
                                 : spc::chartName(t)[0] == 'u' || t == spc::ChartType::LaneyU ? "ū"
                                                                                              : "p̄";
          status_->setText(
              QString::fromStdString(data_->note) +
              tr("; %1 = %2; %3 open violations").arg(symbol).arg(e.center, 0, 'g', 5).arg(data_->chart.open.size()));
        } else {
          data_.reset();
          status_->setText(tr("Cannot draw the chart: %1").arg(outcome.error));
        }
        emit chartReady();
      });
}

}  // namespace fab::ui

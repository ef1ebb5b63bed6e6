#include "ui/views/product_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/analysis/die_grid_in_force.h"
#include "core/store/table_page.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/wafer_map_painter.h"
#include "ui/jobs/job_runner.h"
#include "ui/views/spc/attribute_chart_view.h"
#include "ui/views/wafer/wafer_map_adapter.h"

namespace fab::ui {

ProductView::ProductView(const QString& workspacePath, const QString& product, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      product_(product),
      summary_(new QLabel(this)),
      lot_(new QComboBox(this)),
      wafer_(new QComboBox(this)),
      map_(new chart::ChartWidget(this)),
      runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  auto* pick = new QHBoxLayout;
  pick->addWidget(new QLabel(tr("Lot:"), this));
  pick->addWidget(lot_);
  pick->addWidget(new QLabel(tr("Wafer:"), this));
  pick->addWidget(wafer_);
  pick->addStretch(1);
  auto* maps = new QWidget(this);
  auto* mapsLayout = new QVBoxLayout(maps);
  mapsLayout->addWidget(summary_);
  mapsLayout->addLayout(pick);
  mapsLayout->addWidget(map_, 1);
  tabs_ = new QTabWidget(this);
  tabs_->setDocumentMode(true);
  tabs_->setTabPosition(QTabWidget::South);
  tabs_->addTab(maps, tr("Wafer maps"));
  auto* attributesPage = new QWidget;
  new QVBoxLayout(attributesPage);
  attributesPage->layout()->setContentsMargins(0, 0, 0, 0);
  tabs_->addTab(attributesPage, tr("Attribute charts (yield, defects)"));
  connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
    if (index == 1) attributeCharts();
  });
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(tabs_);
  summary_->setWordWrap(true);
  map_->setTooltipProvider([this](const chart::ChartHit& hit) -> QString {
    const auto* painter = dynamic_cast<const chart::WaferMapPainter*>(map_->chart());
    if (!painter) return {};
    const auto& m = painter->model();
    if (hit.kind == chart::WaferMapPainter::kHitDie) {
      const auto& d = m.dies[hit.index];
      if (!d.tested) return tr("die (%1, %2)\nnot tested").arg(d.x).arg(d.y);
      return tr("die (%1, %2)\nbin %3 – %4").arg(d.x).arg(d.y).arg(d.bin).arg(d.pass ? tr("pass") : tr("fail"));
    }
    const auto& d = m.defects[hit.index];
    return tr("defect at (%1, %2) mm\nsize %3 µm, class %4")
        .arg(d.xMm, 0, 'f', 2)
        .arg(d.yMm, 0, 'f', 2)
        .arg(d.sizeUm, 0, 'g', 4)
        .arg(d.defectClass);
  });
  connect(lot_, &QComboBox::currentIndexChanged, this, &ProductView::loadLot);
  connect(wafer_, &QComboBox::currentIndexChanged, this, &ProductView::showWafer);
  refreshView();
}

AttributeChartView* ProductView::attributeCharts() {
  if (!attributes_) {  // built on first use: it reads every die map of the product
    attributes_ = new AttributeChartView(path_, product_);
    tabs_->widget(1)->layout()->addWidget(attributes_);
  }
  tabs_->setCurrentIndex(1);
  return attributes_;
}

void ProductView::refreshView() {
  store::Database db(path_.toStdString(), store::Database::Mode::ReadOnly);
  layout_ = store::loadProduct(db, product_.toStdString());
  const QSignalBlocker block(lot_);
  const QString current = lot_->currentText();
  lot_->clear();
  if (!layout_) {
    summary_->setText(tr("Product %1 has no layout in this workspace.").arg(product_));
    loadLot();  // shows the empty map
    return;
  }
  QStringList bins;
  for (int b : layout_->passBins) bins << QString::number(b);
  summary_->setText(tr("<b>%1</b>: %2 mm wafer, edge exclusion %3 mm, dies %4 × %5 µm, notch %6, pass bins %7")
                        .arg(product_)
                        .arg(layout_->waferDiameterMm)
                        .arg(layout_->edgeExclusionMm)
                        .arg(layout_->dieWidthUm)
                        .arg(layout_->dieHeightUm)
                        .arg(QString::fromStdString(layout_->notch), bins.join(", ")));
  for (const auto& lot : store::lotsWithDies(db, layout_->name)) lot_->addItem(QString::fromStdString(lot));
  lot_->setCurrentIndex(std::max(0, lot_->findText(current)));
  if (lot_->count() == 0)
    summary_->setText(summary_->text() + "<br>" + tr("No die maps of this product were imported."));
  loadLot();
}

void ProductView::loadLot() {
  loaded_ = false;
  if (lot_->count() == 0 || !layout_) {
    map_->setChart(nullptr);
    loaded_ = true;
    emit mapReady();
    return;
  }
  const std::string path = path_.toStdString(), lot = lot_->currentText().toStdString();
  runner_->start<std::shared_ptr<LotData>>(
      tr("Reading lot %1").arg(lot_->currentText()),
      [path, lot](const Feedback&) {
        store::Database db(path, store::Database::Mode::ReadOnly);
        store::DieFilter filter;
        filter.lots = {lot};
        auto data = std::make_shared<LotData>();
        data->wafers = store::loadDies(db, filter);
        data->defects = store::loadDefects(db, filter);
        return data;
      },
      [this](JobOutcome<std::shared_ptr<LotData>> outcome) {
        data_ = outcome.value.value_or(nullptr);
        const QSignalBlocker block(wafer_);
        wafer_->clear();
        if (data_)
          for (const auto& w : data_->wafers) wafer_->addItem(QString::number(w.wafer), w.wafer);
        showWafer();
      });
}

void ProductView::showWafer() {
  loaded_ = true;
  if (!data_ || wafer_->currentIndex() < 0 || !layout_) {
    map_->setChart(nullptr);
    emit mapReady();
    return;
  }
  const auto& dies = data_->wafers[static_cast<std::size_t>(wafer_->currentIndex())];
  std::vector<store::Defect> defects;
  for (const auto& w : data_->defects)
    if (w.wafer == dies.wafer) defects = w.defects;
  try {
    map_->setChart(std::make_shared<chart::WaferMapPainter>(makeWaferMap(*layout_, data_->wafers, dies, defects)));
  } catch (const std::exception& e) {
    map_->setChart(nullptr);
    summary_->setText(summary_->text() + "<br>" + QString::fromStdString(e.what()).toHtmlEscaped());
  }
  emit mapReady();
}

std::shared_ptr<chart::WaferMapModel> ProductView::makeWaferMap(const store::Product& product,
                                                                std::span<const store::WaferDies> lotWafers,
                                                                const store::WaferDies& dies,
                                                                const std::vector<store::Defect>& defects) {
  // The lot's die grid (every wafer of the lot on show), as the wafer-map view and the CLI use it.
  const auto layout = analysis::dieGridInForce(fab::wafer::layoutFromProduct(product), lotWafers).layout;
  return wafer::toChartModel(defect::buildWaferMap(layout, dies.dies, defects),
                             QString("%1 / wafer %2").arg(QString::fromStdString(dies.lot)).arg(dies.wafer));
}

}  // namespace fab::ui

#include "ui/views/yield/yield_calculator_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

#include "core/yield/package_yield.h"
#include "ui/chart/bar_chart_painter.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/jobs/job_runner.h"
#include "ui/views/yield/yield_widgets.h"
#include "ui/number_text.h"

namespace fab::ui::yield {
namespace {

QTableWidget* table(int columns, const QStringList& headers) {
  auto* t = new QTableWidget(0, columns);
  t->setHorizontalHeaderLabels(headers);
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  t->verticalHeader()->setDefaultSectionSize(22);
  t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  return t;
}

void setCell(QTableWidget* t, int r, int c, const QString& text, bool right = true) {
  auto* item = new QTableWidgetItem(text);
  if (right) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  t->setItem(r, c, item);
}

QString num(double v, int digits = 4) {
  return std::isfinite(v) ? QString::number(v, 'g', digits) : (v > 0 ? "∞" : "–");
}

}  // namespace

YieldCalculatorView::YieldCalculatorView(const QString& workspacePath, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      product_(new QComboBox),
      area_(spin(0.001, 100, 1.0, 3, 0.05, " cm²")),
      d0_(spin(0, 20, 0.5, 3, 0.05, " /cm²")),
      alpha_(spin(0.05, 100, 2.0, 2, 0.1)),
      y0_(spin(0.01, 1, 1.0, 3, 0.01)),
      quality_(spin(50, 100, 99.0, 2, 0.1, " %")),
      assembly_(spin(50, 100, 100.0, 2, 0.1, " %")),
      layers_(new QSpinBox),
      dataStatus_(new QLabel),
      fitMessage_(new QLabel),
      models_(table(3, {tr("model"), tr("formula"), tr("yield")})),
      kgd_(new QTableWidget),
      fitTable_(table(6, {tr("model"), tr("Y0"), tr("D0 [/cm²]"), tr("α"), tr("AIC"), tr("χ² p")})),
      yieldChart_(new chart::ChartWidget),
      fitChart_(new chart::ChartWidget),
      kgdChart_(new chart::ChartWidget),
      pareto_(new chart::ChartWidget),
      zonePareto_(new chart::ChartWidget),
      dpw_(new DiesPerWaferPanel),
      tabs_(new QTabWidget),
      runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  layers_->setRange(1, 50);
  layers_->setValue(1);
  // Inputs.
  auto* model = new QGroupBox(tr("Die and defects"));
  auto* mf = new QFormLayout(model);
  mf->addRow(tr("Critical area A"), area_);
  mf->addRow(tr("Defect density D0"), d0_);
  mf->addRow(tr("Cluster parameter α"), alpha_);
  mf->addRow(tr("Critical layers n"), layers_);
  mf->addRow(tr("Gross yield Y0"), y0_);
  auto* kgd = new QGroupBox(tr("Known-good dies"));
  auto* kf = new QFormLayout(kgd);
  kf->addRow(tr("Die quality q"), quality_);
  kf->addRow(tr("Assembly yield"), assembly_);
  auto* data = new QGroupBox(tr("Workspace die data"));
  auto* df = new QFormLayout(data);
  df->addRow(tr("Product"), product_);
  df->addRow(dataStatus_);
  dataStatus_->setWordWrap(true);
  auto* left = new QWidget;
  auto* ll = new QVBoxLayout(left);
  ll->addWidget(model);
  ll->addWidget(kgd);
  ll->addWidget(data);
  ll->addWidget(models_, 1);
  models_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  left->setMinimumWidth(320);

  // Results.
  tabs_->addTab(yieldChart_, tr("Yield vs D0"));
  tabs_->addTab(dpw_, tr("Dies per wafer"));
  auto* fitPage = new QWidget;
  auto* fl = new QVBoxLayout(fitPage);
  fitMessage_->setWordWrap(true);
  fl->addWidget(fitChart_, 3);
  fl->addWidget(fitMessage_);
  fl->addWidget(fitTable_, 1);
  tabs_->addTab(fitPage, tr("Window-method fit"));
  auto* kgdPage = new QWidget;
  auto* kl = new QVBoxLayout(kgdPage);
  kl->addWidget(kgdChart_, 3);
  kl->addWidget(kgd_, 2);
  kgd_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  kgd_->horizontalHeader()->setDefaultSectionSize(56);
  kgd_->verticalHeader()->setDefaultSectionSize(22);
  tabs_->addTab(kgdPage, tr("Known-good dies"));
  auto* paretoPage = new QSplitter(Qt::Vertical);
  paretoPage->addWidget(pareto_);
  paretoPage->addWidget(zonePareto_);
  tabs_->addTab(paretoPage, tr("Yield-loss Pareto"));
  pareto_->setTooltipProvider([this](const chart::ChartHit& hit) {
    if (!data_ || hit.index >= data_->pareto.byBin.size()) return QString();
    const auto& b = data_->pareto.byBin[hit.index];
    return tr("Bin %1: %2 failed dies, %3 of the loss (cumulative %4), %5 of all dies")
        .arg(b.bin)
        .arg(b.dies)
        .arg(percent(b.shareOfLoss, 1), percent(b.cumulativeShare, 1), percent(b.fractionOfDies, 1));
  });
  zonePareto_->setTooltipProvider([this](const chart::ChartHit& hit) {
    if (!data_ || hit.index >= data_->pareto.byZone.size()) return QString();
    const auto& z = data_->pareto.byZone[hit.index];
    QString text = tr("%1 zone: %2 of %3 dies failed (yield %4), %5 of the loss")
                       .arg(QString::fromUtf8(fab::yield::zoneName(z.zone)))
                       .arg(z.failed)
                       .arg(z.dies)
                       .arg(percent(z.yield, 1), percent(z.shareOfLoss, 1));
    if (!z.bins.empty()) text += tr("; top bin %1 (%2 dies)").arg(z.bins.front().bin).arg(z.bins.front().dies);
    return text;
  });

  auto* splitter = new QSplitter;
  splitter->addWidget(left);
  splitter->addWidget(tabs_);
  splitter->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(splitter);

  for (auto* s : {area_, d0_, alpha_, y0_, quality_, assembly_})
    connect(s, &QDoubleSpinBox::valueChanged, this, &YieldCalculatorView::recompute);
  connect(layers_, &QSpinBox::valueChanged, this, &YieldCalculatorView::recompute);
  connect(product_, &QComboBox::currentIndexChanged, this, &YieldCalculatorView::loadData);
  recompute();
  refreshView();
}

YieldCalculatorView::~YieldCalculatorView() = default;

YieldInputs YieldCalculatorView::inputs() const {
  YieldInputs in;
  in.areaCm2 = area_->value();
  in.d0 = d0_->value();
  in.parameters.alpha = alpha_->value();
  in.parameters.layers = layers_->value();
  in.y0 = y0_->value();
  in.dieQuality = quality_->value() / 100.0;
  in.assemblyYield = assembly_->value() / 100.0;
  return in;
}

void YieldCalculatorView::setInputs(const YieldInputs& in) {
  for (QObject* o : std::initializer_list<QObject*>{area_, d0_, alpha_, y0_, quality_, assembly_, layers_})
    o->blockSignals(true);
  area_->setValue(in.areaCm2);
  d0_->setValue(in.d0);
  alpha_->setValue(in.parameters.alpha);
  layers_->setValue(in.parameters.layers);
  y0_->setValue(in.y0);
  quality_->setValue(in.dieQuality * 100.0);
  assembly_->setValue(in.assemblyYield * 100.0);
  for (QObject* o : std::initializer_list<QObject*>{area_, d0_, alpha_, y0_, quality_, assembly_, layers_})
    o->blockSignals(false);
  recompute();
}

void YieldCalculatorView::recompute() {
  const YieldInputs in = inputs();
  // Each model's yield at the inputs.
  const auto all = fab::yield::allModels();
  models_->setRowCount(static_cast<int>(all.size()));
  for (int r = 0; r < static_cast<int>(all.size()); ++r) {
    setCell(models_, r, 0, utf8(all[r].name), false);
    setCell(models_, r, 1, utf8(all[r].formula), false);
    setCell(models_, r, 2, percent(fab::yield::modelYield(all[r].model, in.areaCm2, in.d0, in.parameters, in.y0), 1));
    models_->item(r, 0)->setToolTip(utf8(all[r].source));
  }
  const double d0Max = std::max({1.0, 3.0 * in.d0, 3.0 / in.areaCm2 > 20 ? 20 : 3.0 / in.areaCm2});
  yieldChart_->setChart(std::make_shared<chart::SeriesChartPainter>(yieldVersusD0Chart(in, d0Max)));
  kgdChart_->setChart(std::make_shared<chart::SeriesChartPainter>(kgdChart(in, {1, 2, 4, 8, 16})));
  // The live known-good-die table: the entered quality, then the reference qualities.
  const auto t = kgdTable({in.dieQuality, 0.995, 0.99, 0.98, 0.95, 0.90}, 16, in.assemblyYield);
  kgd_->setRowCount(static_cast<int>(t.qualities.size()));
  kgd_->setColumnCount(t.maxDies);
  QStringList dies, qualities;
  for (int n = 1; n <= t.maxDies; ++n) dies << (n == 1 ? tr("1 die") : tr("%1 dies").arg(n));
  for (std::size_t r = 0; r < t.qualities.size(); ++r) {
    qualities << (r == 0 ? tr("q = %1 (entered)") : tr("q = %1")).arg(percent(t.qualities[r], 1));
    for (int n = 0; n < t.maxDies; ++n) {
      setCell(kgd_, static_cast<int>(r), n, percent(t.yield[r][n], 1));
      if (r == 0) kgd_->item(0, n)->setBackground(QColor(232, 240, 254));
    }
  }
  kgd_->setHorizontalHeaderLabels(dies);
  kgd_->setVerticalHeaderLabels(qualities);
  dpw_->setYieldInputs(in);  // its die yield follows D0, α, n and Y0
}

QString YieldCalculatorView::statusText() const { return dataStatus_->text(); }

void YieldCalculatorView::refreshView() {
  try {
    store::Database db(path_.toStdString(), store::Database::Mode::ReadOnly);
    const QString current = product_->currentText();
    QSignalBlocker block(product_);
    product_->clear();
    for (const auto& p : productsWithDies(db)) product_->addItem(QString::fromStdString(p));
    product_->setCurrentIndex(std::max(0, product_->findText(current)));
  } catch (const std::exception& e) {
    dataStatus_->setText(tr("Cannot read the products: %1").arg(QString::fromStdString(e.what())));
  }
  loadData();
}

void YieldCalculatorView::setProduct(const QString& product) { product_->setCurrentIndex(product_->findText(product)); }

void YieldCalculatorView::loadData() {
  data_.reset();
  if (product_->count() == 0) {
    dataStatus_->setText(tr("The workspace has no die sort data: import a dies file to fit the models."));
    emit dataReady();
    return;
  }
  const std::string path = path_.toStdString(), product = product_->currentText().toStdString();
  const auto parameters = inputs().parameters;
  dataStatus_->setText(tr("Fitting %1…").arg(product_->currentText()));
  runner_->start<ProductYieldData>(
      tr("Fitting yield models"),
      [path, product, parameters](const Feedback&) {
        store::Database db(path, store::Database::Mode::ReadOnly);
        return loadProductYield(db, product, parameters);
      },
      [this](JobOutcome<ProductYieldData> outcome) {
        if (outcome.value) {
          data_ = std::move(*outcome.value);
          showData();
        } else if (!outcome.cancelled) {
          dataStatus_->setText(tr("Cannot fit: %1").arg(outcome.error));
        }
        emit dataReady();
      });
}

void YieldCalculatorView::showData() {
  const auto& d = *data_;
  const QString name = QString::fromStdString(d.product);
  dataStatus_->setText(tr("%1: %2 wafers, die area %3 cm², yield %4")
                           .arg(name)
                           .arg(d.wafers)
                           .arg(d.dieAreaCm2, 0, 'g', 4)
                           .arg(percent(d.pareto.yield, 1)));
  fitChart_->setChart(std::make_shared<chart::SeriesChartPainter>(windowFitChart(d.fit, d.dieAreaCm2)));
  const QString scope = tr("%1: yield %2, %3 of %4 dies failed")
                            .arg(name, percent(d.pareto.yield, 1))
                            .arg(d.pareto.failed)
                            .arg(d.pareto.dies);
  pareto_->setChart(std::make_shared<chart::BarChartPainter>(
      std::make_shared<chart::BarChartModel>(binParetoChart(d.pareto, tr("Yield loss by bin – %1").arg(scope)))));
  zonePareto_->setChart(std::make_shared<chart::BarChartPainter>(std::make_shared<chart::BarChartModel>(
      zoneParetoChart(d.pareto, tr("Yield loss by wafer zone – %1").arg(name)))));
  dpw_->setProductLayout(d.layout, name);
  QString message = QString::fromStdString(d.fit.message);
  for (const auto& w : d.fit.warnings) message += "\n" + QString::fromStdString(w);
  fitMessage_->setText(message);
  fitTable_->setRowCount(static_cast<int>(d.fit.models.size()));
  for (int r = 0; r < static_cast<int>(d.fit.models.size()); ++r) {
    const auto& f = d.fit.models[r];
    setCell(fitTable_, r, 0, utf8(fab::yield::modelInfo(f.model).name), false);
    setCell(fitTable_, r, 1, num(f.y0) + (f.y0Fitted ? "" : tr(" (fixed)")));
    setCell(fitTable_, r, 2, num(f.d0));
    setCell(fitTable_, r, 3, std::isnan(f.alpha) ? QString() : num(f.alpha));
    setCell(fitTable_, r, 4, num(f.aic, 6));
    setCell(fitTable_, r, 5, f.goodness ? num(f.goodness->pValue, 3) : QString("–"));
    if (!f.note.empty()) fitTable_->item(r, 0)->setToolTip(QString::fromStdString(f.note));
  }
}

}  // namespace fab::ui::yield

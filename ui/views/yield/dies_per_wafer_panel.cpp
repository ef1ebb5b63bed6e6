#include "ui/views/yield/dies_per_wafer_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

#include "ui/chart/chart_widget.h"
#include "ui/chart/dies_per_wafer_painter.h"
#include "ui/jobs/job_runner.h"
#include "ui/layout/flow_layout.h"
#include "ui/views/yield/yield_widgets.h"

namespace fab::ui::yield {

DiesPerWaferPanel::DiesPerWaferPanel(QWidget* parent)
    : QWidget(parent),
      diameter_(spin(25, 450, 300, 1, 25, " mm")),
      edgeExclusion_(spin(0, 20, 3, 2, 0.5, " mm")),
      dieWidth_(spin(0.5, 100, 10, 3, 0.5, " mm")),
      dieHeight_(spin(0.5, 100, 10, 3, 0.5, " mm")),
      scribe_(spin(0, 1000, 100, 0, 10, " µm")),
      waferCost_(spin(0, 1e7, 0, 2, 100)),
      yieldModel_(new QComboBox),
      useProduct_(new QPushButton(tr("Use the product's layout"))),
      chart_(new chart::ChartWidget),
      runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  yieldModel_->addItem(tr("none"));
  for (const auto& info : fab::yield::allModels()) yieldModel_->addItem(utf8(info.name));
  yieldModel_->setCurrentIndex(yieldModel_->count() - 1);  // negative binomial
  yieldModel_->setToolTip(
      tr("The die yield for good dies per wafer: this model at the die's area (width × "
         "height) with D0, α, n and Y0 from the calculator"));
  waferCost_->setSpecialValueText(tr("none"));
  waferCost_->setToolTip(tr("Cost of a processed wafer, for the cost per good die"));
  useProduct_->setEnabled(false);
  useProduct_->setToolTip(tr("Wafer diameter, edge exclusion, die size and scribe of the workspace product"));

  // The inputs in rows above the drawing, so the wafer gets the width; they wrap when the view is narrow.
  auto* inputs = new QGroupBox(tr("Wafer and die"));
  auto* g = new FlowLayout(inputs);
  const std::pair<QString, QWidget*> fields[] = {
      {tr("Wafer diameter"), diameter_}, {tr("Edge exclusion"), edgeExclusion_},
      {tr("Die width"), dieWidth_},      {tr("Die height"), dieHeight_},
      {tr("Scribe"), scribe_},           {tr("Yield model"), yieldModel_},
      {tr("Wafer cost"), waferCost_}};
  for (const auto& [label, field] : fields) g->addField(label, field);
  g->addField({}, useProduct_);
  auto* l = new QVBoxLayout(this);
  l->addWidget(inputs);
  l->addWidget(chart_, 1);

  chart_->setTooltipProvider([this](const chart::ChartHit& hit) {
    if (!result_.model || hit.index >= result_.model->dies.size()) return QString();
    const auto& d = result_.model->dies[hit.index];
    return tr("%1 die centred at (%2, %3) mm, %4 mm from the wafer centre")
        .arg(d.complete ? tr("Complete") : tr("Partial or edge-excluded"))
        .arg(d.xMm, 0, 'f', 2)
        .arg(d.yMm, 0, 'f', 2)
        .arg(std::hypot(d.xMm, d.yMm), 0, 'f', 2);
  });
  for (auto* s : {diameter_, edgeExclusion_, dieWidth_, dieHeight_, scribe_, waferCost_})
    connect(s, &QDoubleSpinBox::valueChanged, this, &DiesPerWaferPanel::recompute);
  connect(yieldModel_, &QComboBox::currentIndexChanged, this, &DiesPerWaferPanel::recompute);
  connect(useProduct_, &QPushButton::clicked, this, &DiesPerWaferPanel::useProductLayout);
  recompute();
}

DiesPerWaferPanel::~DiesPerWaferPanel() = default;

WaferInputs DiesPerWaferPanel::waferInputs() const {
  WaferInputs in;
  in.diameterMm = diameter_->value();
  in.edgeExclusionMm = edgeExclusion_->value();
  in.dieWidthMm = dieWidth_->value();
  in.dieHeightMm = dieHeight_->value();
  in.scribeUm = scribe_->value();
  if (waferCost_->value() > 0) in.waferCost = waferCost_->value();
  const int model = yieldModel_->currentIndex() - 1;
  if (model >= 0) {
    // The model's yield at the die's own area, with the calculator's D0 and shape parameters.
    const auto& info = fab::yield::allModels()[static_cast<std::size_t>(model)];
    const YieldInputs& y = yieldInputs_;
    const double areaCm2 = in.dieWidthMm * in.dieHeightMm / 100.0;  // mm² → cm²
    in.yield = fab::yield::modelYield(info.model, areaCm2, y.d0, y.parameters, y.y0);
    in.yieldSource = tr("%1 at A = %2 cm², D0 = %3").arg(utf8(info.name)).arg(areaCm2, 0, 'g', 3).arg(y.d0);
  }
  return in;
}

void DiesPerWaferPanel::setWaferInputs(const WaferInputs& in) {
  const std::initializer_list<QDoubleSpinBox*> spins = {diameter_,  edgeExclusion_, dieWidth_,
                                                        dieHeight_, scribe_,        waferCost_};
  for (auto* s : spins) s->blockSignals(true);
  diameter_->setValue(in.diameterMm);
  edgeExclusion_->setValue(in.edgeExclusionMm);
  dieWidth_->setValue(in.dieWidthMm);
  dieHeight_->setValue(in.dieHeightMm);
  scribe_->setValue(in.scribeUm);
  waferCost_->setValue(std::isfinite(in.waferCost) ? in.waferCost : 0.0);
  for (auto* s : spins) s->blockSignals(false);
  recompute();
}

void DiesPerWaferPanel::setYieldInputs(const YieldInputs& in) {
  yieldInputs_ = in;
  recompute();
}

void DiesPerWaferPanel::setProductLayout(const std::optional<fab::wafer::WaferLayout>& layout, const QString& product) {
  productLayout_ = layout;
  useProduct_->setEnabled(layout.has_value());
  useProduct_->setText(layout ? tr("Use the layout of %1").arg(product) : tr("Use the product's layout"));
}

void DiesPerWaferPanel::useProductLayout() {
  if (!productLayout_) return;
  const auto& l = *productLayout_;
  WaferInputs in = waferInputs();
  in.diameterMm = l.diameterMm;
  in.edgeExclusionMm = l.edgeExclusionMm;
  in.dieWidthMm = l.dieWidthUm / 1000.0;
  in.dieHeightMm = l.dieHeightUm / 1000.0;
  in.scribeUm = l.scribeUm;
  setWaferInputs(in);
}

void DiesPerWaferPanel::recompute() {
  const WaferInputs in = waferInputs();
  const int generation = ++generation_;
  // Up to some 40,000 cells the count and grid take a few tens of ms: here. More
  // (small dies on a large wafer, up to ~1 s) on a worker, and the latest inputs
  // counted again when they changed meanwhile (the runner lets the latest request win).
  constexpr double kCellsHere = 40000;
  const double pitchArea = (in.dieWidthMm + in.scribeUm / 1000) * (in.dieHeightMm + in.scribeUm / 1000);
  if (!(in.diameterMm * in.diameterMm / pitchArea > kCellsHere)) {
    showResult(diesPerWaferChart(in));
    return;
  }
  runner_->start<DiesPerWaferChart>(
      tr("Counting dies per wafer"), [in](const Feedback&) { return diesPerWaferChart(in); },
      [this, generation](JobOutcome<DiesPerWaferChart> outcome) {
        if (generation == generation_ && outcome.value) showResult(std::move(*outcome.value));
      });
}

bool DiesPerWaferPanel::pending() const { return runner_->busy(); }

void DiesPerWaferPanel::showResult(DiesPerWaferChart chart) {
  result_ = std::move(chart);
  chart_->setChart(std::make_shared<chart::DiesPerWaferPainter>(result_.model));
}

}  // namespace fab::ui::yield

#include "ui/views/wafer/wafer_map_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <map>

#include "core/analysis/die_grid_in_force.h"
#include "core/analysis/killer_defects.h"
#include "core/common/error.h"
#include "core/store/inspections.h"
#include "core/store/workspace.h"
#include "ui/chart/chart_export.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/chart/wafer_map_painter.h"
#include "ui/jobs/job_runner.h"
#include "ui/views/wafer/clustering_panel.h"
#include "ui/views/wafer/killer_chart.h"
#ifdef FAB_WITH_TORCH
#include "ui/views/wafer/similar_wafers_panel.h"
#endif

namespace fab::ui::wafer {

struct WaferMapView::LotData {
  fab::wafer::WaferLayout layout;
  QString note;
  std::vector<store::WaferDies> dies;  ///< per wafer with sort results
  std::vector<defect::WaferMap> maps;  ///< per wafer with sort results or defects, by slot
  std::vector<int> waferSlots;         ///< the slot of each map
  std::optional<analysis::KillerAnalysis> killer;  ///< the lot's killer defects (core/analysis/killer_defects.h)
  QString killerError;                              ///< why there is none
};

WaferMapView::WaferMapView(const QString& workspacePath, const QString& lot, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      lot_(lot),
      summary_(new QLabel(this)),
      wafers_(new QListWidget(this)),
      stacked_(new QCheckBox(tr("Stack wafers"), this)),
      colourBy_(new QComboBox(this)),
      map_(new chart::ChartWidget(this)),
      killer_(new chart::ChartWidget(this)),
      killerText_(new QLabel(this)),
      clustering_(new ClusteringPanel(this)),
#ifdef FAB_WITH_TORCH
      similar_(new SimilarWafersPanel(workspacePath, this)),
#endif
      runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  colourBy_->addItems({tr("Defects by class"), tr("Defects by cluster")});
  wafers_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  wafers_->setToolTip(tr("Select one wafer to show it; with 'Stack wafers', the selected wafers (or all) are stacked"));
  auto* exportButton = new QPushButton(tr("Export…"), this);
  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(new QLabel(tr("Wafers:"), left));
  leftLayout->addWidget(wafers_, 1);
  leftLayout->addWidget(stacked_);
  leftLayout->addWidget(colourBy_);
  leftLayout->addWidget(exportButton);
  auto* killerPage = new QWidget(this);
  auto* killerLayout = new QVBoxLayout(killerPage);
  killerLayout->addWidget(killer_, 1);
  killerLayout->addWidget(killerText_);
  killerText_->setWordWrap(true);
  auto* panels = new QTabWidget(this);
  panels->addTab(clustering_, tr("Clustering"));
  panels->addTab(killerPage, tr("Killer defects"));
#ifdef FAB_WITH_TORCH
  panels->addTab(similar_, tr("Similar wafers"));
  connect(similar_, &SimilarWafersPanel::waferChosen, this, [this](const QString& lot, int wafer) {
    if (lot == lot_) showWafer(wafer);
  });
#endif
  auto* split = new QSplitter(this);
  split->addWidget(left);
  split->addWidget(map_);
  split->addWidget(panels);
  split->setStretchFactor(1, 3);
  split->setStretchFactor(2, 2);
  split->setSizes({110, 560, 380});
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(summary_);
  layout->addWidget(split, 1);
  summary_->setWordWrap(true);
  map_->setTooltipProvider([this](const chart::ChartHit& hit) { return hoverText(hit); });
  connect(wafers_, &QListWidget::itemSelectionChanged, this, &WaferMapView::redraw);
  connect(stacked_, &QCheckBox::toggled, this, &WaferMapView::redraw);
  connect(colourBy_, &QComboBox::currentIndexChanged, this, &WaferMapView::applyClusters);
  connect(clustering_, &ClusteringPanel::finished, this, [this] {
    if (clustering_->outcome()) colourBy_->setCurrentIndex(1);
    applyClusters();
  });
  connect(exportButton, &QPushButton::clicked, this, &WaferMapView::exportMap);
  load();
}

void WaferMapView::refreshView() {
#ifdef FAB_WITH_TORCH
  similar_->forgetEmbeddings();
#endif
  load();
}

void WaferMapView::load() {
  loaded_ = false;
  summary_->setText(tr("Reading lot %1…").arg(lot_));
  const std::string path = path_.toStdString(), lot = lot_.toStdString();
  runner_->start<std::shared_ptr<LotData>>(
      tr("Reading lot %1").arg(lot_),
      [path, lot](const Feedback&) {
        store::Database db(path, store::Database::Mode::ReadOnly);
        std::string productName;
        for (const auto& l : store::listLots(db))
          if (l.name == lot) productName = l.product;
        const auto product = productName.empty() ? std::nullopt : store::loadProduct(db, productName);
        if (!product) throw Error("lot '" + lot + "' has no product layout: import its product first");
        store::DieFilter filter;
        filter.lots = {lot};
        auto data = std::make_shared<LotData>();
        data->dies = store::loadDies(db, filter);
        auto defects = store::loadDefects(db, filter);
        auto inspections = store::loadInspections(db, filter);
        const auto grid = analysis::dieGridInForce(fab::wafer::layoutFromProduct(*product), data->dies);
        data->layout = grid.layout;
        data->note = QString::fromStdString(grid.note);
        const auto frame = fab::wafer::productDieFrame(data->layout);
        std::map<int, std::pair<const store::WaferDies*, const store::WaferDefects*>> bySlot;
        std::map<int, const store::WaferInspections*> inspectionsOf;
        for (const auto& w : data->dies) bySlot[w.wafer].first = &w;
        for (const auto& w : defects) bySlot[w.wafer].second = &w;
        for (const auto& w : inspections) inspectionsOf[w.wafer] = &w;
        for (const auto& [slot, pair] : bySlot) {
          data->waferSlots.push_back(slot);
          const std::span<const store::Die> d =
              pair.first ? std::span<const store::Die>(pair.first->dies) : std::span<const store::Die>();
          const std::span<const store::Defect> f =
              pair.second ? std::span<const store::Defect>(pair.second->defects) : std::span<const store::Defect>();
          const auto i = inspectionsOf.find(slot);
          const auto covered = defect::inspectedDies(i == inspectionsOf.end()
                                                         ? std::span<const store::Inspection>()
                                                         : std::span<const store::Inspection>(i->second->inspections),
                                                     frame, f);
          data->maps.push_back(defect::buildWaferMap(data->layout, d, f, covered));
        }
        // The killer panel analyses the lot as read here (core/analysis/killer_defects.h), as `killer --lot` does.
        analysis::KillerData killers{data->dies, std::move(defects), std::move(inspections), {{productName, product}}};
        try {
          data->killer = analysis::killersOf(killers, {});
        } catch (const Error& e) {
          data->killerError = QString::fromStdString(e.what());
        }
        return data;
      },
      [this](JobOutcome<std::shared_ptr<LotData>> outcome) {
        if (!outcome.value) {
          summary_->setText(tr("Cannot show lot %1: %2").arg(lot_, outcome.error));
          maps_.clear();
          map_->setChart(nullptr);
          loaded_ = true;
          emit mapReady();
          return;
        }
        display(*outcome.value);
      });
}

void WaferMapView::display(std::shared_ptr<LotData> data) {
  layout_ = data->layout;
  layoutNote_ = data->note;
  dies_ = std::move(data->dies);
  maps_ = std::move(data->maps);
  killerAnalysis_ = std::move(data->killer);
  killerError_ = data->killerError;
  const std::vector<int> slotNumbers = data->waferSlots;
  const QSignalBlocker block(wafers_);
  wafers_->clear();
  for (std::size_t i = 0; i < slotNumbers.size() && i < maps_.size(); ++i) {
    const auto& m = maps_[i];
    auto* item =
        new QListWidgetItem(m.defects.empty() ? QString::number(slotNumbers[i])
                                              : tr("%1  (%2 defects)").arg(slotNumbers[i]).arg(m.defects.size()),
                            wafers_);
    item->setData(Qt::UserRole, slotNumbers[i]);
    item->setData(Qt::UserRole + 1, static_cast<int>(i));
  }
  QString text = tr("<b>Lot %1</b>: %2 wafers with sort results, %3 with defects; %4 mm wafer, die pitch %5 × %6 µm")
                     .arg(lot_)
                     .arg(dies_.size())
                     .arg(std::count_if(maps_.begin(), maps_.end(), [](auto& m) { return !m.defects.empty(); }))
                     .arg(layout_->diameterMm)
                     .arg(layout_->pitchXUm())
                     .arg(layout_->pitchYUm());
  if (!layoutNote_.isEmpty()) text += "<br><i>" + layoutNote_.toHtmlEscaped() + "</i>";
  summary_->setText(text);
  // Open on the first wafer with defects, else the first.
  int first = 0;
  for (int i = 0; i < wafers_->count(); ++i)
    if (!maps_[static_cast<std::size_t>(i)].defects.empty()) {
      first = i;
      break;
    }
  if (wafers_->count() > 0) wafers_->item(first)->setSelected(true);
  updateKiller();
  loaded_ = true;
  redraw();
}

bool WaferMapView::showWafer(int wafer) {
  for (int i = 0; i < wafers_->count(); ++i)
    if (wafers_->item(i)->data(Qt::UserRole).toInt() == wafer) {
      stacked_->setChecked(false);
      wafers_->clearSelection();
      wafers_->item(i)->setSelected(true);
      redraw();
      return true;
    }
  return false;
}

void WaferMapView::setStacked(bool stacked) {
  stacked_->setChecked(stacked);
  redraw();
}

void WaferMapView::setColourByCluster(bool byCluster) { colourBy_->setCurrentIndex(byCluster ? 1 : 0); }

void WaferMapView::redraw() {
  if (!loaded_ || !layout_) return;
  std::vector<int> selected;
  for (auto* item : wafers_->selectedItems()) selected.push_back(item->data(Qt::UserRole + 1).toInt());
  std::sort(selected.begin(), selected.end());
  current_.reset();
  stack_.reset();
#ifdef FAB_WITH_TORCH
  const bool one = !stacked_->isChecked() && selected.size() == 1;
  similar_->setWafer(lot_, one ? wafers_->item(selected.front())->data(Qt::UserRole).toInt() : -1);
#endif
  if (stacked_->isChecked()) {
    std::vector<store::WaferDies> chosen;
    for (const auto& w : dies_) {
      bool take = selected.size() < 2;
      for (int i : selected) take = take || wafers_->item(i)->data(Qt::UserRole).toInt() == w.wafer;
      if (take) chosen.push_back(w);
    }
    stack_ = stackWafers(*layout_, chosen);
    map_->setChart(std::make_shared<chart::WaferMapPainter>(
        toChartModel(*stack_, tr("%1: %2 wafers stacked").arg(lot_).arg(stack_->wafers))));
    clustering_->setPoints({}, layout_->radiusUm());
  } else if (!selected.empty()) {
    const int i = selected.front();
    current_ = maps_[static_cast<std::size_t>(i)];
    // Clustered in the wafer frame (notch down), so that bandwidths, eps and the
    // signature's angles mean the same on every product; painted in the view.
    std::vector<defect::Point2> points;
    for (const auto& d : current_->defects) points.push_back({d.position.x, d.position.y});
    clustering_->setPoints(std::move(points), layout_->radiusUm());
    applyClusters();
    emit mapReady();
    return;
  } else {
    map_->setChart(nullptr);
  }
  emit mapReady();
}

void WaferMapView::applyClusters() {
  if (!current_) return;
  const auto& outcome = clustering_->outcome();
  const bool byCluster = colourBy_->currentIndex() == 1 && outcome;
  for (std::size_t i = 0; i < current_->defects.size(); ++i)
    current_->defects[i].cluster =
        outcome && i < outcome->clustering.labels.size() ? outcome->clustering.labels[i] : -1;
  const int slot =
      wafers_->selectedItems().isEmpty() ? 0 : wafers_->selectedItems().front()->data(Qt::UserRole).toInt();
  auto model = toChartModel(*current_, tr("%1 / wafer %2").arg(lot_).arg(slot),
                            byCluster ? DefectColouring::Cluster : DefectColouring::Class);
  if (byCluster && outcome->density) model->density = toDensity(*outcome->density, layout_->notch);
  map_->setChart(std::make_shared<chart::WaferMapPainter>(model));
}

QString WaferMapView::hoverText(const chart::ChartHit& hit) const {
  if (hit.row < 0) return {};
  const auto row = static_cast<std::size_t>(hit.row);
  if (stack_ && hit.kind == chart::WaferMapPainter::kHitDie) return stackHoverText(*stack_, row);
  if (!current_) return {};
  if (hit.kind == chart::WaferMapPainter::kHitDie) return dieHoverText(*current_, row);
  if (hit.kind == chart::WaferMapPainter::kHitDefect) return defectHoverText(*current_, row);
  return {};
}

void WaferMapView::updateKiller() {
  if (!killerAnalysis_ || killerAnalysis_->sizeUm.empty()) {
    killer_->setChart(nullptr);
    killerText_->setText(killerAnalysis_ ? tr("No inspected tested die of this lot holds a defect: killer sizes need "
                                           "sort results and defects on the same dies.")
                                      : killerError_);
    return;
  }
  killer_->setChart(std::make_shared<chart::SeriesChartPainter>(killerChart(*killerAnalysis_)));
  killerText_->setText(killerSummary(*killerAnalysis_));
}

void WaferMapView::exportMap() {
  if (!map_->chart()) return;
  const QString file = QFileDialog::getSaveFileName(this, tr("Export wafer map"), lot_ + ".png",
                                                    tr("PNG image (*.png);;SVG drawing (*.svg)"));
  if (file.isEmpty()) return;
  const QSize size = map_->size().expandedTo(QSize(800, 640));
  const QString error = file.endsWith(".svg", Qt::CaseInsensitive) ? chart::exportSvg(*map_->chart(), file, size)
                                                                   : chart::exportPng(*map_->chart(), file, size);
  if (!error.isEmpty()) summary_->setText(error);
}

}  // namespace fab::ui::wafer

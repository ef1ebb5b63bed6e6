// The classifier view's second page: classify every wafer of a lot with the
// loaded model, a sortable table of the nine probabilities, and the selected
// wafer's map (the first page, training and comparison, is classifier_view.cpp).
#include "ui/views/classifier/classifier_view.h"
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include "core/store/database.h"
#include "models/classifier/pretrained_model.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/chart/wafer_map_painter.h"
#include "ui/jobs/job_runner.h"
#include "ui/views/classifier/classifier_view_helpers.h"
#include "ui/views/classifier/model_card_readout.h"
#include "ui/views/classifier/training_charts.h"
#include "ui/views/product_view.h"

namespace fab::ui::classifier {

using namespace detail;

QWidget* ClassifierView::buildClassifyTab() {
  auto* page = new QWidget(this);
  lot_ = new QComboBox(page);
  lot_->setMinimumWidth(160);
  classify_ = new QPushButton(tr("Classify"), page);
  rows_ = new QStandardItemModel(0, 0, page);
  proxy_ = new QSortFilterProxyModel(page);
  proxy_->setSourceModel(rows_);
  proxy_->setSortRole(kSortRole);
  table_ = new QTableView(page);
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(0, Qt::AscendingOrder);  // by lot; the sort is stable, so wafers stay in slot order
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->setVisible(false);
  table_->verticalHeader()->setDefaultSectionSize(22);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->setAlternatingRowColors(true);
  waferMap_ = new chart::ChartWidget(page);
  waferTitle_ = new QLabel(tr("Select a wafer to see its map."), page);
  waferTitle_->setWordWrap(true);
  probabilities_ = new QTableWidget(ml::kPatternCount, 2, page);
  probabilities_->setHorizontalHeaderLabels({tr("pattern"), tr("probability")});
  probabilities_->verticalHeader()->setVisible(false);
  probabilities_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  probabilities_->horizontalHeader()->setStretchLastSection(true);
  probabilities_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  probabilities_->setSelectionMode(QAbstractItemView::NoSelection);
  probabilities_->verticalHeader()->setDefaultSectionSize(20);
  probabilities_->setFixedHeight(20 * ml::kPatternCount + 28);

  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Lot:"), page));
  bar->addWidget(lot_);
  bar->addWidget(classify_);
  bar->addStretch(1);
  auto* right = new QWidget(page);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addWidget(waferTitle_);
  rightLayout->addWidget(waferMap_, 1);
  rightLayout->addWidget(probabilities_);
  auto* split = new QSplitter(page);
  split->addWidget(table_);
  split->addWidget(right);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({780, 560});
  auto* layout = new QVBoxLayout(page);
  layout->addLayout(bar);
  layout->addWidget(split, 1);

  connect(classify_, &QPushButton::clicked, this, [this] { classifyLot(lot_->currentData().toString()); });
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ClassifierView::showSelectedWafer);
  return page;
}

bool ClassifierView::classifyLot(const QString& lot) {
  if (refuseWhileBusy()) return false;
  if (!model_) {
    status_->setText(tr("Load or train a model first."));
    return false;
  }
  if (const int i = lot_->findData(lot); i >= 0) lot_->setCurrentIndex(i);
  jobStarted(tr("Classifying wafers"));
  return runner_->start<std::shared_ptr<WaferClassification>>(
      tr("Classifying wafers"),
      [path = path_.toStdString(), lot = lot.toStdString(), model = model_](const Feedback& feedback) {
        return std::make_shared<WaferClassification>(classifyWorkspaceWafers(path, lot, *model, feedback));
      },
      [this](JobOutcome<std::shared_ptr<WaferClassification>> result) {
        if (!result.value) {
          jobEnded(result.cancelled ? tr("Classification cancelled.") : tr("Cannot classify: %1").arg(result.error));
          emit classificationFinished(result.cancelled ? QString("cancelled") : result.error);
          return;
        }
        classification_ = std::move(**result.value);
        std::map<std::string, int> counts;
        for (const auto& r : classification_->rows) ++counts[ml::patternName(r.pattern)];
        QStringList summary;
        for (const auto& [name, n] : counts) summary << QString("%1 %2").arg(n).arg(qs(name));
        jobEnded(tr("Classified %1 wafers: %2").arg(classification_->rows.size()).arg(summary.join(", ")));
        showPredictions();
        emit classificationFinished(QString());
      });
}

void ClassifierView::showPredictions() {
  rows_->clear();
  QStringList headers{tr("lot"), tr("wafer"), tr("dies"), tr("pattern"), tr("confidence")};
  for (auto name : ml::kPatternNames) headers << qs(std::string(name));
  rows_->setHorizontalHeaderLabels(headers);
  if (!classification_) return;
  for (std::size_t i = 0; i < classification_->rows.size(); ++i) {
    const auto& r = classification_->rows[i];
    QList<QStandardItem*> items;
    auto* lot = item(qs(r.lot), qs(r.lot));
    lot->setData(static_cast<int>(i), kRowRole);
    items << lot << item(QString::number(r.wafer), r.wafer, true)
          << item(QString::number(r.dies), static_cast<qlonglong>(r.dies), true);
    auto* pattern = item(qs(ml::patternName(r.pattern)), qs(ml::patternName(r.pattern)));
    QFont bold = pattern->font();
    bold.setBold(r.pattern != ml::WaferPattern::None);
    pattern->setFont(bold);
    items << pattern;
    auto* confidence = item(pct(r.confidence()), double(r.confidence()), true);
    // Amber: the model calls the map uncertain (low top probability or far from the training maps).
    if (r.uncertain) {
      for (auto* cell : {pattern, confidence}) {
        cell->setForeground(QColor(190, 110, 0));
        cell->setToolTip(tr("uncertain: %1").arg(qs(r.uncertainBecause)));
      }
    }
    items << confidence;
    for (float p : r.probabilities) {
      auto* cell = item(QString::number(p, 'f', 3), double(p), true);
      if (p < 0.01f) cell->setForeground(QColor(170, 170, 170));
      items << cell;
    }
    rows_->appendRow(items);
  }
  table_->resizeColumnsToContents();
  if (proxy_->rowCount() > 0) selectPrediction(0);
}

void ClassifierView::selectPrediction(int row) {
  if (row < 0 || row >= proxy_->rowCount()) return;
  table_->selectRow(row);
  showSelectedWafer();
}

void ClassifierView::showSelectedWafer() {
  const auto selected = table_->selectionModel()->selectedRows();
  if (!classification_ || selected.isEmpty()) return;
  const QModelIndex source = proxy_->mapToSource(selected.front());
  const int i = rows_->item(source.row(), 0)->data(kRowRole).toInt();
  const auto& r = classification_->rows[static_cast<std::size_t>(i)];
  const auto& w = classification_->wafers[static_cast<std::size_t>(i)];
  const QString title = tr("%1 / wafer %2 — %3 (%4)")
                            .arg(qs(r.lot))
                            .arg(r.wafer)
                            .arg(qs(ml::patternName(r.pattern)), pct(r.confidence()));
  std::shared_ptr<chart::WaferMapModel> map;
  try {
    std::vector<store::WaferDies> lot;  // the lot's die grid is decided over all of its wafers
    for (const auto& x : classification_->wafers)
      if (x.dies.lot == w.dies.lot) lot.push_back(x.dies);
    map = w.product ? ProductView::makeWaferMap(*w.product, lot, w.dies, {}) : plainWaferMap(w.dies);
  } catch (const std::exception&) {
    map = plainWaferMap(w.dies);
  }
  map->title = title;
  waferMap_->setChart(std::make_shared<chart::WaferMapPainter>(std::move(map)));
  waferTitle_->setText(tr("<b>%1</b> / wafer %2: predicted <b>%3</b> with probability %4")
                           .arg(qs(r.lot).toHtmlEscaped())
                           .arg(r.wafer)
                           .arg(qs(ml::patternName(r.pattern)), pct(r.confidence())));
  std::vector<int> order(ml::kPatternCount);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return r.probabilities[static_cast<std::size_t>(a)] > r.probabilities[static_cast<std::size_t>(b)];
  });
  for (int k = 0; k < ml::kPatternCount; ++k) {
    const int c = order[static_cast<std::size_t>(k)];
    const float p = r.probabilities[static_cast<std::size_t>(c)];
    setCell(probabilities_, k, 0, qs(std::string(ml::kPatternNames[static_cast<std::size_t>(c)])), false);
    auto* barCell = qobject_cast<QProgressBar*>(probabilities_->cellWidget(k, 1));
    if (!barCell) {
      barCell = new QProgressBar(probabilities_);
      barCell->setRange(0, 1000);
      barCell->setTextVisible(true);
      probabilities_->setCellWidget(k, 1, barCell);
    }
    barCell->setValue(static_cast<int>(std::lround(1000.0 * p)));
    barCell->setFormat(QString::number(100.0 * p, 'f', 1) + " %");
  }
}

}  // namespace fab::ui::classifier

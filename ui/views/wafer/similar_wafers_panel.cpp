#include "ui/views/wafer/similar_wafers_panel.h"

#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/ml/die_map_store.h"
#include "core/store/database.h"
#include "models/classifier/pretrained_model.h"
#include "ui/jobs/job_runner.h"

namespace fab::ui::wafer {

/// The model and the workspace's maps embedded with it, kept between searches;
/// used by one job at a time (the runner refuses a second).
struct SimilarWafersPanel::Engine {
  Engine(models::WaferClassifier m, std::vector<ml::StoredWaferMap> wafers)
      : model(std::move(m)), similarity(model, std::move(wafers)) {}
  models::WaferClassifier model;
  models::WaferSimilarity similarity;  // points at `model`: an Engine never moves
};

namespace {
struct Found {
  QString lot;  ///< the wafer searched for
  int wafer = -1;
  std::vector<models::SimilarWafer> neighbours;
  double seconds = 0;
  std::shared_ptr<SimilarWafersPanel::Engine> engine;
};
}  // namespace

SimilarWafersPanel::SimilarWafersPanel(const QString& workspacePath, QWidget* parent)
    : QWidget(parent),
      path_(workspacePath),
      top_(new QSpinBox(this)),
      find_(new QPushButton(tr("Find similar wafers"), this)),
      status_(new QLabel(this)),
      table_(new QTreeWidget(this)),
      runner_(new JobRunner(this)) {
  top_->setRange(1, 1000);
  top_->setValue(10);
  top_->setToolTip(tr("How many wafers to list"));
  find_->setToolTip(
      tr("Lists the workspace wafers whose maps the wafer-pattern classifier sees most alike this one "
         "(distance between the features its last layer reads)"));
  status_->setWordWrap(true);
  table_->setHeaderLabels({tr("#"), tr("Lot"), tr("Wafer"), tr("Distance"), tr("Pattern"), tr("p"), tr("Yield %")});
  table_->setRootIsDecorated(false);
  table_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel(tr("Wafers:"), this));
  row->addWidget(top_);
  row->addWidget(find_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(row);
  layout->addWidget(status_);
  layout->addWidget(table_, 1);
  connect(find_, &QPushButton::clicked, this, &SimilarWafersPanel::find);
  connect(table_, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
    const auto i = static_cast<std::size_t>(table_->indexOfTopLevelItem(item));
    if (i < neighbours_.size()) emit waferChosen(QString::fromStdString(neighbours_[i].lot), neighbours_[i].wafer);
  });
  setWafer({}, -1);
}

void SimilarWafersPanel::setWafer(const QString& lot, int wafer) {
  if (lot == lot_ && wafer == wafer_ && wafer >= 0) return;  // the same wafer redrawn keeps its list
  lot_ = lot;
  wafer_ = wafer;
  neighbours_.clear();
  table_->clear();
  find_->setEnabled(wafer_ >= 0 && !runner_->busy());
  status_->setText(wafer_ >= 0 ? tr("Wafers like %1 / %2 across the workspace.").arg(lot_).arg(wafer_)
                               : tr("Select one wafer to find wafers like it."));
}

void SimilarWafersPanel::forgetEmbeddings() {
  engine_.reset();
  ++generation_;
}

void SimilarWafersPanel::setTop(int k) { top_->setValue(k); }
bool SimilarWafersPanel::busy() const { return runner_->busy(); }
QString SimilarWafersPanel::status() const { return status_->text(); }

bool SimilarWafersPanel::find() {
  if (wafer_ < 0 || runner_->busy()) return false;
  const std::string path = path_.toStdString(), lot = lot_.toStdString();
  const int wafer = wafer_;
  const auto k = static_cast<std::size_t>(top_->value());
  find_->setEnabled(false);
  status_->setText(tr("Embedding the workspace's wafer maps…"));
  return runner_->start<Found>(
      tr("Finding wafers like %1 / %2").arg(lot_).arg(wafer_),
      [path, lot, wafer, k, lotName = lot_, engine = engine_](const Feedback&) mutable {
        QElapsedTimer timer;
        timer.start();
        if (!engine) {
          store::Database db(path, store::Database::Mode::ReadOnly);
          auto wafers = ml::loadStoredWaferMaps(db);
          auto model = models::WaferClassifier::load(models::pretrainedModelDir(), models::DeviceChoice::Cpu);
          engine = std::make_shared<Engine>(std::move(model), std::move(wafers));
        }
        const auto& similarity = engine->similarity;
        const auto query = similarity.find(lot, wafer);
        Found found{lotName, wafer, similarity.similarTo(query, k), 0, engine};
        found.seconds = static_cast<double>(timer.elapsed()) / 1000;
        return found;
      },
      [this, generation = generation_](JobOutcome<Found> outcome) {
        find_->setEnabled(wafer_ >= 0);
        if (outcome.value && generation == generation_) engine_ = outcome.value->engine;
        if (outcome.value && (outcome.value->lot != lot_ || outcome.value->wafer != wafer_)) {
          // Another wafer was chosen meanwhile (setWafer cleared the list): this result is not its.
          status_->setText(tr("Another wafer was chosen during the search: press Find again."));
        } else if (!outcome.value) {
          neighbours_.clear();
          table_->clear();
          status_->setText(outcome.cancelled ? tr("Cancelled.") : tr("Cannot search: %1").arg(outcome.error));
        } else {
          show(outcome.value->neighbours, outcome.value->seconds);
        }
        emit finished();
      });
}

void SimilarWafersPanel::show(const std::vector<models::SimilarWafer>& found, double seconds) {
  neighbours_ = found;
  table_->clear();
  int rank = 0;
  for (const auto& n : neighbours_) {
    const float p = n.prediction.probabilities[ml::patternIndex(n.prediction.pattern)];
    auto* item = new QTreeWidgetItem(
        table_, {QString::number(++rank), QString::fromStdString(n.lot), QString::number(n.wafer),
                 QString::number(n.distance, 'f', 4), QString::fromStdString(ml::patternName(n.prediction.pattern)),
                 QString::number(p, 'f', 3), QString::number(n.yield * 100, 'f', 1)});
    for (int c : {0, 2, 3, 5, 6}) item->setTextAlignment(c, Qt::AlignRight);
  }
  status_->setText(tr("The %1 wafers nearest to %2 / %3 (found in %4 s; double-click one of this lot to show it).")
                       .arg(neighbours_.size())
                       .arg(lot_)
                       .arg(wafer_)
                       .arg(seconds, 0, 'f', 1));
}

}  // namespace fab::ui::wafer

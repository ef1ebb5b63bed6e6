#include "ui/views/wafer/clustering_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ui/jobs/job_runner.h"

namespace fab::ui::wafer {
namespace {

QTreeWidgetItem* signatureItem(QTreeWidget* table, const QString& name, const defect::Signature& s) {
  const auto& f = s.features;
  auto* item = new QTreeWidgetItem(
      table, {name, QString::number(f.count), QString::fromUtf8(defect::signatureName(s.label).data()),
              QString::number(f.radialMean, 'f', 2), QString::number(f.radialSd, 'f', 2),
              QString::number(f.angularSpanDeg, 'f', 0), QString::number(f.elongation, 'f', 1),
              QString::number(f.densityRatio, 'f', 1)});
  item->setToolTip(0, QString::fromStdString(s.reason));
  item->setToolTip(2, QString::fromStdString(s.reason));
  return item;
}

}  // namespace

ClusteringPanel::ClusteringPanel(QWidget* parent)
    : QWidget(parent),
      method_(new QComboBox(this)),
      k_(new QSpinBox(this)),
      bandwidth_(new QDoubleSpinBox(this)),
      eps_(new QDoubleSpinBox(this)),
      minPoints_(new QSpinBox(this)),
      seed_(new QSpinBox(this)),
      run_(new QPushButton(tr("Cluster"), this)),
      status_(new QLabel(this)),
      table_(new QTreeWidget(this)),
      runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  method_->addItem(tr("k-means"), static_cast<int>(defect::ClusterMethod::KMeans));
  method_->addItem(tr("KDE level sets"), static_cast<int>(defect::ClusterMethod::Kde));
  method_->addItem(tr("mean shift"), static_cast<int>(defect::ClusterMethod::MeanShift));
  method_->addItem(tr("DBSCAN"), static_cast<int>(defect::ClusterMethod::Dbscan));
  k_->setRange(0, 30);
  k_->setSpecialValueText(tr("auto (gap statistic)"));
  bandwidth_->setRange(0, 150);
  bandwidth_->setSuffix(tr(" mm"));
  bandwidth_->setSpecialValueText(tr("Scott's rule"));
  eps_->setRange(0, 150);
  eps_->setSuffix(tr(" mm"));
  eps_->setSpecialValueText(tr("from the density"));
  minPoints_->setRange(2, 1000);
  minPoints_->setValue(5);
  seed_->setRange(1, 1000000);
  auto* form = new QFormLayout;
  form->addRow(tr("Method:"), method_);
  form->addRow(tr("k:"), k_);
  form->addRow(tr("Bandwidth:"), bandwidth_);
  form->addRow(tr("DBSCAN eps:"), eps_);
  form->addRow(tr("Min points:"), minPoints_);
  form->addRow(tr("Seed:"), seed_);
  table_->setHeaderLabels({tr("cluster"), tr("n"), tr("signature"), tr("r/R mean"), tr("r/R sd"), tr("span °"),
                           tr("elongation"), tr("density ×")});
  table_->setRootIsDecorated(false);
  table_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  status_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(run_);
  layout->addWidget(status_);
  layout->addWidget(table_, 1);
  connect(run_, &QPushButton::clicked, this, &ClusteringPanel::run);
  auto enable = [this] {
    const auto m = static_cast<defect::ClusterMethod>(method_->currentData().toInt());
    k_->setEnabled(m == defect::ClusterMethod::KMeans);
    bandwidth_->setEnabled(m == defect::ClusterMethod::Kde || m == defect::ClusterMethod::MeanShift);
    eps_->setEnabled(m == defect::ClusterMethod::Dbscan);
  };
  connect(method_, &QComboBox::currentIndexChanged, this, enable);
  enable();
}

void ClusteringPanel::setPoints(std::vector<defect::Point2> points, double waferRadiusUm) {
  points_ = std::move(points);
  radius_ = waferRadiusUm;
  outcome_.reset();
  table_->clear();
  status_->setText(tr("%n defect(s) on this wafer.", nullptr, static_cast<int>(points_.size())));
}

void ClusteringPanel::setMethod(defect::ClusterMethod method) {
  method_->setCurrentIndex(method_->findData(static_cast<int>(method)));
}

void ClusteringPanel::setK(int k) { k_->setValue(k); }

bool ClusteringPanel::busy() const { return runner_->busy(); }

defect::ClusterRequest ClusteringPanel::request() const {
  defect::ClusterRequest r;
  r.method = static_cast<defect::ClusterMethod>(method_->currentData().toInt());
  r.k = k_->value();
  r.bandwidth = bandwidth_->value() * 1000;
  r.eps = eps_->value() * 1000;
  r.minPoints = minPoints_->value();
  r.seed = static_cast<std::uint64_t>(seed_->value());
  return r;
}

bool ClusteringPanel::run() {
  if (points_.empty()) return false;  // a run while one is going replaces it (the latest request wins)
  const auto r = request();
  status_->setText(tr("Clustering %n defect(s)…", nullptr, static_cast<int>(points_.size())));
  run_->setEnabled(false);
  auto points = std::make_shared<const std::vector<defect::Point2>>(points_);
  return runner_->start<std::shared_ptr<const ClusterOutcome>>(
      tr("Clustering defects"),
      [points, r, radius = radius_](const Feedback& feedback) {
        return std::make_shared<const ClusterOutcome>(runClusterJob(*points, r, radius, feedback));
      },
      [this](JobOutcome<std::shared_ptr<const ClusterOutcome>> result) {
        run_->setEnabled(true);
        outcome_ = result.value.value_or(nullptr);
        table_->clear();
        if (outcome_)
          show(*outcome_);
        else
          status_->setText(result.cancelled ? tr("Cancelled.") : result.error);
        emit finished();
      });
}

void ClusteringPanel::show(const ClusterOutcome& o) {
  const auto& c = o.clustering;
  QString text = tr("%1: %2 cluster(s), %3 noise point(s)")
                     .arg(QString::fromUtf8(defect::clusterMethodName(c.method).data()))
                     .arg(c.sizes.size())
                     .arg(c.noise);
  if (c.method == defect::ClusterMethod::KMeans)
    text += tr(", k = %1, inertia %2 mm²").arg(c.k).arg(c.inertia / 1e6, 0, 'g', 4);
  if (c.bandwidth > 0) text += tr(", bandwidth %1 mm").arg(c.bandwidth / 1000, 0, 'f', 1);
  if (c.eps > 0) text += tr(", eps %1 mm").arg(c.eps / 1000, 0, 'f', 1);
  if (c.kSelection) text += "<br>" + tr("k chosen by the gap statistic: %1").arg(c.k);
  for (const auto& w : c.warnings) text += "<br>" + QString::fromStdString(w);
  text += "<br>" + tr("Wafer signature: <b>%1</b> — %2")
                       .arg(QString::fromUtf8(defect::signatureName(o.signature.overall.label).data()),
                            QString::fromStdString(o.signature.overall.reason).toHtmlEscaped());
  status_->setText(text);
  signatureItem(table_, tr("wafer"), o.signature.overall);
  for (std::size_t i = 0; i < o.signature.clusters.size(); ++i)
    signatureItem(table_, tr("cluster %1").arg(i + 1), o.signature.clusters[i]);
}

}  // namespace fab::ui::wafer

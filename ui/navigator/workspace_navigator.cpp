#include "ui/navigator/workspace_navigator.h"

#include <algorithm>

#include <QDateTime>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <set>

#include "ui/jobs/job_runner.h"
#include "ui/navigator/navigator_snapshot.h"

namespace fab::ui {
namespace {

enum Column { kName = 0, kDetails = 1 };
constexpr int kItemRole = Qt::UserRole + 1;

QString count(qint64 n) { return QLocale().toString(n); }

QString batchDetails(const store::ImportBatchSummary& b) {
  QString text = QString::fromStdString(b.status) + " · " + QString::fromStdString(b.kind) + " · " +
                 QObject::tr("%1 rows").arg(count(b.rowsOk));
  if (b.rowsRejected) text += " · " + QObject::tr("%1 rejected").arg(count(b.rowsRejected));
  if (b.errors) text += " · " + QObject::tr("%1 errors").arg(count(b.errors));
  return text;
}

QColor statusColour(const std::string& status) {
  if (status == "ok") return QColor(30, 120, 30);
  if (status == "running") return QColor(30, 90, 160);
  return QColor(190, 30, 30);
}

}  // namespace

WorkspaceNavigator::WorkspaceNavigator(QWidget* parent)
    : QWidget(parent),
      tree_(new QTreeWidget(this)),
      status_(new QLabel(this)),
      runner_(new JobRunner(this, WhenBusy::LatestWins)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(tree_, 1);
  layout->addWidget(status_);
  status_->setContentsMargins(4, 2, 4, 2);
  status_->setWordWrap(true);
  tree_->setColumnCount(2);
  tree_->setHeaderLabels({tr("Name"), tr("Details")});
  tree_->header()->setSectionResizeMode(kName, QHeaderView::ResizeToContents);
  tree_->setUniformRowHeights(true);
  tree_->setExpandsOnDoubleClick(true);
  connect(tree_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
    const QVariant v = item->data(kName, kItemRole);
    if (v.isValid()) emit itemActivated(v.value<NavigatorItem>());
  });
  // A parameter's analyses open from its context menu.
  tree_->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(tree_, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
    QTreeWidgetItem* item = tree_->itemAt(pos);
    const QVariant v = item ? item->data(kName, kItemRole) : QVariant();
    if (!v.isValid() || v.value<NavigatorItem>().kind != NavigatorItem::Kind::Parameter) return;
    const QString name = v.value<NavigatorItem>().name;
    QMenu menu;
    menu.addAction(tr("Open"), this, [this, v] { emit itemActivated(v.value<NavigatorItem>()); });
    menu.addAction(tr("Kalman level and R2R sandbox"), this, [this, name] {
      emit itemActivated({NavigatorItem::Kind::KalmanLevel, name, 0});
    });
    menu.exec(tree_->viewport()->mapToGlobal(pos));
  });
}

bool WorkspaceNavigator::loading() const { return runner_->busy(); }

void WorkspaceNavigator::setWorkspace(const QString& path) {
  path_ = path;
  tree_->clear();
  refresh();
}

void WorkspaceNavigator::refresh() {
  if (path_.isEmpty()) {
    tree_->clear();
    status_->setText(tr("No workspace open"));
    return;
  }
  status_->setText(tr("Reading the workspace…"));
  const std::string path = path_.toStdString();
  runner_->start<NavigatorSnapshot>(
      tr("Reading the workspace"), [path](const Feedback&) { return loadNavigatorSnapshot(path); },
      [this, requested = path_](JobOutcome<NavigatorSnapshot> outcome) {
        if (requested == path_) {
          if (outcome.value) {
            display(*outcome.value);
            status_->clear();
          } else {
            tree_->clear();
            status_->setText(tr("Cannot read the workspace: %1").arg(outcome.error));
          }
          emit refreshed(outcome.error);
        }
      });
}

QTreeWidgetItem* WorkspaceNavigator::group(const QString& title, int n, bool expanded) {
  auto* item = new QTreeWidgetItem(tree_, {title, count(n)});
  QFont f = item->font(kName);
  f.setBold(true);
  item->setFont(kName, f);
  item->setExpanded(expanded);
  return item;
}

void WorkspaceNavigator::display(const NavigatorSnapshot& s) {
  // Keep the groups the user opened or closed as they were.
  std::set<QString> collapsed;
  for (int i = 0; i < tree_->topLevelItemCount(); ++i)
    if (!tree_->topLevelItem(i)->isExpanded()) collapsed.insert(tree_->topLevelItem(i)->text(kName));
  const bool first = tree_->topLevelItemCount() == 0;
  tree_->clear();
  auto expanded = [&](const QString& title, bool byDefault) { return first ? byDefault : !collapsed.count(title); };
  auto add = [](QTreeWidgetItem* parent, const QString& name, const QString& details, NavigatorItem item) {
    auto* child = new QTreeWidgetItem(parent, {name, details});
    child->setData(kName, kItemRole, QVariant::fromValue(item));
    return child;
  };

  const QString imports = tr("Imports"), lots = tr("Lots"), parameters = tr("Parameters"), products = tr("Products"),
                gauges = tr("Gauge studies");
  auto* p = group(parameters, static_cast<int>(s.parameters.size()), expanded(parameters, true));
  for (const auto& x : s.parameters) {
    const QString name = QString::fromStdString(x.name);
    QString details = tr("%1 rows").arg(count(x.rows));
    if (!x.unit.empty()) details += " · " + QString::fromStdString(x.unit);
    auto* item = add(p, name, details, {NavigatorItem::Kind::Parameter, name, 0});
    item->setToolTip(
        kName,
        tr("%1: %2 rows, %3 without a value, %4 lots").arg(name, count(x.rows), count(x.missing), count(x.lots)));
  }
  // The overlay model needs both axes of overlay (core/overlay/overlay_sites.h names them).
  const auto hasParameter = [&](const char* name) {
    return std::any_of(s.parameters.begin(), s.parameters.end(), [&](const auto& p) { return p.name == name; });
  };
  const bool overlayPair = hasParameter("OVL_X") && hasParameter("OVL_Y");
  auto* l = group(lots, static_cast<int>(s.lots.size()), expanded(lots, false));
  for (const auto& x : s.lots) {
    const QString name = QString::fromStdString(x.name);
    QString details = x.product.empty() ? QString() : QString::fromStdString(x.product) + " · ";
    details += tr("%1 wafers").arg(x.wafers);
    auto* item = add(l, name, details, {NavigatorItem::Kind::Lot, name, 0});
    item->setToolTip(
        kName, tr("%1 measurements, %2 dies, %3 defects").arg(count(x.measurements), count(x.dies), count(x.defects)));
    if (x.dies > 0 || x.defects > 0)
      add(item, tr("wafer map"), tr("%1 dies, %2 defects").arg(count(x.dies), count(x.defects)),
          {NavigatorItem::Kind::WaferMap, name, 0});
    if (overlayPair && x.measurements > 0)
      add(item, tr("overlay model"), tr("OVL_X, OVL_Y by site"), {NavigatorItem::Kind::Overlay, name, 0});
  }
  auto* pr = group(products, static_cast<int>(s.products.size()), expanded(products, false));
  for (const auto& x : s.products) {
    const QString name = QString::fromStdString(x.name);
    const QString details =
        tr("%1 mm wafer · %2 × %3 µm dies").arg(x.waferDiameterMm).arg(x.dieWidthUm).arg(x.dieHeightUm);
    add(pr, name, details, {NavigatorItem::Kind::Product, name, 0});
  }
  auto* g = group(gauges, static_cast<int>(s.gaugeStudies.size()), expanded(gauges, false));
  for (const auto& x : s.gaugeStudies) {
    const QString name = QString::fromStdString(x.name);
    const QString details = QString::fromStdString(std::string(msa::toString(x.kind))) + " · " +
                            tr("%1 parts × %2 appraisers").arg(x.parts).arg(x.appraisers);
    auto* item = add(g, name, details,
                     {NavigatorItem::Kind::GaugeStudy, name, x.kind == msa::GaugeStudyKind::Variables ? 1 : 0});
    item->setToolTip(kName, tr("%1 ratings").arg(count(x.ratings)) +
                                (x.source.empty() ? QString() : "\n" + QString::fromStdString(x.source)));
  }
#ifdef FAB_WITH_TORCH
  const QString models = tr("Models");
  auto* m = group(models, 1, expanded(models, true));
  add(m, tr("Wafer-pattern classifier"), tr("train, compare, classify wafers"),
      {NavigatorItem::Kind::Classifier, QString(), 0});
#endif
  auto* b = group(imports, static_cast<int>(s.batches.size()), expanded(imports, false));
  for (const auto& x : s.batches) {
    const QString source = QString::fromStdString(x.source);
    auto* item = add(b, QString("#%1 %2").arg(x.id).arg(QFileInfo(source).fileName()), batchDetails(x),
                     {NavigatorItem::Kind::Batch, source, x.id});
    item->setForeground(kDetails, statusColour(x.status));
    QString tip =
        source + "\n" + tr("started %1").arg(QDateTime::fromMSecsSinceEpoch(x.started).toString("yyyy-MM-dd hh:mm:ss"));
    if (!x.message.empty()) tip += "\n" + QString::fromStdString(x.message);
    item->setToolTip(kName, tip);
    item->setToolTip(kDetails, tip);
  }
}

}  // namespace fab::ui

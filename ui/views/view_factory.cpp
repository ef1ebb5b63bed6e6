#include "ui/views/view_factory.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QTabWidget>

#include <exception>

#include "ui/table/data_table_view.h"
#include "ui/views/batch_view.h"
#ifdef FAB_WITH_TORCH
#include "ui/views/classifier/classifier_view.h"
#endif
#include "ui/views/history/history_view.h"
#include "ui/views/kalman/kalman_view.h"
#include "ui/views/lean/kanban_board_view.h"
#include "ui/views/multivariate/multivariate_view.h"
#include "ui/views/overlay/overlay_view.h"
#include "ui/views/parameter_view.h"
#include "ui/views/product_view.h"
#include "ui/views/spc/spc_parameter_view.h"
#include "ui/views/wafer/wafer_map_view.h"
#include "ui/views/workspace_view.h"
#include "ui/views/yield/yield_calculator_view.h"

namespace fab::ui {
namespace {

constexpr const char* kKeyProperty = "fabkitViewKey";

}  // namespace

ViewFactory::ViewFactory(QTabWidget* tabs, QObject* parent) : QObject(parent), tabs_(tabs) {
  using Kind = NavigatorItem::Kind;
  setCreator(Kind::Parameter, [](const QString& path, const NavigatorItem& item) -> QWidget* {
    return new SpcParameterView(path, item.name);
  });
  setCreator(Kind::Lot, [](const QString& path, const NavigatorItem& item) -> QWidget* {
    store::MeasurementQuery q;
    q.lot = item.name.toStdString();
    return new DataTableView(path, q);
  });
  setCreator(Kind::Batch,
             [](const QString& path, const NavigatorItem& item) -> QWidget* { return new BatchView(path, item.id); });
  setCreator(Kind::Product, [](const QString& path, const NavigatorItem& item) -> QWidget* {
    return new ProductView(path, item.name);
  });
  setCreator(Kind::WaferMap, [](const QString& path, const NavigatorItem& item) -> QWidget* {
    return new wafer::WaferMapView(path, item.name);
  });
  setCreator(Kind::KalmanLevel, [](const QString& path, const NavigatorItem& item) -> QWidget* {
    return new kalman::KalmanView(path, item.name);
  });
  setCreator(Kind::YieldCalculator, [](const QString& path, const NavigatorItem&) -> QWidget* {
    return new yield::YieldCalculatorView(path);
  });
  setCreator(Kind::KanbanBoard, [](const QString& path, const NavigatorItem& item) -> QWidget* {
    return new lean::KanbanBoardView(path, item.name);
  });
  setCreator(Kind::Overlay, [](const QString& path, const NavigatorItem& item) -> QWidget* {
    return new overlay::OverlayView(path, item.name);
  });
  setCreator(Kind::History, [](const QString& path, const NavigatorItem&) -> QWidget* { return new HistoryView(path); });
  setCreator(Kind::Multivariate, [](const QString& path, const NavigatorItem&) -> QWidget* {
    return new multivariate::MultivariateView(path);
  });
#ifdef FAB_WITH_TORCH
  setCreator(Kind::Classifier, [](const QString& path, const NavigatorItem&) -> QWidget* {
    return new classifier::ClassifierView(path);
  });
#endif
  connect(tabs_, &QTabWidget::tabCloseRequested, this, [this](int index) {
    QWidget* w = tabs_->widget(index);
    tabs_->removeTab(index);
    delete w;
  });
}

void ViewFactory::setCreator(NavigatorItem::Kind kind, Creator creator) { creators_[kind] = std::move(creator); }

void ViewFactory::setWorkspace(const QString& path) {
  closeAll();
  path_ = path;
}

void ViewFactory::closeAll() {
  while (tabs_->count() > 0) {
    QWidget* w = tabs_->widget(0);
    tabs_->removeTab(0);
    delete w;
  }
}

QString ViewFactory::titleOf(const NavigatorItem& item) {
  switch (item.kind) {
    case NavigatorItem::Kind::Batch:
      return tr("Import #%1").arg(item.id);
    case NavigatorItem::Kind::Lot:
      return tr("Lot %1").arg(item.name);
    case NavigatorItem::Kind::Product:
      return tr("Product %1").arg(item.name);
    case NavigatorItem::Kind::Parameter:
      return item.name;
    case NavigatorItem::Kind::GaugeStudy:
      return tr("Gauge %1").arg(item.name);
    case NavigatorItem::Kind::WaferMap:
      return tr("Wafers %1").arg(item.name);
    case NavigatorItem::Kind::KalmanLevel:
      return tr("%1 – Kalman").arg(item.name);
    case NavigatorItem::Kind::YieldCalculator:
      return tr("Yield calculator");
    case NavigatorItem::Kind::KanbanBoard:
      return tr("Board %1").arg(item.name);
    case NavigatorItem::Kind::Classifier:
      return tr("Wafer-pattern classifier");
    case NavigatorItem::Kind::Overlay:
      return tr("Overlay %1").arg(item.name);
    case NavigatorItem::Kind::Multivariate:
      return tr("Multivariate T²");
    case NavigatorItem::Kind::Overview:
      return tr("Overview");
    case NavigatorItem::Kind::History:
      return tr("History");
  }
  return item.name;
}

QWidget* ViewFactory::open(const NavigatorItem& item) {
  const QString key = item.key();
  for (int i = 0; i < tabs_->count(); ++i) {
    if (tabs_->widget(i)->property(kKeyProperty).toString() == key) {
      tabs_->setCurrentIndex(i);
      return tabs_->widget(i);
    }
  }
  const auto creator = creators_.find(item.kind);
  if (path_.isEmpty() || creator == creators_.end()) return nullptr;
  QElapsedTimer timer;
  timer.start();
  QWidget* view = nullptr;
  try {
    view = creator->second(path_, item);
  } catch (const std::exception& e) {
    emit failed(tr("Cannot open %1: %2").arg(titleOf(item), QString::fromStdString(e.what())));
    return nullptr;
  }
  view->setProperty(kKeyProperty, key);
  const QString title = titleOf(item);
  tabs_->setCurrentIndex(tabs_->addTab(view, title));
  tabs_->setTabToolTip(tabs_->indexOf(view), item.kind == NavigatorItem::Kind::Batch ? item.name : title);
  emit viewOpened(title, timer.elapsed());
  return view;
}

void ViewFactory::refreshAll() {
  for (int i = 0; i < tabs_->count(); ++i) {
    if (auto* view = dynamic_cast<WorkspaceView*>(tabs_->widget(i))) {
      try {
        view->refreshView();
      } catch (const std::exception& e) {
        emit failed(tr("Cannot refresh %1: %2").arg(tabs_->tabText(i), QString::fromStdString(e.what())));
      }
    }
  }
}

}  // namespace fab::ui

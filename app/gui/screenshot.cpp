#include "screenshot.h"

#include <QApplication>
#include <QTimer>
#include <QTreeWidget>

#include <cstdio>

#include "ui/main_window.h"
#include "ui/navigator/workspace_navigator.h"
#include "ui/views/kalman/kalman_view.h"
#include "ui/views/lean/kanban_board_view.h"
#include "ui/views/multivariate/multivariate_view.h"
#include "ui/views/overlay/overlay_view.h"
#include "ui/views/overview/overview_view.h"
#include "ui/views/parameter_view.h"
#include "ui/views/product_view.h"
#include "ui/views/spc/attribute_chart_view.h"
#include "ui/views/spc/capability_view.h"
#include "ui/views/spc/commonality_view.h"
#include "ui/views/spc/control_chart_view.h"
#include "ui/views/spc/spc_parameter_view.h"
#include "ui/views/spc/variance_components_view.h"
#include "ui/views/view_factory.h"
#include "ui/views/wafer/wafer_map_view.h"

namespace fab::gui {
namespace {

constexpr int kTimeoutMs = 30000;

ui::NavigatorItem parseItem(const QString& text, ui::WorkspaceNavigator* navigator) {
  using Kind = ui::NavigatorItem::Kind;
  const QString kind = text.section(':', 0, 0), name = text.section(':', 1);
  if (kind == "product") return {Kind::Product, name.section('#', 0, 0), 0};
  if (kind == "lot") return {Kind::Lot, name, 0};
  if (kind == "batch") return {Kind::Batch, {}, name.toLongLong()};
  if (kind == "parameter") return {Kind::Parameter, name.section('#', 0, 0), 0};
  if (kind == "board") return {Kind::KanbanBoard, name.section('#', 0, 0), 0};
  if (kind == "classifier") return {Kind::Classifier, {}, 0};
  if (kind == "overlay") return {Kind::Overlay, name, 0};
  if (kind == "multivariate") return {Kind::Multivariate, name, 0};
  if (kind == "overview") return {Kind::Overview, {}, 0};
  if (kind == "history") return {Kind::History, {}, 0};
  if (kind == "wafers") return {Kind::WaferMap, name, 0};
  if (kind == "kalman") return {Kind::KalmanLevel, name, 0};
  if (kind == "yield") return {Kind::YieldCalculator, {}, 0};
  // Default: the first parameter listed.
  QTreeWidget* tree = navigator->tree();
  for (int i = 0; i < tree->topLevelItemCount(); ++i) {
    QTreeWidgetItem* group = tree->topLevelItem(i);
    if (group->text(0) == QObject::tr("Parameters") && group->childCount() > 0)
      return {Kind::Parameter, group->child(0)->text(0), 0};
  }
  return {Kind::Parameter, {}, 0};
}

void save(ui::MainWindow* window, const QString& file) {
  // Let the views lay out and paint once before the grab.
  QTimer::singleShot(300, window, [window, file] {
    const bool ok = window->grab().save(file, "PNG");
    std::fprintf(ok ? stdout : stderr, ok ? "saved %s\n" : "fabkit: cannot write %s\n", qPrintable(file));
    QApplication::exit(ok ? 0 : 1);
  });
}

}  // namespace

void takeScreenshotWhenReady(ui::MainWindow* window, const QString& file, const QString& item) {
  QObject::connect(
      window->navigator(), &ui::WorkspaceNavigator::refreshed, window,
      [window, file, item] {
        QWidget* view = window->views()->open(parseItem(item, window->navigator()));
        if (auto* c = qobject_cast<ui::SpcParameterView*>(view); c && item.contains('#')) {
          // parameter:NAME#capability, #run, #variance or #commonality: that page, once computed.
          const auto done = [window, file] { save(window, file); };
          if (item.endsWith("#capability")) {
            c->showPage(1);
            QObject::connect(c->capability(), &ui::CapabilityView::capabilityReady, window, done,
                             Qt::SingleShotConnection);
          } else if (item.endsWith("#run")) {
            c->showPage(2);
            QObject::connect(c->runChart(), &ui::ParameterView::chartReady, window, done, Qt::SingleShotConnection);
          } else if (item.endsWith("#variance")) {
            c->showPage(3);
            QObject::connect(c->varianceComponents(), &ui::VarianceComponentsView::ready, window, done,
                             Qt::SingleShotConnection);
          } else {
            c->showPage(4);
            QObject::connect(c->commonality(), &ui::CommonalityView::ready, window, done, Qt::SingleShotConnection);
          }
        } else if (auto* c = qobject_cast<ui::SpcParameterView*>(view); c && !c->controlChart()->loaded()) {
          QObject::connect(c->controlChart(), &ui::ControlChartView::chartReady, window,
                           [window, file] { save(window, file); });
        } else if (auto* p = qobject_cast<ui::ParameterView*>(view); p && !p->chartLoaded()) {
          QObject::connect(p, &ui::ParameterView::chartReady, window, [window, file] { save(window, file); });
        } else if (auto* b = qobject_cast<ui::lean::KanbanBoardView*>(view); b && item.contains('#')) {
          // board:NAME#CARD: the card selected and its evidence panel open.
          QObject::connect(
              b, &ui::lean::KanbanBoardView::evidenceReady, window, [window, file] { save(window, file); },
              Qt::SingleShotConnection);
          b->selectCard(item.section('#', 1).toLongLong());
          b->showEvidencePage();
        } else if (auto* k = qobject_cast<ui::kalman::KalmanView*>(view); k && !k->analysis()) {
          QObject::connect(
              k, &ui::kalman::KalmanView::analysisReady, window, [window, file] { save(window, file); },
              Qt::SingleShotConnection);
        } else if (auto* w = qobject_cast<ui::wafer::WaferMapView*>(view); w && !w->loaded()) {
          QObject::connect(
              w, &ui::wafer::WaferMapView::mapReady, window, [window, file] { save(window, file); },
              Qt::SingleShotConnection);
        } else if (auto* v = qobject_cast<ui::OverviewView*>(view); v && !v->overview()) {
          QObject::connect(
              v, &ui::OverviewView::ready, window, [window, file] { save(window, file); }, Qt::SingleShotConnection);
        } else if (auto* o = qobject_cast<ui::overlay::OverlayView*>(view); o && !o->data()) {
          QObject::connect(
              o, &ui::overlay::OverlayView::fitted, window, [window, file] { save(window, file); },
              Qt::SingleShotConnection);
        } else if (auto* t = qobject_cast<ui::multivariate::MultivariateView*>(view)) {
          // multivariate:P1,P2,…: those parameters charted.
          QObject::connect(
              t, &ui::multivariate::MultivariateView::charted, window, [window, file] { save(window, file); },
              Qt::SingleShotConnection);
          t->chartParameters(item.section(':', 1).split(',', Qt::SkipEmptyParts));
        } else if (auto* m = qobject_cast<ui::ProductView*>(view); m && item.endsWith("#attributes")) {
          // product:NAME#attributes: the attribute charts tab (die yield p / np chart).
          auto* charts = m->attributeCharts();
          QObject::connect(
              charts, &ui::AttributeChartView::chartReady, window, [window, file] { save(window, file); },
              Qt::SingleShotConnection);
        } else if (auto* m = qobject_cast<ui::ProductView*>(view); m && !m->mapLoaded()) {
          QObject::connect(m, &ui::ProductView::mapReady, window, [window, file] { save(window, file); });
        } else {
          save(window, file);
        }
      },
      Qt::SingleShotConnection);
  QTimer::singleShot(kTimeoutMs, window, [] {
    std::fprintf(stderr, "fabkit: the screenshot timed out\n");
    QApplication::exit(1);
  });
}

void showWhenReady(ui::MainWindow* window, const QString& item) {
  QObject::connect(
      window->navigator(), &ui::WorkspaceNavigator::refreshed, window,
      [window, item] { window->views()->open(parseItem(item, window->navigator())); }, Qt::SingleShotConnection);
}

}  // namespace fab::gui

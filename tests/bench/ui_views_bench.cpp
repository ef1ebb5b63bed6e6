// Timings of the GUI on the demo workspace: opening each view (until its first
// paint, and until its background part is drawn), paging the data table, and
// drawing and hit-testing a one-million-point chart and a wafer map.
//   ui_views_bench [WORKSPACE]   (default: a fresh demo workspace in a temp folder)
#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QTabWidget>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>

#include "core/demo/demo_workspace.h"
#include "core/store/measurements.h"
#include "tests/support/qt_wait.h"
#include "ui/chart/chart_export.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/chart/wafer_map_painter.h"
#include "ui/main_window.h"
#include "ui/navigator/workspace_navigator.h"
#include "ui/table/data_table_view.h"
#include "ui/table/measurement_table_model.h"
#include "ui/views/parameter_view.h"
#include "ui/views/spc/control_chart_view.h"
#include "ui/views/spc/spc_parameter_view.h"
#include "ui/views/product_view.h"
#include "ui/views/view_factory.h"

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double timeMs(const std::function<void()>& f) {
  const auto t = Clock::now();
  f();
  return msSince(t);
}

void report(const char* what, std::vector<double> ms) {
  if (ms.empty()) {
    std::printf("%-58s (none in this workspace)\n", what);
    return;
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%-58s median %8.2f ms   max %8.2f ms   (n=%zu)\n", what, ms[ms.size() / 2], ms.back(), ms.size());
}

void benchViews(const QString& workspace) {
  using namespace fab::ui;
  MainWindow window;
  window.resize(1280, 800);
  window.show();
  window.openWorkspace(workspace, false, nullptr);
  fab::test::waitUntil([&] { return !window.navigator()->loading(); });
  fab::store::Database db(workspace.toStdString(), fab::store::Database::Mode::ReadOnly);
  std::vector<double> open, ready;
  std::vector<double> runOpen, runReady;
  for (const auto& p : fab::store::listParameters(db)) {
    const auto t = Clock::now();
    auto* view = qobject_cast<SpcParameterView*>(
        window.views()->open({NavigatorItem::Kind::Parameter, QString::fromStdString(p.name), 0}));
    window.tabs()->grab();  // first paint: controls and chart placeholder
    open.push_back(msSince(t));
    fab::test::waitUntil([&] { return view->controlChart()->loaded(); });
    window.tabs()->grab();
    ready.push_back(msSince(t));
    const auto r = Clock::now();
    view->showPage(2);  // the run chart and table page
    window.tabs()->grab();
    runOpen.push_back(msSince(r));
    fab::test::waitUntil([&] { return view->runChart()->chartLoaded(); });
    window.tabs()->grab();
    runReady.push_back(msSince(r));
    window.views()->closeAll();
  }
  report("parameter view: open + first paint (control chart page)", open);
  report("parameter view: control chart computed and painted", ready);
  report("parameter view: run chart page open + first paint", runOpen);
  report("parameter view: run chart read, built and painted", runReady);

  std::vector<double> productOpen, productReady;
  for (const auto& p : fab::store::listProducts(db)) {
    const auto t = Clock::now();
    auto* view = qobject_cast<ProductView*>(
        window.views()->open({NavigatorItem::Kind::Product, QString::fromStdString(p.name), 0}));
    window.tabs()->grab();
    productOpen.push_back(msSince(t));
    fab::test::waitUntil([&] { return view->mapLoaded(); });
    window.tabs()->grab();
    productReady.push_back(msSince(t));
    window.views()->closeAll();
  }
  report("product view: open + first paint", productOpen);
  report("product view: wafer map read and painted", productReady);

  std::vector<double> lotOpen, sortAll, scroll;
  const auto lots = fab::store::lotNames(db);
  for (std::size_t i = 0; i < std::min<std::size_t>(lots.size(), 10); ++i) {
    const auto t = Clock::now();
    window.views()->open({NavigatorItem::Kind::Lot, QString::fromStdString(lots[i]), 0});
    window.tabs()->grab();
    lotOpen.push_back(msSince(t));
    window.views()->closeAll();
  }
  report("lot table view: open + first paint", lotOpen);

  DataTableView all(workspace, {});
  all.resize(1000, 600);
  auto* model = all.model();
  for (int column : {6, 1, 8}) {  // value, lot, time over every row
    sortAll.push_back(timeMs([&] {
      model->sort(column, Qt::DescendingOrder);
      model->data(model->index(0, 0));
    }));
    scroll.push_back(timeMs([&] { model->data(model->index(model->rowCount() / 2, 0)); }));
  }
  std::printf("data table over every row: %d rows\n", model->rowCount());
  report("  sort by value/lot/time + first page", sortAll);
  report("  jump to the middle (one page, skip by offset)", scroll);
}

void benchChart() {
  using namespace fab::ui::chart;
  std::mt19937 rng(1);
  std::normal_distribution<double> noise(0, 1);
  auto line = std::make_shared<ChartModel>();
  Series s;
  s.points.reserve(1'000'000);
  for (int i = 0; i < 1'000'000; ++i)
    s.points.push_back({static_cast<double>(i), std::sin(i * 1e-4) + noise(rng), i, 0});
  s.points[123456].flags = kFlagViolation;
  line->series.push_back(s);
  line->limits.push_back(StepLine::constant("UCL", 0, 1e6, 3.5));
  SeriesChartPainter painter(line);
  QImage image(1280, 600, QImage::Format_ARGB32_Premultiplied);
  auto paint = [&] {
    QPainter p(&image);
    painter.paint(p, QRectF(0, 0, 1280, 600));
  };
  std::vector<double> full, zoomed, hits;
  for (int k = 0; k < 5; ++k) full.push_back(timeMs(paint));
  painter.setView(DataRange{400000, 410000, -4, 4});
  for (int k = 0; k < 5; ++k) zoomed.push_back(timeMs(paint));
  painter.setView(std::nullopt);
  std::uniform_real_distribution<double> px(100, 1200), py(60, 540);
  for (int k = 0; k < 1000; ++k)
    hits.push_back(timeMs([&] { painter.hitTest(QRectF(0, 0, 1280, 600), QPointF(px(rng), py(rng)), 8); }));
  report("1M-point line chart: paint, full view (1280x600)", full);
  report("1M-point line chart: paint, zoomed to 1 %", zoomed);
  report("1M-point line chart: hover hit test", hits);

  auto scatter = std::make_shared<ChartModel>(*line);
  scatter->series[0].drawLine = false;
  SeriesChartPainter scatterPainter(scatter);
  std::vector<double> sc;
  for (int k = 0; k < 5; ++k)
    sc.push_back(timeMs([&] {
      QPainter p(&image);
      scatterPainter.paint(p, QRectF(0, 0, 1280, 600));
    }));
  report("1M-point scatter: paint, full view", sc);

  auto map = std::make_shared<WaferMapModel>();
  map->dieWidthMm = map->dieHeightMm = 1;
  for (int i = -150; i < 150; ++i)
    for (int j = -150; j < 150; ++j)
      if (std::hypot(i + 0.5, j + 0.5) < 147)
        map->dies.push_back({i, j, (i * 7 + j * 13) % 11 == 0 ? 3 : 1, (i * 7 + j * 13) % 11 != 0, -1});
  map->centreDieX = map->centreDieY = -0.5;
  WaferMapPainter wafer(map);
  std::vector<double> wm;
  QImage square(800, 800, QImage::Format_ARGB32_Premultiplied);
  for (int k = 0; k < 5; ++k)
    wm.push_back(timeMs([&] {
      QPainter p(&square);
      wafer.paint(p, QRectF(0, 0, 800, 800));
    }));
  std::printf("wafer map: %zu dies of 1 mm\n", map->dies.size());
  report("  paint (800x800)", wm);
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QApplication::setOrganizationName("fabkit-bench");
  QTemporaryDir dir;
  QString workspace = argc > 1 ? QString(argv[1]) : dir.filePath("demo.fabdb");
  if (argc <= 1) {
    const double ms = timeMs([&] { fab::demo::buildDemoWorkspace(workspace.toStdString()); });
    std::printf("demo workspace built in %.0f ms\n", ms);
  }
  benchViews(workspace);
  benchChart();
  return 0;
}

// The wafer map view over the demo workspace: the shown model against the
// workspace's own die maps, the stack's fail frequencies against a direct
// count, k-means labels on every defect, hover text, and offscreen renders.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTreeWidget>

#include <map>
#include <set>

#include "core/demo/demo_workspace.h"
#include "core/store/dies.h"
#include "core/store/workspace.h"
#include "tests/support/temp_dir.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/wafer_map_painter.h"
#include "ui/views/wafer/clustering_panel.h"
#include "ui/views/wafer/wafer_map_view.h"

namespace fab::ui::wafer {
namespace {

const char* kLot = "N2601A";  // an AX100 lot with sort maps; wafers 3, 9, 15, 21 inspected

class WaferMapViewTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    path_ = dir_->path("demo.fabdb");
    demo::buildDemoWorkspace(path_);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static bool waitFor(const std::function<bool()>& done, int ms = 60000) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms) QApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
  }

  static std::vector<store::WaferDies> lotDies() {
    store::Database db(path_, store::Database::Mode::ReadOnly);
    store::DieFilter filter;
    filter.lots = {kLot};
    return store::loadDies(db, filter);
  }

  static const chart::WaferMapModel& modelOf(const WaferMapView& view) {
    const auto* painter = dynamic_cast<const chart::WaferMapPainter*>(view.mapWidget()->chart());
    EXPECT_NE(painter, nullptr);
    return painter->model();
  }

  static QString pngDir() {
    const QString dir = qEnvironmentVariableIsEmpty("FAB_WAFER_PNG_DIR") ? QDir::tempPath() + "/fab-waferview"
                                                                         : qEnvironmentVariable("FAB_WAFER_PNG_DIR");
    QDir().mkpath(dir);
    return dir;
  }

  static test::TempDir* dir_;
  static std::string path_;
};
test::TempDir* WaferMapViewTest::dir_ = nullptr;
std::string WaferMapViewTest::path_;

TEST_F(WaferMapViewTest, WaferModelHasTheSortMapsDiesAndPassCount) {
  WaferMapView view(QString::fromStdString(path_), kLot);
  ASSERT_TRUE(waitFor([&] { return view.loaded(); }));
  ASSERT_TRUE(view.showWafer(3));
  const auto& m = modelOf(view);
  const store::WaferDies* expected = nullptr;
  const auto dies = lotDies();
  for (const auto& w : dies)
    if (w.wafer == 3) expected = &w;
  ASSERT_NE(expected, nullptr);
  std::set<std::pair<int, int>> want, got;
  std::size_t wantPass = 0, gotPass = 0, tested = 0;
  for (const auto& d : expected->dies) {
    want.insert({d.x, d.y});
    wantPass += d.pass ? 1 : 0;
  }
  for (const auto& d : m.dies) {
    if (!d.tested) continue;
    ++tested;
    got.insert({d.x, d.y});  // the demo product counts rows up: chart rows are die rows
    gotPass += d.pass ? 1 : 0;
  }
  EXPECT_EQ(tested, expected->dies.size());
  EXPECT_EQ(got, want);
  EXPECT_EQ(gotPass, wantPass);
  EXPECT_GT(m.defects.size(), 0u);
  EXPECT_EQ(m.defects.size(), view.currentMap()->defects.size());
  // Every defect is drawn in the die its inspection record names, and inside that die's square.
  store::Database db(path_, store::Database::Mode::ReadOnly);
  store::DieFilter filter;
  filter.lots = {kLot};
  filter.wafer = 3;
  std::map<std::int64_t, std::pair<int, int>> recordDie;
  for (const auto& w : store::loadDefects(db, filter))
    for (const auto& f : w.defects) recordDie[f.defectId] = {*f.dieX, *f.dieY};
  ASSERT_EQ(recordDie.size(), m.defects.size());
  const chart::WaferMapPainter painter(std::make_shared<chart::WaferMapModel>(m));
  for (const auto& f : view.currentMap()->defects) {
    EXPECT_EQ(std::make_pair(f.die.x, f.die.y), recordDie.at(f.defectId)) << "defect " << f.defectId;
    const QPointF c = painter.dieCentre(f.die.x, f.die.y);
    EXPECT_LE(std::abs(f.view.x / 1000 - c.x()), m.dieWidthMm / 2 + 1e-9);
    EXPECT_LE(std::abs(f.view.y / 1000 - c.y()), m.dieHeightMm / 2 + 1e-9);
  }
}

TEST_F(WaferMapViewTest, StackFailFrequencyEqualsADirectCount) {
  WaferMapView view(QString::fromStdString(path_), kLot);
  ASSERT_TRUE(waitFor([&] { return view.loaded(); }));
  view.setStacked(true);
  ASSERT_NE(view.stack(), nullptr);
  const auto& m = modelOf(view);
  ASSERT_EQ(m.colouring, chart::WaferMapModel::Colouring::Heat);
  std::map<std::pair<int, int>, std::pair<int, int>> count;  // (failed, tested)
  const auto dies = lotDies();
  for (const auto& w : dies)
    for (const auto& d : w.dies) {
      auto& c = count[{d.x, d.y}];
      c.first += d.pass ? 0 : 1;
      ++c.second;
    }
  EXPECT_EQ(view.stack()->wafers, static_cast<int>(dies.size()));
  std::size_t seen = 0;
  for (const auto& d : m.dies) {
    if (!d.tested) continue;
    const auto& c = count.at({d.x, d.y});
    EXPECT_NEAR(d.value, double(c.first) / c.second, 1e-12) << d.x << "," << d.y;
    ++seen;
  }
  EXPECT_EQ(seen, count.size());
}

TEST_F(WaferMapViewTest, KMeansLabelsEveryDefect) {
  WaferMapView view(QString::fromStdString(path_), kLot);
  ASSERT_TRUE(waitFor([&] { return view.loaded(); }));
  ASSERT_TRUE(view.showWafer(9));
  view.clustering()->setMethod(defect::ClusterMethod::KMeans);
  view.clustering()->setK(3);
  ASSERT_TRUE(view.clustering()->run());
  ASSERT_TRUE(waitFor([&] { return !view.clustering()->busy(); }));
  ASSERT_NE(view.clustering()->outcome(), nullptr);
  const auto& m = modelOf(view);
  ASSERT_EQ(m.defects.size(), view.currentMap()->defects.size());
  for (const auto& d : m.defects) {
    EXPECT_GE(d.defectClass, 0);
    EXPECT_LT(d.defectClass, 3);
    EXPECT_TRUE(m.classNames.count(d.defectClass));
  }
  EXPECT_EQ(view.clustering()->table()->topLevelItemCount(), 4) << "the wafer and three clusters";
}

TEST_F(WaferMapViewTest, HoverOnADieNamesItsIndexAndBin) {
  WaferMapView view(QString::fromStdString(path_), kLot);
  ASSERT_TRUE(waitFor([&] { return view.loaded(); }));
  ASSERT_TRUE(view.showWafer(3));
  const auto* painter = dynamic_cast<const chart::WaferMapPainter*>(view.mapWidget()->chart());
  ASSERT_NE(painter, nullptr);
  const QRectF rect(0, 0, 900, 700);
  const auto t = painter->transform(rect);
  int checked = 0;
  for (const auto& d : painter->model().dies) {
    if (!d.tested) continue;  // partial dies at the edge carry no sort result
    const QPointF c = painter->dieCentre(d.x, d.y);
    const auto hit = painter->hitTest(rect, t.toPixel(c.x(), c.y()), 0);
    ASSERT_TRUE(hit);
    if (hit->kind != chart::WaferMapPainter::kHitDie) continue;
    const QString text = view.hoverText(*hit);
    EXPECT_TRUE(text.contains(QString("die (%1, %2)").arg(d.x).arg(d.y))) << text.toStdString();
    EXPECT_TRUE(text.contains(QString("bin %1").arg(d.bin))) << text.toStdString();
    ++checked;
  }
  EXPECT_GT(checked, 500);
}

TEST_F(WaferMapViewTest, RendersAWaferWithClustersAndAStackedLot) {
  WaferMapView view(QString::fromStdString(path_), kLot);
  view.resize(1500, 820);
  view.show();
  ASSERT_TRUE(waitFor([&] { return view.loaded(); }));
  ASSERT_TRUE(view.showWafer(15));
  view.clustering()->setMethod(defect::ClusterMethod::Kde);
  ASSERT_TRUE(view.clustering()->run());
  ASSERT_TRUE(waitFor([&] { return !view.clustering()->busy(); }));
  QApplication::processEvents();
  EXPECT_TRUE(view.grab().save(pngDir() + "/wafer_kde.png"));
  view.killerWidget()->resize(760, 480);
  EXPECT_TRUE(view.killerWidget()->grab().save(pngDir() + "/killer.png"));
  view.showWafer(3);
  QApplication::processEvents();
  EXPECT_TRUE(view.grab().save(pngDir() + "/wafer_defects.png"));
  view.setStacked(true);
  QApplication::processEvents();
  EXPECT_TRUE(view.grab().save(pngDir() + "/wafer_stack.png"));
}

}  // namespace
}  // namespace fab::ui::wafer

// The wafer map view on a product drawn with its notch on the left, a sort map
// in the product's numbering and a KLARF (also notch left) whose
// SampleTestPlan covers only the dies of columns x >= 0: the clustering panel
// gets wafer-frame positions (notch down), the KDE overlay is painted in the
// view, and the killer panel counts only the inspected dies.
//
// Worked by hand: notch left is a quarter turn clockwise from the wafer frame,
// so a view point (vx, vy) is the wafer-frame point (−vy, vx). The KLARF has
// pitch 10000 × 8000, DieOrigin 0 0, SampleCenterLocation (55000, 44000):
// KLARF die (i + 5, j + 5)'s cell spans view x in [10000 i − 5000, …), y in
// [8000 j − 4000, …), the product die (i, j) whose cell is centred at view
// (10000 i, 8000 j); XREL, YREL are measured from that corner.
#include <gtest/gtest.h>

#include <QApplication>
#include <QElapsedTimer>

#include <cmath>
#include <set>
#include <sstream>

#include "core/io/importer.h"
#include "core/io/klarf_import.h"
#include "core/store/workspace.h"
#include "core/wafer/die_grid.h"
#include "tests/support/temp_dir.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/wafer_map_painter.h"
#include "ui/views/wafer/clustering_panel.h"
#include "ui/views/wafer/killer_chart.h"
#include "ui/views/wafer/wafer_map_view.h"

namespace fab::ui::wafer {
namespace {

using fab::wafer::DieIndex;

bool waitFor(const std::function<bool()>& done, int ms = 60000) {
  QElapsedTimer t;
  t.start();
  while (!done() && t.elapsed() < ms) QApplication::processEvents(QEventLoop::AllEvents, 20);
  return done();
}

struct ViewDefect {
  DieIndex die;
  double xRel, yRel;
  double vx() const { return 10000.0 * die.x - 5000 + xRel; }
  double vy() const { return 8000.0 * die.y - 4000 + yRel; }
};

fab::wafer::WaferLayout layout() {
  fab::wafer::WaferLayout l;
  l.diameterMm = 100;
  l.edgeExclusionMm = 3;
  l.dieWidthUm = 10000;
  l.dieHeightUm = 8000;
  l.notch = fab::wafer::Notch::Left;
  return l;
}

class InspectedWaferViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& d : fab::wafer::buildDieGrid(layout()).dies)
      if (d.state == fab::wafer::DieState::Complete) tested_.push_back(d.index);
    // A cluster of 12 defects in die (2, 1), two stray defects on clean dies, one on an uninspected die.
    for (int k = 0; k < 12; ++k) defects_.push_back({{2, 1}, 3000.0 + 300 * (k % 4), 2500.0 + 400 * (k / 4)});
    defects_.push_back({{0, -2}, 5000, 4000});
    defects_.push_back({{1, 2}, 2000, 6000});
    defects_.push_back({{-2, 0}, 5000, 4000});  // outside the plan
    for (const auto& d : tested_)
      if (d.x >= 0) plan_.insert(d);
    failing_ = {{2, 1}, {1, 2}, {3, -1}, {-1, 1}};  // two with defects, two without

    auto ws = store::Workspace::openOrCreate(dir_.path("w.fabdb"));
    io::ImportOptions products;
    products.kind = io::ImportKind::Products;
    io::importFile(ws,
                   dir_.write("products.csv",
                              "product,die_width,die_height,wafer_diameter,edge_exclusion,notch,origin_x,origin_y\n"
                              "PROD-L,10000,8000,100,3,left,0,0\n"),
                   products);
    std::ostringstream dies;
    dies << "lot,wafer,product,die_x,die_y,bin\n";
    for (const auto& d : tested_)
      dies << "LOT-L,1,PROD-L," << d.x << "," << d.y << "," << (failing_.count(d) ? 5 : 1) << "\n";
    io::ImportOptions sortMap;
    sortMap.kind = io::ImportKind::Dies;
    ASSERT_EQ(io::importFile(ws, dir_.write("sort.csv", dies.str()), sortMap).status, "ok");
    std::ostringstream k;
    k << "FileVersion 1 2;\nLotID \"LOT-L\";\nDeviceID \"PROD-L\";\nStepID \"M2\";\nSampleOrientationMarkType NOTCH;\n"
         "OrientationMarkLocation LEFT;\nDiePitch 10000 8000;\nDieOrigin 0 0;\nWaferID \"LOT-L-01\";\nSlot 1;\n"
         "SampleCenterLocation 55000 44000;\nInspectionTest 1;\nSampleTestPlan "
      << plan_.size();
    for (const auto& d : plan_) k << "\n " << d.x + 5 << " " << d.y + 5;
    k << ";\nDefectRecordSpec 7 DEFECTID XREL YREL XINDEX YINDEX DSIZE CLASSNUMBER;\nDefectList";
    int id = 0;
    for (const auto& f : defects_)
      k << "\n " << ++id << " " << f.xRel << " " << f.yRel << " " << f.die.x + 5 << " " << f.die.y + 5 << " 1.5 1";
    k << ";\nEndOfFile;\n";
    ASSERT_EQ(io::importKlarf(ws, dir_.write("f.klarf", k.str())).status, "ok");
  }

  test::TempDir dir_;
  std::vector<DieIndex> tested_;
  std::vector<ViewDefect> defects_;
  std::set<DieIndex> plan_, failing_;
};

TEST_F(InspectedWaferViewTest, ClustersOnWaferFramePositionsAndPaintsInTheView) {
  WaferMapView view(QString::fromStdString(dir_.path("w.fabdb")), "LOT-L");
  ASSERT_TRUE(waitFor([&] { return view.loaded(); }));
  ASSERT_TRUE(view.showWafer(1));
  ASSERT_NE(view.currentMap(), nullptr);
  const auto& points = view.clustering()->points();
  ASSERT_EQ(points.size(), defects_.size());
  for (std::size_t i = 0; i < defects_.size(); ++i) {
    EXPECT_NEAR(points[i].x, -defects_[i].vy(), 1e-6) << i;  // the wafer frame: (−vy, vx)
    EXPECT_NEAR(points[i].y, defects_[i].vx(), 1e-6) << i;
    EXPECT_NEAR(view.currentMap()->defects[i].view.x, defects_[i].vx(), 1e-6) << i;
    EXPECT_NEAR(view.currentMap()->defects[i].view.y, defects_[i].vy(), 1e-6) << i;
  }
  // KDE: the density overlay peaks (in the view, as drawn) at the cluster in die (2, 1), view (20000, 8000) µm.
  view.clustering()->setMethod(defect::ClusterMethod::Kde);
  ASSERT_TRUE(view.clustering()->run());
  ASSERT_TRUE(waitFor([&] { return !view.clustering()->busy() && view.clustering()->outcome(); }));
  const auto* painter = dynamic_cast<const chart::WaferMapPainter*>(view.mapWidget()->chart());
  ASSERT_NE(painter, nullptr);
  ASSERT_TRUE(painter->model().density);
  const auto& d = *painter->model().density;
  std::size_t best = 0;
  for (std::size_t n = 0; n < d.values.size(); ++n)
    if (d.values[n] > d.values[best]) best = n;
  const double peakX = d.x0Mm + static_cast<double>(best % static_cast<std::size_t>(d.nx)) * d.dxMm;
  const double peakY = d.y0Mm + static_cast<double>(best / static_cast<std::size_t>(d.nx)) * d.dyMm;
  EXPECT_NEAR(peakX, 20 - 5 + 3.45, 3.0);  // the cluster's view centre, mm
  EXPECT_NEAR(peakY, 8 - 4 + 2.9, 3.0);
}

TEST_F(InspectedWaferViewTest, KillerPanelCountsOnlyTheSampleTestPlansDies) {
  WaferMapView view(QString::fromStdString(dir_.path("w.fabdb")), "LOT-L");
  ASSERT_TRUE(waitFor([&] { return view.loaded(); }));
  ASSERT_EQ(view.maps().size(), 1u);
  const auto& map = view.maps()[0];
  EXPECT_FALSE(map.inspected.wholeWafer());
  for (const auto& d : map.dies)
    if (d.pass) EXPECT_EQ(d.inspected, plan_.count(d.index) > 0) << d.index.x << "," << d.index.y;

  std::set<DieIndex> defective;
  for (const auto& f : defects_) defective.insert(f.die);
  std::size_t nd = 0, pd = 0, nc = 0, pc = 0, inspected = 0;
  for (const auto& d : tested_) {
    if (!plan_.count(d)) continue;
    ++inspected;
    const bool pass = !failing_.count(d);
    (defective.count(d) ? nd : nc) += 1;
    (defective.count(d) ? pd : pc) += pass;
  }
  ASSERT_NE(view.killer(), nullptr);
  const auto& a = *view.killer();
  EXPECT_EQ(a.testedDies, tested_.size());
  EXPECT_EQ(a.inspectedDies, inspected);
  EXPECT_EQ(a.planWafers, 1u);
  ASSERT_TRUE(a.killRatios);
  EXPECT_EQ(a.killRatios->overall.defectiveDies, nd);
  EXPECT_EQ(a.killRatios->overall.defectivePass, pd);
  EXPECT_EQ(a.killRatios->overall.cleanDies, nc);
  EXPECT_EQ(a.killRatios->overall.cleanPass, pc);
  EXPECT_EQ(a.killRatios->defectsUninspected, 1u);
  EXPECT_EQ(a.sizeUm.size(), nd);  // one observation per defective inspected die
  const QString text = killerSummary(a);
  EXPECT_TRUE(text.contains(QString("%1 of %2 tested").arg(inspected).arg(tested_.size()))) << text.toStdString();
  if (!qEnvironmentVariableIsEmpty("FAB_WAFER_PNG_DIR")) {  // for looking at it: the map and the killer panel
    view.resize(1400, 720);
    view.showWafer(1);
    view.grab().save(qEnvironmentVariable("FAB_WAFER_PNG_DIR") + "/inspected_view.png");
    QWidget* killerPage = view.killerWidget()->parentWidget();
    killerPage->resize(520, 620);
    killerPage->grab().save(qEnvironmentVariable("FAB_WAFER_PNG_DIR") + "/inspected_killer.png");
  }
  // Hover on an uninspected die says so.
  for (std::size_t row = 0; row < map.dies.size(); ++row)
    if (map.dies[row].index == DieIndex{-2, 0}) EXPECT_TRUE(dieHoverText(map, row).contains("not inspected"));
}

// The KDE grid is computed in the wafer frame; the overlay must hold, at each
// view point, the wafer frame's value at the same physical point.
TEST(DensityOverlay, TurnsTheWaferFrameGridIntoTheView) {
  defect::KdeGrid grid;
  grid.nx = 4;
  grid.ny = 3;
  grid.x0 = -3000;
  grid.y0 = -1000;
  grid.dx = 2000;
  grid.dy = 1000;
  for (int n = 0; n < grid.nx * grid.ny; ++n) grid.density.push_back(n + 1);
  for (auto notch :
       {fab::wafer::Notch::Down, fab::wafer::Notch::Right, fab::wafer::Notch::Up, fab::wafer::Notch::Left}) {
    const auto d = toDensity(grid, notch);
    ASSERT_EQ(d.values.size(), grid.density.size());
    ASSERT_EQ(d.nx * d.ny, grid.nx * grid.ny);
    for (int j = 0; j < grid.ny; ++j)
      for (int i = 0; i < grid.nx; ++i) {
        const auto node = grid.node(i, j);
        const auto v = fab::wafer::toView(notch, {node.x, node.y});
        const long vi = std::lround((v.x / 1000 - d.x0Mm) / d.dxMm), vj = std::lround((v.y / 1000 - d.y0Mm) / d.dyMm);
        ASSERT_TRUE(vi >= 0 && vj >= 0 && vi < d.nx && vj < d.ny) << static_cast<int>(notch);
        EXPECT_EQ(d.values[static_cast<std::size_t>(vj * d.nx + vi)],
                  grid.density[static_cast<std::size_t>(j * grid.nx + i)])
            << "notch " << static_cast<int>(notch) << " node " << i << "," << j;
      }
  }
}

}  // namespace
}  // namespace fab::ui::wafer

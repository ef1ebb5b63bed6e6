// Attribute charts of a product's wafers from a small planted workspace: the p
// chart's centre and per-wafer limits against p̄ ± 3√(p̄(1 − p̄)/nᵢ) computed
// here from the planted die counts, np when every wafer has the same number of
// tested dies, overdispersion named, and the view on the product.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "core/io/importer.h"
#include "core/spc/limits.h"
#include "core/store/workspace.h"
#include "tests/support/qt_wait.h"
#include "tests/support/temp_dir.h"
#include "tests/ui/spc/demo_fixture.h"
#include "ui/chart/chart_widget.h"
#include "ui/views/product_view.h"
#include "ui/views/spc/attribute_chart_data.h"
#include "ui/views/spc/attribute_chart_view.h"

namespace fab::ui {
namespace {

// Lot A: tested dies vary, failures binomial-like. Lot B: 100 dies on every
// wafer, failures far more variable than binomial sampling (overdispersed).
constexpr int kDiesA[] = {100, 80, 120, 90, 110, 100}, kFailsA[] = {5, 4, 7, 3, 6, 5};
constexpr int kFailsB[] = {2, 30, 1, 25, 3, 28, 4, 26};

std::string plantedWorkspace(const test::TempDir& dir) {
  const auto path = dir.path("attr.fabdb");
  const auto products = dir.write("products.csv",
                                  "product,die_width_um,die_height_um,wafer_diameter_mm,edge_exclusion_mm,"
                                  "scribe_um,notch,origin_die_x,origin_die_y,y_up,pass_bins\n"
                                  "PP,5000,5000,200,3,100,down,0,0,1,1\n");
  std::ostringstream dies;
  dies << "lot,wafer,die_x,die_y,bin,pass,product\n";
  auto wafer = [&](const char* lot, int w, int n, int failed) {
    for (int i = 0; i < n; ++i)
      dies << lot << ',' << w << ',' << i % 20 << ',' << i / 20 << ',' << (i < failed ? 3 : 1) << ','
           << (i < failed ? 0 : 1) << ",PP\n";
  };
  for (int w = 0; w < 6; ++w) wafer("A", w + 1, kDiesA[w], kFailsA[w]);
  for (int w = 0; w < 8; ++w) wafer("B", w + 1, 100, kFailsB[w]);
  const auto diesCsv = dir.write("dies.csv", dies.str());
  auto ws = store::Workspace::openOrCreate(path);
  for (const auto& [file, kind] : {std::pair{products, io::ImportKind::Products}, {diesCsv, io::ImportKind::Dies}}) {
    io::ImportOptions o;
    o.kind = kind;
    const auto report = io::importFile(ws, file, o);
    EXPECT_EQ(report.status, "ok") << report.message;
  }
  return path;
}

TEST(AttributeChartData, PChartLimitsPerWaferFromTheDieTable) {
  test::TempDir dir;
  const auto path = plantedWorkspace(dir);
  store::Database db(path, store::Database::Mode::ReadOnly);
  AttributeChartRequest r;
  r.product = "PP";
  r.lots = {"A"};
  const auto a = computeAttributeControlChart(db, r);
  ASSERT_EQ(a.chart.request.type, spc::ChartType::P);  // tested dies vary: p, not np
  double failed = 0, tested = 0;
  for (int w = 0; w < 6; ++w) failed += kFailsA[w], tested += kDiesA[w];
  const double pbar = failed / tested;  // 30 / 600
  const auto& panel = a.chart.result.panels.at(0);
  ASSERT_EQ(panel.value.size(), 6u);
  for (std::size_t w = 0; w < 6; ++w) {
    const double n = kDiesA[w];
    EXPECT_NEAR(panel.value[w], kFailsA[w] / n, 1e-12) << w;
    const auto* seg = spc::segmentAt(panel.limits, w);
    ASSERT_NE(seg, nullptr) << w;
    const double sd = std::sqrt(pbar * (1 - pbar) / n);
    EXPECT_NEAR(seg->center, pbar, 1e-12);
    EXPECT_NEAR(seg->ucl, pbar + 3 * sd, 1e-12) << w;
    EXPECT_NEAR(seg->lcl, std::max(0.0, pbar - 3 * sd), 1e-12) << w;
  }
  EXPECT_EQ(a.chart.keys[2], "A/3");
  EXPECT_FALSE(a.overdispersed);
  EXPECT_NE(a.note.find("tested dies per wafer vary"), std::string::npos) << a.note;
  // The chart-layer model draws the same per-wafer UCL as steps.
  ASSERT_EQ(a.chart.panels.size(), 1u);
  EXPECT_NEAR(a.chart.panels[0]->limits[0].steps[1].y, pbar + 3 * std::sqrt(pbar * (1 - pbar) / 80), 1e-12);
}

TEST(AttributeChartData, OverdispersedWafersGetLaneyByDefaultAndNpWhenAsked) {
  test::TempDir dir;
  const auto path = plantedWorkspace(dir);
  store::Database db(path, store::Database::Mode::ReadOnly);
  AttributeChartRequest r;
  r.product = "PP";
  r.lots = {"B"};
  // Unasked, the overdispersed wafers get Laney p′, and the note says why.
  const auto chosen = computeAttributeControlChart(db, r);
  EXPECT_EQ(chosen.chart.request.type, spc::ChartType::LaneyP);
  EXPECT_TRUE(chosen.chosenForOverdispersion);
  EXPECT_NE(chosen.note.find("Laney p′ chosen by default"), std::string::npos) << chosen.note;
  // Asked for np (every wafer has 100 tested dies).
  r.type = spc::ChartType::Np;
  const auto b = computeAttributeControlChart(db, r);
  ASSERT_EQ(b.chart.request.type, spc::ChartType::Np);
  EXPECT_FALSE(b.chosenForOverdispersion);
  double failed = 0;
  for (int f : kFailsB) failed += f;
  const double pbar = failed / 800.0;
  const auto& seg = b.chart.result.panels[0].limits.at(0);
  EXPECT_NEAR(seg.center, 100 * pbar, 1e-9);
  EXPECT_NEAR(seg.ucl, 100 * pbar + 3 * std::sqrt(100 * pbar * (1 - pbar)), 1e-9);
  EXPECT_TRUE(b.overdispersed);
  EXPECT_GT(b.sigmaZ, kOverdispersionSigmaZ);
  EXPECT_NE(b.note.find("overdispersed"), std::string::npos) << b.note;
  EXPECT_NE(b.note.find("Laney p′ is offered"), std::string::npos) << b.note;
  // Laney p′ widens the limits by σz.
  r.type = spc::ChartType::LaneyP;
  const auto laney = computeAttributeControlChart(db, r);
  const auto& wide = laney.chart.result.panels[0].limits.at(0);
  EXPECT_NEAR(wide.ucl - wide.center, b.sigmaZ * 3 * std::sqrt(pbar * (1 - pbar) / 100), 1e-9);
}

TEST(AttributeChartData, DefectsWithoutInspectionsAreAClearError) {
  test::TempDir dir;
  const auto path = plantedWorkspace(dir);
  store::Database db(path, store::Database::Mode::ReadOnly);
  AttributeChartRequest r;
  r.product = "PP";
  r.source = AttributeSource::Defects;
  EXPECT_THROW(computeAttributeControlChart(db, r), Error);
}

TEST(AttributeChartView, DemoProductDieYieldAndDefectDensity) {
  test::TempDir dir;
  const QString path = QString::fromStdString(test::demoWorkspaceCopy(dir));
  ProductView product(path, "AX100");
  product.resize(1400, 800);
  AttributeChartView* view = product.attributeCharts();
  ASSERT_TRUE(test::waitUntil([&] { return view->loaded(); }, 60000));
  ASSERT_NE(view->data(), nullptr) << view->errorText().toStdString();
  EXPECT_EQ(view->data()->chart.result.points(), view->data()->counts.size());
  EXPECT_GT(view->data()->counts.size(), 100u);  // 28 sorted lots × 25 wafers in the demo
  test::saveShot(product.grab().toImage(), "attribute_p_AX100.png");
  view->setChoice(4);  // u: defects per cm²
  ASSERT_TRUE(test::waitUntil([&] { return view->loaded(); }, 60000));
  ASSERT_NE(view->data(), nullptr) << view->errorText().toStdString();
  EXPECT_EQ(view->data()->chart.request.type, spc::ChartType::U);
  EXPECT_GT(view->data()->counts.size(), 10u);
  test::saveShot(product.grab().toImage(), "attribute_u_AX100.png");
  view->setChoice(1);  // p of one lot: its 25 wafers
  view->setLot("N2601A");
  ASSERT_TRUE(
      test::waitUntil([&] { return view->loaded() && view->data() && view->data()->counts.size() == 25; }, 60000));
  EXPECT_EQ(view->data()->chart.request.type, spc::ChartType::P);
  EXPECT_EQ(view->data()->chart.keys.front(), "N2601A/1");
}

}  // namespace
}  // namespace fab::ui

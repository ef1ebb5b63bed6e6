// The control chart and capability views on the demo workspace: computed off
// the GUI thread, approving limits stores a version a reopened view uses,
// acknowledging a violation removes it from the exception list, export.
#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QTabWidget>
#include <QTableWidget>

#include <cmath>

#include "core/store/measurements.h"
#include "core/store/spc_limits.h"
#include "core/store/spc_notes.h"
#include "tests/support/qt_wait.h"
#include "tests/ui/spc/demo_fixture.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/histogram_painter.h"
#include "ui/views/spc/capability_view.h"
#include "ui/views/spc/control_chart_view.h"
#include "ui/views/spc/spc_parameter_view.h"

namespace fab::ui {
namespace {

bool ready(ControlChartView& v) {
  return test::waitUntil([&] { return v.loaded(); }, 60000);
}
bool ready(CapabilityView& v) {
  return test::waitUntil([&] { return v.loaded(); }, 60000);
}

TEST(ControlChartView, ApprovedLimitsAreStoredAndUsedWhenReopened) {
  test::TempDir dir;
  const QString path = QString::fromStdString(test::demoWorkspaceCopy(dir));
  ControlChartView view(path, "OX_THK");
  ControlChartRequest r = view.request();
  r.parameter = "OX_THK";
  r.subgroup = "wafer";
  r.type = spc::ChartType::XbarR;
  r.baselineFirst = 1;
  r.baselineLast = 100;
  view.setRequest(r);
  ASSERT_TRUE(ready(view));
  ASSERT_NE(view.data(), nullptr) << view.errorText().toStdString();
  EXPECT_FALSE(view.data()->approved);
  const double center = view.data()->result.phases.back().estimate.center;
  EXPECT_EQ(view.approveLimits("ana", "qualification wafers"), 1);
  ASSERT_TRUE(ready(view));
  ASSERT_TRUE(view.data()->approved);
  store::Database db(path.toStdString(), store::Database::Mode::ReadOnly);
  const auto history = store::limitHistory(db, "OX_THK", "xbar-r", view.data()->product);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].approvedBy, "ana");
  EXPECT_EQ(history[0].reason, "qualification wafers");
  EXPECT_DOUBLE_EQ(history[0].center, center);

  // A reopened view without a baseline uses the approved centre, not a fresh estimate.
  ControlChartView reopened(path, "OX_THK");
  r.baselineFirst.reset();
  r.baselineLast.reset();
  reopened.setRequest(r);
  ASSERT_TRUE(ready(reopened));
  ASSERT_NE(reopened.data(), nullptr);
  ASSERT_TRUE(reopened.data()->approved);
  EXPECT_EQ(reopened.data()->approved->version, 1);
  EXPECT_DOUBLE_EQ(reopened.data()->result.phases[0].estimate.center, center);
  EXPECT_TRUE(reopened.data()->panels[0]->title.contains("approved limits v1"));
}

// A new view lets the data choose: nine sites per wafer give the three-way
// chart of wafer means under the demo's approved limits, said in the status.
// Three-way limits approved from the view keep both σ's and drive the chart.
TEST(ControlChartView, OpensAsThreeWayAndApprovesThreeWayLimits) {
  test::TempDir dir;
  const QString path = QString::fromStdString(test::demoWorkspaceCopy(dir));
  ControlChartView view(path, "GATE_CD");
  ASSERT_TRUE(ready(view));
  ASSERT_NE(view.data(), nullptr) << view.errorText().toStdString();
  EXPECT_EQ(view.request().type, spc::ChartType::ThreeWay);  // the controls follow the choice
  EXPECT_EQ(view.request().subgroup, "wafer");
  EXPECT_TRUE(view.statusText().startsWith(
      "9 sites per wafer: three-way chart of wafer means (between) and within-wafer ranges"))
      << view.statusText().toStdString();
  ASSERT_TRUE(view.data()->approved);
  EXPECT_EQ(view.data()->approved->approvedBy, "demo");
  EXPECT_TRUE(view.thirdChart()->isVisibleTo(&view));  // the within-wafer range panel

  ControlChartRequest r = view.request();
  r.useApproved = false;
  r.baselineFirst = 1;
  r.baselineLast = 300;
  view.setRequest(r);
  ASSERT_TRUE(ready(view));
  ASSERT_NE(view.data(), nullptr);
  EXPECT_EQ(view.data()->request.type, spc::ChartType::ThreeWay);  // an explicit request is kept
  const auto estimate = view.data()->result.phases.back().estimate;
  ASSERT_GT(estimate.sigmaOfMeans, 0.0);
  view.approveLimits("ana", "first twelve lots");
  ASSERT_TRUE(ready(view));
  store::Database db(path.toStdString(), store::Database::Mode::ReadOnly);
  const auto stored = store::limitsInForce(db, "GATE_CD", "three-way", view.data()->product);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->approvedBy, "ana");
  EXPECT_EQ(stored->subgroupKey, "wafer");
  EXPECT_DOUBLE_EQ(stored->center, estimate.center);
  EXPECT_DOUBLE_EQ(stored->sigmaOfMeans, estimate.sigmaOfMeans);
  EXPECT_DOUBLE_EQ(stored->sigma, estimate.sigma);

  ControlChartView reopened(path, "GATE_CD");
  ASSERT_TRUE(ready(reopened));
  ASSERT_NE(reopened.data(), nullptr);
  ASSERT_TRUE(reopened.data()->approved);
  EXPECT_EQ(reopened.data()->approved->approvedBy, "ana");
  const auto& limits = reopened.data()->result.panels[0].limits.at(0);
  EXPECT_NEAR(limits.ucl, estimate.center + 3 * estimate.sigmaOfMeans, 1e-9);
  EXPECT_NEAR(limits.lcl, estimate.center - 3 * estimate.sigmaOfMeans, 1e-9);
}

TEST(ControlChartView, AcknowledgingRemovesTheViolationFromTheExceptionList) {
  test::TempDir dir;
  const QString path = QString::fromStdString(test::demoWorkspaceCopy(dir));
  ControlChartView view(path, "GATE_CD");
  ASSERT_TRUE(ready(view));
  ASSERT_NE(view.data(), nullptr) << view.errorText().toStdString();
  const auto open = view.data()->open;
  ASSERT_FALSE(open.empty());
  EXPECT_EQ(view.exceptionTable()->rowCount(), static_cast<int>(open.size()));
  view.acknowledge(0, "chamber wet clean", "seasoning wafers", "ana");
  ASSERT_TRUE(ready(view));
  EXPECT_EQ(view.data()->open.size() + 1, open.size());
  store::Database db(path.toStdString(), store::Database::Mode::ReadOnly);
  const auto notes = store::pointNotes(db, "GATE_CD");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].pointKey, open[0].pointKey);
  EXPECT_EQ(notes[0].rule, open[0].violation.rule);
  EXPECT_EQ(notes[0].cause, "chamber wet clean");
}

TEST(ControlChartView, ExportsPngAndSvgOfBothPanels) {
  test::TempDir dir;
  const QString path = QString::fromStdString(test::demoWorkspaceCopy(dir));
  ControlChartView view(path, "GATE_CD");
  view.resize(1400, 900);
  ASSERT_TRUE(ready(view));
  ControlChartRequest r = view.request();
  r.groupBy = spc::GroupBy::Chamber;
  r.showSpec = true;
  view.setRequest(r);
  ASSERT_TRUE(ready(view));
  const QString png = QString::fromStdString(dir.path("cd.png")), svg = QString::fromStdString(dir.path("cd.svg"));
  EXPECT_EQ(view.exportCharts(png), QString());
  EXPECT_EQ(view.exportCharts(svg), QString());
  for (const QString& f : {png, QString::fromStdString(dir.path("cd-2.png"))}) {
    QImage image(f);
    EXPECT_FALSE(image.isNull()) << f.toStdString();
  }
  for (const QString& f : {svg, QString::fromStdString(dir.path("cd-2.svg"))}) {
    QFile file(f);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << f.toStdString();
    EXPECT_TRUE(file.readAll().contains("<svg"));
  }
  test::saveShot(view.grab().toImage(), "control_chart_GATE_CD.png");
  r.parameter = "OX_THK";
  r.groupBy = spc::GroupBy::Tool;
  r.step = "OXIDATION";
  r.subgroup = "wafer";
  r.type = spc::ChartType::XbarR;
  view.setRequest(r);
  ASSERT_TRUE(ready(view));
  test::saveShot(view.grab().toImage(), "control_chart_OX_THK.png");
}

TEST(CapabilityView, IndicesHistogramAndExport) {
  test::TempDir dir;
  const QString path = QString::fromStdString(test::demoWorkspaceCopy(dir));
  CapabilityView view(path, "OX_THK");
  view.resize(1300, 700);
  ASSERT_TRUE(ready(view));
  ASSERT_NE(view.data(), nullptr) << view.errorText().toStdString();
  const auto& d = *view.data();
  store::Database db(path.toStdString(), store::Database::Mode::ReadOnly);
  const auto rows = store::loadMeasurements(db, "OX_THK");
  double sum = 0;
  std::size_t n = 0;
  for (double v : rows.value)
    if (std::isfinite(v)) sum += v, ++n;
  EXPECT_EQ(d.capability.n, n);
  EXPECT_NEAR(d.capability.mean, sum / static_cast<double>(n), 1e-9);
  double counted = 0;
  for (double c : d.histogram->counts) counted += c;
  EXPECT_EQ(counted, static_cast<double>(n));
  ASSERT_EQ(d.histogram->lines.size(), 3u);  // LSL, target, USL
  EXPECT_EQ(d.histogram->lines[0].x, 95.0);
  EXPECT_EQ(d.histogram->lines[2].x, 105.0);
  EXPECT_EQ(d.histogram->curves.size(), 2u);
  EXPECT_TRUE(d.capability.cpk.available);
  EXPECT_LT(d.capability.cpk.lower, d.capability.cpk.value);
  EXPECT_GT(d.capability.cpk.upper, d.capability.cpk.value);
  EXPECT_GE(view.indexTable()->rowCount(), 9);
  ASSERT_TRUE(d.normality.has_value());
  const QString png = QString::fromStdString(dir.path("cap.png")), svg = QString::fromStdString(dir.path("cap.svg"));
  EXPECT_EQ(view.exportChart(png), QString());
  EXPECT_EQ(view.exportChart(svg), QString());
  EXPECT_FALSE(QImage(png).isNull());
  test::saveShot(view.grab().toImage(), "capability_OX_THK.png");

  CapabilityRequest r = view.request();
  r.boxCox = true;
  view.setRequest(r);
  ASSERT_TRUE(ready(view));
  ASSERT_NE(view.data(), nullptr) << view.errorText().toStdString();
  ASSERT_TRUE(view.data()->boxCox.has_value());
  test::saveShot(view.grab().toImage(), "capability_OX_THK_boxcox.png");
}

TEST(SpcParameterView, ControlChartFirstThenCapabilityRunChartVariationAndCommonality) {
  test::TempDir dir;
  SpcParameterView view(QString::fromStdString(test::demoWorkspaceCopy(dir)), "GATE_CD");
  EXPECT_EQ(view.pages()->currentWidget(), view.controlChart());
  EXPECT_EQ(view.capability(), nullptr);
  view.showPage(1);
  ASSERT_NE(view.capability(), nullptr);
  EXPECT_EQ(view.pages()->currentWidget(), view.capability());
  view.showPage(2);
  ASSERT_NE(view.runChart(), nullptr);
  EXPECT_EQ(view.varianceComponents(), nullptr);
  view.showPage(3);
  ASSERT_NE(view.varianceComponents(), nullptr);
  view.showPage(4);
  ASSERT_NE(view.commonality(), nullptr);
  EXPECT_EQ(view.pages()->count(), 5);
  ASSERT_TRUE(ready(*view.controlChart()));
  ASSERT_TRUE(ready(*view.capability()));
}

}  // namespace
}  // namespace fab::ui

// The Kalman view over a demo parameter with a step change (GATE_CD after the wet clean).
#include <gtest/gtest.h>

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QTabWidget>

#include <cmath>
#include <map>

#include "core/kalman/kalman_filter.h"
#include "core/kalman/kalman_smoother.h"
#include "core/kalman/structural_models.h"
#include "core/store/measurements.h"
#include "tests/ui/views/demo_fixture.h"
#include "ui/chart/chart_widget.h"
#include "ui/chart/series_chart_painter.h"
#include "ui/views/kalman/kalman_charts.h"
#include "ui/views/kalman/kalman_view.h"

namespace fab::ui::kalman {
namespace {

void waitFor(KalmanView& view) {
  test::waitUntil([&] { return view.loaded(); });
}

const chart::ChartModel& model(chart::ChartWidget* w) {
  return static_cast<chart::SeriesChartPainter*>(w->chart())->model();
}

TEST(KalmanView, SmoothedLevelForEveryPointAndFlagsListed) {
  KalmanView view(QString::fromStdString(test::demoWorkspace()), "GATE_CD");
  waitFor(view);
  ASSERT_TRUE(view.loaded()) << view.statusText().toStdString();
  const auto& a = *view.analysis();
  const std::size_t n = a.series.size();
  ASSERT_GT(n, 10u);

  // The series: wafer means of the measured sites, computed here independently.
  store::Database db(test::demoWorkspace(), store::Database::Mode::ReadOnly);
  const auto m = store::loadMeasurements(db, "GATE_CD");
  std::map<std::pair<std::string, int>, std::pair<double, int>> sums;
  for (std::size_t i = 0; i < m.size(); ++i)
    if (!std::isnan(m.value[i])) {
      auto& s = sums[{m.lot[i], m.wafer[i]}];
      s.first += m.value[i];
      ++s.second;
    }
  ASSERT_EQ(sums.size(), n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& s = sums.at({a.series.lot[i], a.series.wafer[i]});
    EXPECT_NEAR(a.series.value[i], s.first / s.second, 1e-9);
    if (i > 0) EXPECT_LE(a.series.time[i - 1], a.series.time[i]);
  }

  // The chart: a raw point and a finite smoothed level (with its band) for every point.
  const auto& level = model(view.levelChartWidget());
  ASSERT_EQ(level.series.size(), 5u);
  for (int s : {kRaw, kFiltered, kSmoothed, kUpperBand, kLowerBand}) ASSERT_EQ(level.series[s].points.size(), n);
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_TRUE(std::isfinite(level.series[kSmoothed].points[i].y));
    EXPECT_NEAR(level.series[kUpperBand].points[i].y - level.series[kLowerBand].points[i].y, 4 * a.smoothedSd[i], 1e-9);
    EXPECT_EQ(level.series[kRaw].points[i].row, static_cast<std::int64_t>(i));
  }

  // The smoothed level equals the general state-space smoother at the fitted variances.
  fab::kalman::StructuralModel sm = a.fit.model;
  const auto ssm = fab::kalman::toStateSpace(sm, static_cast<Eigen::Index>(n));
  const auto f = fab::kalman::kalmanFilter(ssm, std::span<const double>(a.series.value));
  const auto s = fab::kalman::kalmanSmoother(ssm, f);
  for (std::size_t i = 0; i < n; ++i)
    EXPECT_NEAR(a.smoothed[i], s.state(0, Eigen::Index(i)), 1e-6 * (1 + std::abs(a.smoothed[i])));

  // EWMA λ from q in closed form (Muth 1960): (√(q² + 4q) − q)/2.
  const double q = a.fit.model.levelVariance / a.fit.model.observationVariance;
  EXPECT_NEAR(a.ewmaLambda, (std::sqrt(q * q + 4 * q) - q) / 2, 1e-12);

  // Every flag is listed, naming its lot; outliers are flagged points, shifts phase splits.
  ASSERT_FALSE(a.anomalies.anomalies.empty());
  ASSERT_EQ(view.flagList()->count(), static_cast<int>(a.anomalies.anomalies.size()));
  std::size_t outliers = 0, shifts = 0;
  for (std::size_t k = 0; k < a.anomalies.anomalies.size(); ++k) {
    const auto& an = a.anomalies.anomalies[k];
    EXPECT_TRUE(view.flagList()->item(int(k))->text().contains(QString::fromStdString(a.series.lot[an.step])));
    (an.kind == fab::kalman::AnomalyKind::Outlier ? outliers : shifts)++;
  }
  std::size_t flagged = 0;
  for (const auto& p : level.series[kRaw].points) flagged += (p.flags & chart::kFlagViolation) != 0;
  EXPECT_EQ(flagged, outliers);
  EXPECT_EQ(level.phases.size(), shifts);
  EXPECT_TRUE(view.describePoint(0).contains(QString::fromStdString(a.series.lot[0])));

  // Innovations: one point per observation, with ±2 and ±3 limits.
  const auto& inn = model(view.innovationChartWidget());
  ASSERT_EQ(inn.series[0].points.size(), n);
  EXPECT_EQ(inn.limits.size(), 5u);

  view.resize(1400, 820);
  view.show();
  QApplication::processEvents();
  test::screenshot(view, "kalman_level");
  view.tabs()->setCurrentIndex(1);
  QApplication::processEvents();
  test::screenshot(view, "kalman_r2r");
}

TEST(KalmanView, R2rSandboxShowsTheStabilityCondition) {
  KalmanView view(QString::fromStdString(test::demoWorkspace()), "GATE_CD");
  view.setMeanLevel(MeanLevel::Lot);
  waitFor(view);
  ASSERT_TRUE(view.loaded()) << view.statusText().toStdString();
  EXPECT_EQ(view.analysis()->series.level, MeanLevel::Lot);
  for (std::size_t i = 0; i < view.analysis()->series.size(); ++i) EXPECT_EQ(view.analysis()->series.wafer[i], 0);
  // λβ/b = 0.5 · 3 = 1.5 < 2: stable; 0.8 · 3 = 2.4: unstable.
  view.setController(0.5, 3.0);
  ASSERT_TRUE(view.r2rResult());
  EXPECT_TRUE(view.r2rResult()->stability.stable);
  EXPECT_NEAR(view.r2rResult()->stability.gainRatio, 3.0, 1e-12);
  EXPECT_TRUE(view.stabilityLabel()->text().contains("stable"));
  view.setController(0.8, 3.0);
  EXPECT_FALSE(view.r2rResult()->stability.stable);
  EXPECT_TRUE(view.stabilityLabel()->text().contains("unstable"));
  // The replay's output is what the chart draws.
  const auto& r2r = model(view.r2rChartWidget());
  ASSERT_EQ(r2r.series.size(), 2u);
  for (std::size_t i = 0; i < r2r.series[1].points.size(); ++i)
    EXPECT_EQ(r2r.series[1].points[i].y, view.r2rResult()->output[i]);
  // Double EWMA: stable at λ₁ = 0.3, λ₂ = 0.1 and matched gain.
  view.setController(0.3, 1.0, 0.1);
  EXPECT_TRUE(view.r2rResult()->stability.stable);
}

}  // namespace
}  // namespace fab::ui::kalman

#include "ui/views/yield/yield_charts.h"

#include <QObject>

#include <algorithm>
#include <cmath>

#include "core/yield/package_yield.h"
#include "ui/number_text.h"

namespace fab::ui::yield {
namespace {

const QColor kPalette[] = {{31, 119, 180},  {255, 127, 14}, {44, 160, 44},   {214, 39, 40},
                           {148, 103, 189}, {140, 86, 75},  {227, 119, 194}, {127, 127, 127}};

QString modelName(fab::yield::YieldModel m) {
  return QString::fromUtf8(fab::yield::modelInfo(m).name.data(),
                           static_cast<int>(fab::yield::modelInfo(m).name.size()));
}

}  // namespace

std::shared_ptr<chart::ChartModel> yieldVersusD0Chart(const YieldInputs& in, double d0Max) {
  auto m = std::make_shared<chart::ChartModel>();
  m->title = QObject::tr("Yield vs D0 at A = %1 cm²").arg(in.areaCm2);
  m->xAxis.label = QObject::tr("D0 [defects/cm²]");
  m->xAxis.min = 0;
  m->xAxis.max = d0Max;
  m->yAxis.label = QObject::tr("die yield");
  m->yAxis.min = 0;
  m->yAxis.max = 1;
  constexpr int kSteps = 200;
  int colour = 0;
  for (const auto& info : fab::yield::allModels()) {
    chart::Series s;
    s.name = QString::fromUtf8(info.name.data(), static_cast<int>(info.name.size()));
    if (info.model == fab::yield::YieldModel::NegativeBinomial) s.name += QString(" α=%1").arg(in.parameters.alpha);
    if (info.model == fab::yield::YieldModel::BoseEinstein) s.name += QString(" n=%1").arg(in.parameters.layers);
    s.color = kPalette[colour++ % std::size(kPalette)];
    s.drawMarkers = false;
    for (int i = 0; i <= kSteps; ++i) {
      const double d0 = d0Max * i / kSteps;
      s.points.push_back({d0, fab::yield::modelYield(info.model, in.areaCm2, d0, in.parameters, in.y0), i});
    }
    m->series.push_back(std::move(s));
  }
  m->phases.push_back({in.d0, QObject::tr("D0 = %1").arg(in.d0)});
  return m;
}

std::shared_ptr<chart::ChartModel> windowFitChart(const fab::yield::WindowFitResult& fit, double dieAreaCm2) {
  auto m = std::make_shared<chart::ChartModel>();
  m->title = QObject::tr("Window method: block yield vs block size (die area %1 cm²)").arg(dieAreaCm2, 0, 'g', 3);
  m->xAxis.label = QObject::tr("dies per block m");
  m->yAxis.label = QObject::tr("block yield");
  m->yAxis.min = 0;
  m->yAxis.max = 1;
  m->xAxis.min = 0;
  int maxM = 1;
  chart::Series data;
  data.name = QObject::tr("data (complete blocks)");
  data.color = QColor(20, 20, 20);
  data.drawLine = false;
  data.markerRadius = 5;
  for (std::size_t i = 0; i < fit.blocks.size(); ++i) {
    const auto& b = fit.blocks[i];
    maxM = std::max(maxM, b.m);
    if (b.blocks > 0) data.points.push_back({double(b.m), b.yield(), static_cast<std::int64_t>(i)});
  }
  std::sort(data.points.begin(), data.points.end(), [](auto& a, auto& b) { return a.x < b.x; });
  m->xAxis.max = maxM + 0.5;
  int colour = 0;
  for (const auto& f : fit.models) {
    chart::Series s;
    s.name = modelName(f.model);
    s.color = kPalette[colour++ % std::size(kPalette)];
    s.markerRadius = 2;
    for (int mm = 1; mm <= maxM; ++mm) s.points.push_back({double(mm), f.blockYield(mm, dieAreaCm2), -1});
    m->series.push_back(std::move(s));
  }
  m->series.push_back(std::move(data));  // drawn last, on top
  return m;
}

std::shared_ptr<chart::ChartModel> kgdChart(const YieldInputs& in, const std::vector<int>& dieCounts) {
  auto m = std::make_shared<chart::ChartModel>();
  m->title = QObject::tr("Package yield vs die quality (assembly yield %1)").arg(percent(in.assemblyYield, 1));
  m->xAxis.label = QObject::tr("die quality q (known-good-die test coverage)");
  m->yAxis.label = QObject::tr("package yield");
  const double qMin = std::min(0.85, std::floor(in.dieQuality * 100 - 1) / 100);
  m->xAxis.min = qMin;
  m->xAxis.max = 1.0;
  m->yAxis.min = 0;
  m->yAxis.max = 1;
  m->xAxis.format = [](double v) { return QString::number(v * 100, 'f', 0) + " %"; };
  int colour = 0;
  constexpr int kSteps = 150;
  for (int n : dieCounts) {
    chart::Series s;
    s.name = QObject::tr("%n die(s)", "", n);
    s.color = kPalette[colour++ % std::size(kPalette)];
    s.drawMarkers = false;
    for (int i = 0; i <= kSteps; ++i) {
      const double q = qMin + (1.0 - qMin) * i / kSteps;
      s.points.push_back({q, fab::yield::packageYieldByDieCount(q, n, in.assemblyYield).back(), n});
    }
    m->series.push_back(std::move(s));
  }
  m->phases.push_back({in.dieQuality, QObject::tr("q = %1").arg(percent(in.dieQuality, 1))});
  return m;
}

KgdTable kgdTable(const std::vector<double>& qualities, int maxDies, double assemblyYield) {
  KgdTable t;
  t.qualities = qualities;
  t.maxDies = maxDies;
  for (double q : qualities) t.yield.push_back(fab::yield::packageYieldByDieCount(q, maxDies, assemblyYield));
  return t;
}

namespace {

const QColor kLossBar(31, 119, 180);
const QColor kCumulative(214, 39, 40);

/// The cumulative share line and its 80 % and 100 % marks right of the plot.
void addCumulative(chart::BarChartModel& m, const std::vector<double>& cumulativeShare, long long failed) {
  chart::CategoryLine line;
  line.name = QObject::tr("cumulative share of the loss");
  line.color = kCumulative;
  for (double share : cumulativeShare) line.values.push_back(share * double(failed));
  m.lines.push_back(std::move(line));
  if (failed > 0) {
    m.edgeLabels.push_back({double(failed), QObject::tr("100 %"), kCumulative});
    m.edgeLabels.push_back({0.8 * double(failed), QObject::tr("80 %"), kCumulative});
    m.referenceLines.push_back(0.8 * double(failed));  // the Pareto's 80 % guide
  }
}

}  // namespace

chart::BarChartModel binParetoChart(const fab::yield::YieldPareto& pareto, const QString& title) {
  chart::BarChartModel m;
  m.title = title;
  m.yAxis.label = QObject::tr("failed dies");
  m.categoryLabel = QObject::tr("fail bin (Pareto order)");
  m.valueLabels = true;
  chart::BarSeries bars;
  bars.name = QObject::tr("failed dies");
  bars.color = kLossBar;
  std::vector<double> cumulative;
  for (const auto& b : pareto.byBin) {
    m.categories.push_back(QObject::tr("bin %1").arg(b.bin));
    bars.values.push_back(double(b.dies));
    cumulative.push_back(b.cumulativeShare);
  }
  m.series.push_back(std::move(bars));
  addCumulative(m, cumulative, pareto.failed);
  return m;
}

chart::BarChartModel zoneParetoChart(const fab::yield::YieldPareto& pareto, const QString& title) {
  chart::BarChartModel m;
  m.title = title;
  m.yAxis.label = QObject::tr("failed dies");
  m.categoryLabel = QObject::tr("wafer zone by the die centre's radius fraction r: zone yield (Pareto order)");
  m.valueLabels = true;
  if (pareto.byZone.empty()) {
    m.title += QObject::tr(" – no zones: the dies have no radius fraction (no wafer layout)");
    return m;
  }
  chart::BarSeries bars;
  bars.name = QObject::tr("failed dies");
  bars.color = kLossBar;
  std::vector<double> cumulative;
  long long failed = 0;
  for (const auto& z : pareto.byZone) {
    // Short labels: three must fit side by side under a report-width chart.
    const QString range = z.zone == fab::yield::Zone::Edge     ? QObject::tr("≥ %1").arg(z.from, 0, 'f', 2)
                          : z.zone == fab::yield::Zone::Center ? QObject::tr("< %1").arg(z.to, 0, 'f', 2)
                                                               : QObject::tr("%1–%2").arg(z.from, 0, 'f', 2).arg(z.to, 0, 'f', 2);
    m.categories.push_back(
        QObject::tr("%1 %2: %3").arg(QString::fromUtf8(fab::yield::zoneName(z.zone)), range, percent(z.yield, 1)));
    bars.values.push_back(double(z.failed));
    cumulative.push_back(z.cumulativeShare);
    failed += z.failed;
  }
  m.series.push_back(std::move(bars));
  addCumulative(m, cumulative, failed);
  return m;
}

}  // namespace fab::ui::yield

#include "ui/views/yield/yield_charts.h"

#include <QObject>

#include <algorithm>
#include <cmath>

#include "core/yield/package_yield.h"

namespace fab::ui::yield {
namespace {

const QColor kPalette[] = {{31, 119, 180},  {255, 127, 14}, {44, 160, 44},   {214, 39, 40},
                           {148, 103, 189}, {140, 86, 75},  {227, 119, 194}, {127, 127, 127}};

QString modelName(fab::yield::YieldModel m) {
  return QString::fromUtf8(fab::yield::modelInfo(m).name.data(),
                           static_cast<int>(fab::yield::modelInfo(m).name.size()));
}

}  // namespace

QString percent(double fraction) { return QString::number(fraction * 100.0, 'f', 1) + " %"; }

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
  m->title = QObject::tr("Package yield vs die quality (assembly yield %1)").arg(percent(in.assemblyYield));
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
  m->phases.push_back({in.dieQuality, QObject::tr("q = %1").arg(percent(in.dieQuality))});
  return m;
}

KgdTable kgdTable(const std::vector<double>& qualities, int maxDies, double assemblyYield) {
  KgdTable t;
  t.qualities = qualities;
  t.maxDies = maxDies;
  for (double q : qualities) t.yield.push_back(fab::yield::packageYieldByDieCount(q, maxDies, assemblyYield));
  return t;
}

std::shared_ptr<chart::HistogramModel> paretoChart(const fab::yield::YieldPareto& pareto, const QString& scope) {
  auto m = std::make_shared<chart::HistogramModel>();
  m->title = QObject::tr("Yield loss by bin – %1: yield %2, %3 of %4 dies failed")
                 .arg(scope, percent(pareto.yield))
                 .arg(pareto.failed)
                 .arg(pareto.dies);
  m->yAxis.label = QObject::tr("failed dies");
  m->xAxis.label = QObject::tr("fail bin (Pareto order)");
  std::vector<int> bins;
  for (const auto& b : pareto.byBin) bins.push_back(b.bin);
  m->xAxis.format = [bins](double v) {
    const double i = std::round(v);  // bar i is centred on x = i
    if (std::abs(v - i) > 1e-6 || i < 0 || i >= static_cast<double>(bins.size())) return QString();
    return QObject::tr("bin %1").arg(bins[static_cast<std::size_t>(i)]);
  };
  chart::HistogramModel::Curve cumulative;
  cumulative.name = QObject::tr("cumulative share of the loss (100 % = %1 dies)").arg(pareto.failed);
  cumulative.color = QColor(214, 39, 40);
  for (std::size_t i = 0; i < pareto.byBin.size(); ++i) {
    m->edges.push_back(double(i) - 0.5);
    m->counts.push_back(double(pareto.byBin[i].dies));
    cumulative.x.push_back(double(i));
    cumulative.y.push_back(pareto.byBin[i].cumulativeShare * double(pareto.failed));
  }
  if (!pareto.byBin.empty()) m->edges.push_back(double(pareto.byBin.size()) - 0.5);
  m->curves.push_back(std::move(cumulative));
  return m;
}

}  // namespace fab::ui::yield

#include "ui/report/variation_figures.h"

#include <algorithm>
#include <cmath>

#include <QObject>

namespace fab::ui::report {

std::shared_ptr<chart::ChartModel> variabilityChart(const variation::WorkspaceVarianceComponents& a,
                                                    const QString& parameter) {
  const auto& d = a.design;
  auto m = std::make_shared<chart::ChartModel>();
  m->title = QObject::tr("%1 by lot and wafer").arg(parameter);
  m->yAxis.label = a.unit.empty() ? parameter : QString("%1 [%2]").arg(parameter, QString::fromStdString(a.unit));
  m->xAxis.label = QObject::tr("wafer (lots left to right)");
  if (d.factorCount() < 2) return m;
  const std::size_t wafers = d.groupCount(1), lots = d.groupCount(0);
  std::vector<double> waferSum(wafers, 0), lotSum(lots, 0);
  std::vector<std::size_t> waferN(wafers, 0), lotN(lots, 0);
  std::vector<double> lotFirst(lots, INFINITY), lotLast(lots, -INFINITY);
  chart::Series sites;
  sites.name = QObject::tr("sites");
  sites.color = QColor(150, 150, 150);
  sites.drawLine = false;
  sites.markerRadius = 1.5;
  for (std::size_t i = 0; i < d.size(); ++i) {
    const auto w = static_cast<std::size_t>(d.group[1][i]), l = static_cast<std::size_t>(d.group[0][i]);
    const double x = static_cast<double>(w + 1);
    sites.points.push_back({x, d.value[i], static_cast<std::int64_t>(d.row[i])});
    waferSum[w] += d.value[i];
    ++waferN[w];
    lotSum[l] += d.value[i];
    ++lotN[l];
    lotFirst[l] = std::min(lotFirst[l], x);
    lotLast[l] = std::max(lotLast[l], x);
  }
  std::sort(sites.points.begin(), sites.points.end(), [](const auto& p, const auto& q) { return p.x < q.x; });
  chart::Series means;
  means.name = QObject::tr("wafer means");
  means.color = QColor(31, 119, 180);
  means.markerRadius = 2.5;
  for (std::size_t w = 0; w < wafers; ++w)
    if (waferN[w]) means.points.push_back({static_cast<double>(w + 1), waferSum[w] / static_cast<double>(waferN[w])});
  chart::StepLine lotMeans;
  lotMeans.label = QObject::tr("lot mean");
  lotMeans.color = QColor(214, 39, 40);
  lotMeans.style = Qt::SolidLine;
  std::vector<std::size_t> order(lots);
  for (std::size_t l = 0; l < lots; ++l) order[l] = l;
  std::sort(order.begin(), order.end(), [&](auto x, auto y) { return lotFirst[x] < lotFirst[y]; });
  for (auto l : order)
    if (lotN[l]) lotMeans.steps.push_back({lotFirst[l] - 0.5, lotLast[l] + 0.5, lotSum[l] / static_cast<double>(lotN[l])});
  const auto labels = d.groupLabel[1];
  m->xAxis.format = [labels](double x) {
    const double r = std::round(x);
    if (std::abs(x - r) > 1e-9 || r < 1 || r > static_cast<double>(labels.size())) return QString::number(x);
    return QString::fromStdString(labels[static_cast<std::size_t>(r) - 1]);
  };
  m->series.push_back(std::move(sites));
  m->series.push_back(std::move(means));
  m->limits.push_back(std::move(lotMeans));
  return m;
}

std::shared_ptr<chart::BarChartModel> componentsChart(const variation::VarianceComponentsResult& r) {
  auto m = std::make_shared<chart::BarChartModel>();
  m->title = QObject::tr("Components of variance (%1 % intervals)").arg(100 * r.confidence, 0, 'g', 3);
  m->categoryLabel = QObject::tr("level");
  m->yAxis.label = QObject::tr("% of total variance");
  chart::BarSeries s;
  s.name = QObject::tr("share of σ²");
  for (const auto& c : r.components) {
    m->categories.push_back(QString::fromStdString(c.source.empty() ? c.level : c.source));
    s.values.push_back(std::round(10 * c.percent) / 10);  // the bar's label to 0.1 %
    // The interval in the same unit as the bar: % of the estimated total.
    s.low.push_back(r.total > 0 ? 100 * c.ciLow / r.total : NAN);
    s.high.push_back(r.total > 0 ? 100 * c.ciHigh / r.total : NAN);
  }
  m->series.push_back(std::move(s));
  m->valueLabels = true;
  return m;
}


std::shared_ptr<chart::BoxPlotModel> stepBoxPlots(const variation::StepTest& step, const QString& valueName,
                                                  const QString& grouping, bool highlightLast) {
  auto m = std::make_shared<chart::BoxPlotModel>();
  m->title = QObject::tr("%1 by %2 at %3").arg(valueName, grouping, QString::fromStdString(step.step));
  m->groupLabel = grouping;
  m->yAxis.label = valueName;
  for (std::size_t g = 0; g < step.groupStats.size(); ++g) {
    const auto& x = step.groupStats[g];
    m->groups.push_back({QString::fromStdString(x.label), x.q1, x.median, x.q3, x.whiskerLow, x.whiskerHigh, x.mean,
                         x.outliers, x.n, highlightLast && g + 1 == step.groupStats.size()});
  }
  return m;
}

}  // namespace fab::ui::report

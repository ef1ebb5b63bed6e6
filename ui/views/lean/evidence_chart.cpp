#include "ui/views/lean/evidence_chart.h"

#include <QObject>

#include <cmath>
#include <limits>

namespace fab::ui::lean {

ControlChartData evidenceChartData(const fab::lean::EvidenceInput& input, const fab::lean::KaizenEvidence& e) {
  ControlChartData d;
  d.request.parameter = input.parameter.empty() ? "value" : input.parameter;
  d.request.type = spc::ChartType::IndividualsMR;
  d.request.useApproved = false;
  auto series = std::make_shared<store::MeasurementSeries>();
  series->parameter = d.request.parameter;
  series->unit = input.unit;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i : e.order) {
    series->lot.push_back(i < input.lot.size() ? input.lot[i] : std::string());
    series->wafer.push_back(i < input.wafer.size() ? input.wafer[i] : 0);
    series->time.push_back(i < input.time.size() ? input.time[i] : 0);
    series->site.emplace_back();
    series->x.push_back(nan);
    series->y.push_back(nan);
    series->value.push_back(input.values[i]);
    series->tool.emplace_back();
    series->product.emplace_back();
  }
  d.series = series;
  d.result = e.phaseChart;
  const std::size_t n = e.order.size();
  d.rowOf.resize(n);
  d.keys.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    d.rowOf[i] = i;
    d.keys[i] = series->lot[i].empty() ? "value " + std::to_string(e.order[i] + 1)
                                       : series->lot[i] + "/" + std::to_string(series->wafer[i]) + " wafer mean";
  }
  return d;
}

std::shared_ptr<chart::ChartModel> evidenceChartModel(const ControlChartData& d) {
  auto m = buildPanelModel(d, 0);
  const auto& phases = d.result.phases;
  m->xAxis.label = m->xAxis.ticks.empty() ? QObject::tr("wafer, in time order within each phase")
                                          : QObject::tr("lot (wafers in time order within each phase)");
  const QString parameter = QString::fromStdString(d.request.parameter);
  if (phases.size() == 2) {
    const auto before = phases[0].last - phases[0].first, after = phases[1].last - phases[1].first;
    m->title = QObject::tr("%1 wafer means: %2 before, %3 after the change").arg(parameter).arg(before).arg(after);
    // The split line marks the change; its label names when (core labels the phase "after …").
    QString when = QString::fromStdString(phases[1].label);
    if (when.startsWith("after ")) when = when.mid(6);
    m->phases.at(0).label = QObject::tr("before");
    m->phases.at(1).label = when == "after" ? QObject::tr("change") : QObject::tr("change %1").arg(when);
  } else {
    m->title = QObject::tr("%1 wafer means").arg(parameter);
  }
  return m;
}

}  // namespace fab::ui::lean

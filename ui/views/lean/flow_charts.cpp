#include "ui/views/lean/flow_charts.h"

#include <QObject>

#include <algorithm>
#include <numeric>

#include "core/spc/control_chart.h"

namespace fab::ui::lean {

std::shared_ptr<chart::ChartModel> cumulativeFlowChart(const fab::lean::KanbanBoard& board,
                                                       const fab::lean::FlowMetrics& metrics) {
  auto m = std::make_shared<chart::ChartModel>();
  m->title = QObject::tr("Cumulative flow – %1").arg(QString::fromStdString(board.name));
  m->xAxis.kind = chart::AxisKind::Time;
  m->yAxis.label = QObject::tr("cards");
  m->yAxis.min = 0;
  const auto& flow = metrics.cumulativeFlow;
  const std::size_t columns = board.columns.size();
  static const QColor palette[] = {{150, 150, 150}, {31, 119, 180}, {255, 127, 14}, {148, 103, 189},
                                   {214, 39, 40},   {44, 160, 44},  {140, 86, 75}};
  for (std::size_t c = 0; c < columns; ++c) {
    chart::Series s;
    s.name = QString::fromStdString(board.columns[c].name);
    s.color = palette[c % std::size(palette)];
    s.drawMarkers = false;
    for (std::size_t d = 0; d < flow.days.size(); ++d) {
      const auto& counts = flow.counts[d];
      const int stacked = std::accumulate(counts.begin() + static_cast<std::ptrdiff_t>(c), counts.end(), 0);
      s.points.push_back(
          {static_cast<double>(flow.days[d]), static_cast<double>(stacked), static_cast<std::int64_t>(d)});
    }
    m->series.push_back(std::move(s));
  }
  return m;
}

std::shared_ptr<chart::ChartModel> cycleTimeChart(const fab::lean::FlowMetrics& metrics) {
  auto m = std::make_shared<chart::ChartModel>();
  m->title = QObject::tr("Cycle time (individuals chart)");
  m->xAxis.label = QObject::tr("finished card, in order");
  m->yAxis.label = QObject::tr("cycle time [days]");
  m->legend = false;
  std::vector<const fab::lean::CardFlow*> done;
  for (const auto& c : metrics.cards)
    if (c.cycleDays && c.finished) done.push_back(&c);
  std::sort(done.begin(), done.end(), [](auto* a, auto* b) { return *a->finished < *b->finished; });
  std::vector<double> values, xs;
  for (const auto* c : done) {
    values.push_back(*c->cycleDays);
    xs.push_back(static_cast<double>(xs.size() + 1));
  }
  chart::Series s;
  s.name = QObject::tr("cycle time");
  for (std::size_t i = 0; i < done.size(); ++i) s.points.push_back({xs[i], values[i], done[i]->cardId});
  if (values.size() >= 2) {
    // Individuals chart: centre = mean, limits = mean ± 2.66·MR̄ (Montgomery,
    // Introduction to SQC, §6.4), computed by the SPC core.
    const auto r = spc::computeVariablesChart(values, nullptr, spc::ChartOptions{});
    const auto& panel = r.panels.at(0);
    for (const auto& v : panel.violations) s.points[v.point].flags |= chart::kFlagViolation;
    for (const auto& seg : panel.limits) {
      const double x0 = seg.first + 0.5, x1 = seg.last + 0.5;
      m->limits.push_back(chart::StepLine::constant("UCL", x0, x1, seg.ucl));
      m->limits.push_back(chart::StepLine::constant("CL", x0, x1, seg.center, Qt::darkGreen, Qt::SolidLine));
      if (seg.lcl == seg.lcl && seg.lcl > 0) m->limits.push_back(chart::StepLine::constant("LCL", x0, x1, seg.lcl));
    }
  }
  if (values.empty()) m->title += QObject::tr(": no card has finished yet");
  m->series.push_back(std::move(s));
  return m;
}

}  // namespace fab::ui::lean

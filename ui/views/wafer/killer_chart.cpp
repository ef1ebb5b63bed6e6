#include "ui/views/wafer/killer_chart.h"

#include <QObject>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/common/error.h"

namespace fab::ui::wafer {

QString killerSummary(const KillerAnalysis& a) {
  QString text;
  if (a.killRatios) {
    const auto& k = a.killRatios->overall;
    if (std::isfinite(k.kr))
      text += QObject::tr(
                  "Kill ratio (all sizes): <b>KR = %1</b>, 95 % interval [%2, %3]; Yd = %4 on %5 defective "
                  "dies, Yc = %6 on %7 defect-free dies.")
                  .arg(k.kr, 0, 'f', 3)
                  .arg(k.krLow, 0, 'f', 3)
                  .arg(k.krHigh, 0, 'f', 3)
                  .arg(k.yd, 0, 'f', 3)
                  .arg(k.defectiveDies)
                  .arg(k.yc, 0, 'f', 3)
                  .arg(k.cleanDies);
    else
      text += QObject::tr("Kill ratio (all sizes): %1.").arg(QString::fromStdString(k.note));
    text += "<br>";
  }
  if (a.planWafers == 0)
    text += QObject::tr("Inspected dies: all %1 tested (no SampleTestPlan: the whole wafer counts as inspected).")
                .arg(a.testedDies);
  else
    text += QObject::tr("Inspected dies: %1 of %2 tested (a KLARF SampleTestPlan on %3 of %4 wafer(s)%5).")
                .arg(a.inspectedDies)
                .arg(a.testedDies)
                .arg(a.planWafers)
                .arg(a.inspectedWafers)
                .arg(a.planWafers < a.inspectedWafers ? QObject::tr("; the whole wafer on the others") : QString());
  if (a.killRatios)
    for (const auto& n : a.killRatios->notes) text += "<br>" + QString::fromStdString(n).toHtmlEscaped();
  text += "<br>";
  text += a.killer.defined ? QObject::tr("Killer size (50 % kill probability): %1 µm, 95 % interval [%2, %3] µm")
                                 .arg(a.killer.sizeUm, 0, 'f', 2)
                                 .arg(a.killer.lowUm, 0, 'f', 2)
                                 .arg(a.killer.highUm, 0, 'f', 2)
                           : QString::fromStdString(a.killer.message == a.fit.message || a.fit.message.empty()
                                                        ? a.killer.message
                                                        : a.killer.message + " " + a.fit.message)
                                 .toHtmlEscaped();
  return text;
}

std::shared_ptr<chart::ChartModel> killerChart(const KillerAnalysis& a) {
  auto m = std::make_shared<chart::ChartModel>();
  m->title =
      QObject::tr("Kill fraction vs defect size (%1 defective dies, %2 wafers)").arg(a.sizeUm.size()).arg(a.wafers);
  m->xAxis.label = QObject::tr("defect size [µm]");
  m->yAxis.label = QObject::tr("fraction of defective dies failing");
  m->yAxis.min = 0;
  m->yAxis.max = 1.05;
  const double top = std::max(2.0, *std::max_element(a.sizeUm.begin(), a.sizeUm.end()));
  const double xMax = std::min(top, 5.0);
  m->xAxis.min = 0;
  m->xAxis.max = xMax;
  // Bin centre: the median size of the observations in the bin (bins are open-ended at both ends).
  const defect::KillRatioOptions options;
  const auto& edges = options.sizeEdges;
  chart::Series points;
  points.name = QObject::tr("kill fraction per size bin");
  points.color = QColor(31, 119, 180);
  points.drawLine = false;
  points.markerRadius = 4;
  for (std::size_t b = 0; b < a.fractions.size(); ++b) {
    const auto& f = a.fractions[b];
    if (f.defects == 0) continue;
    std::vector<double> in;
    const double lo = b == 0 ? -1 : edges[b - 1], hi = b < edges.size() ? edges[b] : INFINITY;
    for (double s : a.sizeUm)
      if (s >= lo && s < hi) in.push_back(s);
    if (in.empty()) continue;
    std::nth_element(in.begin(), in.begin() + in.size() / 2, in.end());
    const double x = std::min(in[in.size() / 2], xMax);
    points.points.push_back({x, f.fraction, static_cast<std::int64_t>(b)});
    chart::Series bar;
    bar.color = points.color;
    bar.drawMarkers = false;
    bar.points = {{x, f.low, static_cast<std::int64_t>(b)}, {x, f.high, static_cast<std::int64_t>(b)}};
    m->series.push_back(std::move(bar));
  }
  std::sort(points.points.begin(), points.points.end(), [](auto& p, auto& q) { return p.x < q.x; });
  if (a.fit.usable()) {
    chart::Series curve;
    curve.name = QObject::tr("logistic fit");
    curve.color = QColor(214, 39, 40);
    curve.drawMarkers = false;
    for (int i = 0; i <= 200; ++i) {
      const double x = xMax * i / 200.0;
      curve.points.push_back({x, a.fit.probability(x)});
    }
    m->series.push_back(std::move(curve));
  }
  m->series.push_back(std::move(points));
  if (a.killer.defined && std::isfinite(a.killer.sizeUm)) {
    const double x = a.killer.sizeUm;
    m->phases.push_back({x, QObject::tr("killer size %1 µm [%2, %3]")
                                .arg(x, 0, 'f', 2)
                                .arg(a.killer.lowUm, 0, 'f', 2)
                                .arg(a.killer.highUm, 0, 'f', 2)});
  }
  return m;
}

}  // namespace fab::ui::wafer

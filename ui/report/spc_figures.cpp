#include "ui/report/spc_figures.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

#include "ui/chart/decimation.h"
#include "ui/number_text.h"

namespace fab::ui::report {
namespace {


QString axisLabel(const SpcParameterAnalysis& a) {
  return QString::fromStdString(a.parameter) + (a.unit.empty() ? "" : " [" + QString::fromStdString(a.unit) + "]");
}

/// Thins a long series for print: the first, lowest, highest and last point of
/// each of `columns` x columns (the drawn line is unchanged, decimation.h), plus
/// one flagged point per cell of a grid of markers' size (a third of the columns × `rows`), so every marked
/// violation still shows where it is while overlapping markers are drawn once.
void thinForPrint(chart::Series& s, int columns, int rows) {
  if (s.points.size() <= static_cast<std::size_t>(4 * columns)) return;
  const double x0 = s.points.front().x, x1 = s.points.back().x;
  double y0 = HUGE_VAL, y1 = -HUGE_VAL;
  for (const auto& p : s.points)
    if (std::isfinite(p.y)) y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
  if (!(y1 > y0) || !(x1 > x0)) return;
  const auto kept = chart::decimateMinMax(s.points, x0, x1, columns);
  std::set<std::size_t> keep(kept.begin(), kept.end());
  std::set<long long> cells;
  for (std::size_t i = 0; i < s.points.size(); ++i) {
    const auto& p = s.points[i];
    if (p.flags == chart::kFlagNone || !std::isfinite(p.y)) continue;
    const long long cx = static_cast<long long>((p.x - x0) / (x1 - x0) * (columns / 3));
    const long long cy = static_cast<long long>((p.y - y0) / (y1 - y0) * rows);
    if (cells.insert(cx * (rows + 1) + cy).second) keep.insert(i);
  }
  std::vector<chart::ChartPoint> thinned;
  thinned.reserve(keep.size());
  for (auto i : keep) thinned.push_back(s.points[i]);
  s.points = std::move(thinned);
}

}  // namespace

std::shared_ptr<chart::ChartModel> controlChartModel(const SpcParameterAnalysis& a) {
  auto m = std::make_shared<chart::ChartModel>();
  const auto& panel = a.chart.panels.at(0);
  m->title = QString::fromStdString(a.parameter) + " – " + QString::fromStdString(panel.name) + " chart (" +
             spc::chartName(a.chart.type) + ")";
  m->xAxis.label = a.chart.pointRow.empty() ? "sample" : "subgroup";
  m->yAxis.label = axisLabel(a);
  m->legend = false;
  std::vector<std::uint8_t> violated(panel.value.size(), 0);
  for (const auto& v : panel.violations) violated[v.point] = 1;
  chart::Series s;
  s.name = QString::fromStdString(panel.name);
  s.color = QColor(31, 119, 180);
  s.markerRadius = panel.value.size() > 400 ? 1.6 : 2.6;
  s.points.reserve(panel.value.size());
  for (std::size_t i = 0; i < panel.value.size(); ++i) {
    std::uint8_t flags = violated[i] ? chart::kFlagViolation : chart::kFlagNone;
    if (a.chart.isExcluded(i)) flags |= chart::kFlagExcluded;
    s.points.push_back({double(i + 1), panel.value[i], static_cast<std::int64_t>(a.chart.row(i)), flags});
  }
  thinForPrint(s, 600, 60);  // line: a column per printed pixel; markers: a cell per marker
  m->series.push_back(std::move(s));
  chart::StepLine ucl, cl, lcl;
  ucl.label = "UCL";
  lcl.label = "LCL";
  cl.label = "CL";
  cl.color = QColor(44, 140, 44);
  cl.style = Qt::SolidLine;
  for (const auto& seg : panel.limits) {
    const double x0 = double(seg.first) + 0.5, x1 = double(seg.last) + 0.5;
    ucl.steps.push_back({x0, x1, seg.ucl});
    cl.steps.push_back({x0, x1, seg.center});
    lcl.steps.push_back({x0, x1, seg.lcl});
    if (std::isfinite(seg.sigma) && seg.sigma > 0) {  // Western Electric zones C, B, A on each side
      const QColor fills[] = {QColor(44, 160, 44, 22), QColor(240, 170, 0, 26), QColor(214, 39, 40, 22)};
      const char* names[] = {"C", "B", "A"};
      for (int z = 0; z < 3; ++z)
        for (int side : {-1, 1}) {
          chart::ZoneBand band;
          band.x0 = x0;
          band.x1 = x1;
          band.y0 = seg.center + side * z * seg.sigma;
          band.y1 = seg.center + side * (z + 1) * seg.sigma;
          if (band.y0 > band.y1) std::swap(band.y0, band.y1);
          band.fill = fills[z];
          band.label = seg.first == panel.limits.front().first && side > 0 ? names[z] : "";
          m->zones.push_back(band);
        }
    }
  }
  for (auto* line : {&ucl, &cl, &lcl}) m->limits.push_back(std::move(*line));
  return m;
}

std::shared_ptr<chart::HistogramModel> capabilityHistogramModel(const SpcParameterAnalysis& a) {
  auto m = std::make_shared<chart::HistogramModel>();
  m->title = QString::fromStdString(a.parameter) + " – capability";
  m->xAxis.label = axisLabel(a);
  std::vector<double> v;
  for (double x : a.values)
    if (std::isfinite(x)) v.push_back(x);
  if (v.empty()) return m;
  const auto [mn, mx] = std::minmax_element(v.begin(), v.end());
  double lo = *mn, hi = *mx;
  // Square-root rule for the bin count, bounded for a readable printed histogram.
  const int bins = std::clamp(static_cast<int>(std::ceil(std::sqrt(double(v.size())))), 8, 40);
  if (hi <= lo) hi = lo + 1.0;
  const double width = (hi - lo) / bins;
  m->edges.resize(bins + 1);
  for (int i = 0; i <= bins; ++i) m->edges[i] = lo + i * width;
  m->counts.assign(bins, 0.0);
  for (double x : v) m->counts[std::min(bins - 1, static_cast<int>((x - lo) / width))] += 1.0;

  double axisLo = lo, axisHi = hi;
  auto addLine = [&](const std::optional<double>& x, const QString& name, QColor colour) {
    if (!x) return;
    m->lines.push_back({*x, name + " " + significant(*x), colour, Qt::DashLine});
    axisLo = std::min(axisLo, *x);
    axisHi = std::max(axisHi, *x);
  };
  addLine(a.spec.lsl, "LSL", QColor(214, 39, 40));
  addLine(a.spec.target, "T", QColor(44, 140, 44));
  addLine(a.spec.usl, "USL", QColor(214, 39, 40));
  const double pad = 0.06 * (axisHi - axisLo);
  m->xAxis.min = axisLo - pad;
  m->xAxis.max = axisHi + pad;

  if (a.capability) {
    const auto& c = *a.capability;
    auto curve = [&](double sigma, const QString& name, QColor colour) {
      if (!(sigma > 0) || !std::isfinite(sigma)) return;
      chart::HistogramModel::Curve k;
      k.name = name;
      k.color = colour;
      const int samples = 160;
      for (int i = 0; i <= samples; ++i) {
        const double x = *m->xAxis.min + (*m->xAxis.max - *m->xAxis.min) * i / samples;
        const double z = (x - c.mean) / sigma;
        k.x.push_back(x);
        k.y.push_back(double(c.n) * width * std::exp(-0.5 * z * z) / (sigma * std::sqrt(2.0 * std::numbers::pi)));
      }
      m->curves.push_back(std::move(k));
    };
    curve(c.sigmaWithin, "normal, σ within", QColor(30, 30, 30));
    curve(c.sigmaOverall, "normal, σ overall", QColor(148, 103, 189));
  }
  return m;
}

}  // namespace fab::ui::report

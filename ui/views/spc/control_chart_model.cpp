// Chart-layer models and tooltips of a computed control chart.
#include <QDateTime>
#include <QObject>

#include <algorithm>
#include <cmath>

#include "ui/views/spc/control_chart_data.h"

namespace fab::ui {
namespace {

using chart::ChartPoint;
using chart::StepLine;

/// Zones are drawn per limit segment; beyond this many (per-point limits of a
/// long chart) they would only blur into the lines, so they are left out.
constexpr std::size_t kMaxZoneSegments = 4000;

const QColor kLimitColor{214, 39, 40};
const QColor kCenterColor{44, 140, 44};
const QColor kSpecColor{148, 103, 189};

QColor groupColor(std::size_t i) {
  static const QColor palette[] = {{31, 119, 180},  {255, 127, 14},  {44, 160, 44},  {148, 103, 189}, {140, 86, 75},
                                   {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
  return palette[i % std::size(palette)];
}

StepLine stepLine(const QString& label, const std::vector<spc::LimitSegment>& segments,
                  double spc::LimitSegment::*level, QColor color, Qt::PenStyle style) {
  StepLine line;
  line.label = label;
  line.color = color;
  line.style = style;
  line.steps.reserve(segments.size());
  for (const auto& s : segments)
    line.steps.push_back({static_cast<double>(s.first) + 0.5, static_cast<double>(s.last) + 0.5, s.*level});
  return line;
}

void addZones(chart::ChartModel& m, const std::vector<spc::LimitSegment>& segments) {
  if (segments.size() > kMaxZoneSegments) return;
  const QColor c{44, 160, 44, 26}, b{255, 187, 0, 34}, a{214, 39, 40, 22};
  for (const auto& s : segments) {
    if (!std::isfinite(s.sigma) || !std::isfinite(s.center)) continue;
    const double x0 = static_cast<double>(s.first) + 0.5, x1 = static_cast<double>(s.last) + 0.5;
    const double up = std::isfinite(s.ucl) ? s.ucl : s.center + 3 * s.sigma;
    const double down = std::isfinite(s.lcl) ? s.lcl : s.center - 3 * s.sigma;
    m.zones.push_back({x0, x1, s.center - s.sigma, s.center + s.sigma, c, {}});
    m.zones.push_back({x0, x1, s.center + s.sigma, s.center + 2 * s.sigma, b, {}});
    m.zones.push_back({x0, x1, s.center - 2 * s.sigma, s.center - s.sigma, b, {}});
    if (up > s.center + 2 * s.sigma) m.zones.push_back({x0, x1, s.center + 2 * s.sigma, up, a, {}});
    if (down < s.center - 2 * s.sigma) m.zones.push_back({x0, x1, down, s.center - 2 * s.sigma, a, {}});
  }
}

bool drawsSpec(spc::ChartType t) {
  using T = spc::ChartType;
  return t == T::IndividualsMR || t == T::XbarR || t == T::XbarS || t == T::ThreeWay;
}

QString limitsNote(const ControlChartData& d) {
  if (d.approved)
    return QObject::tr("approved limits v%1 (%2)")
        .arg(d.approved->version)
        .arg(QString::fromStdString(d.approved->approvedBy));
  return QObject::tr("estimated limits");
}

}  // namespace

void labelXAxis(const ControlChartData& d, chart::ChartModel& m) {
  const QString unit =
      d.request.subgroup.empty() ? QObject::tr("samples") : QObject::tr("%1s").arg(QString::fromStdString(d.request.subgroup));
  const auto& s = *d.series;
  const std::size_t n = d.rowOf.size();
  m.xAxis.ticks.clear();
  m.xAxis.format = nullptr;
  m.xAxis.label = d.request.subgroup.empty() ? QObject::tr("sample")
                                             : QObject::tr("subgroup (%1)").arg(QString::fromStdString(d.request.subgroup));
  const bool hasLots = n > 0 && std::any_of(d.rowOf.begin(), d.rowOf.end(), [&](std::size_t r) { return !s.lot[r].empty(); });
  const bool hasTimes = n > 0 && std::any_of(d.rowOf.begin(), d.rowOf.end(), [&](std::size_t r) { return s.time[r] != 0; });
  if (d.xLabels == XLabels::Lot && hasLots) {
    // A tick where each run of the same lot starts, labelled with the lot.
    auto names = std::make_shared<std::vector<QString>>();
    for (std::size_t i = 0; i < n; ++i) {
      const std::string& lot = s.lot[d.rowOf[i]];
      if (i == 0 || lot != s.lot[d.rowOf[i - 1]]) {
        m.xAxis.ticks.push_back(static_cast<double>(i + 1));
        names->push_back(QString::fromStdString(lot));
      }
    }
    const auto starts = m.xAxis.ticks;
    m.xAxis.format = [names, starts](double x) {
      const auto it = std::upper_bound(starts.begin(), starts.end(), x + 1e-9);
      return it == starts.begin() ? QString() : (*names)[static_cast<std::size_t>(it - starts.begin()) - 1];
    };
    m.xAxis.label = QObject::tr("lot (%1 in run order)").arg(unit);
  } else if (d.xLabels == XLabels::Time && hasTimes) {
    auto times = std::make_shared<std::vector<qint64>>();
    for (std::size_t i = 0; i < n; ++i) times->push_back(s.time[d.rowOf[i]]);
    m.xAxis.format = [times](double x) {
      const auto i = static_cast<std::size_t>(std::clamp(std::lround(x) - 1, 0L, static_cast<long>(times->size()) - 1));
      return (*times)[i] ? QDateTime::fromMSecsSinceEpoch((*times)[i], Qt::UTC).toString("yyyy-MM-dd") : QString();
    };
    m.xAxis.label = QObject::tr("date (UTC) of the %1 in run order").arg(unit);
  }
}

std::shared_ptr<chart::ChartModel> buildPanelModel(const ControlChartData& d, std::size_t panelIndex) {
  const auto& panel = d.result.panels.at(panelIndex);
  const std::size_t n = panel.value.size();
  auto m = std::make_shared<chart::ChartModel>();
  const QString parameter = QString::fromStdString(d.request.parameter);
  const QString unit = QString::fromStdString(d.series->unit);
  const QString name = QString::fromStdString(panel.name);
  m->title = panelIndex == 0 ? QObject::tr("%1 – %2 chart, %3 points, %4")
                                   .arg(parameter, QString::fromStdString(spc::chartName(d.request.type)))
                                   .arg(n)
                                   .arg(limitsNote(d))
                             : name;
  labelXAxis(d, *m);
  // A lower panel is short: its axis title must fit its height.
  const QString axisName = name == "Moving range of means" ? QObject::tr("MR of means") : name;
  m->yAxis.label = panelIndex == 0 && !unit.isEmpty() ? name + " [" + unit + "]" : axisName;

  std::vector<std::uint8_t> flags(n, chart::kFlagNone);
  for (const auto& v : panel.violations) flags[v.point] |= chart::kFlagViolation;
  for (std::size_t i = 0; i < n; ++i)
    if (d.result.isExcluded(i)) flags[i] |= chart::kFlagExcluded;
  auto point = [&](std::size_t i) {
    return ChartPoint{static_cast<double>(i + 1), panel.value[i], static_cast<std::int64_t>(i), flags[i]};
  };

  chart::Series line;
  line.name = d.groups.empty() ? name : QString();
  line.color = d.groups.empty() ? QColor(31, 119, 180) : QColor(150, 150, 150);
  line.points.reserve(n);
  for (std::size_t i = 0; i < n; ++i) line.points.push_back(point(i));
  line.markerRadius = n > 2000 ? 2 : 3;
  if (!d.groups.empty()) {
    // A thin grey line through every point, markers coloured by group on top.
    line.drawMarkers = false;
    m->series.push_back(std::move(line));
    const auto names = spc::distinctGroups(d.groups);
    std::vector<chart::Series> byGroup(names.size());
    for (std::size_t g = 0; g < names.size(); ++g) {
      byGroup[g].name = QString::fromStdString(names[g]);
      byGroup[g].color = groupColor(g);
      byGroup[g].drawLine = false;
      byGroup[g].markerRadius = n > 2000 ? 2 : 3.5;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto g = static_cast<std::size_t>(std::find(names.begin(), names.end(), d.groups[i]) - names.begin());
      byGroup[g].points.push_back(point(i));
    }
    for (auto& s : byGroup) m->series.push_back(std::move(s));
  } else {
    m->series.push_back(std::move(line));
    m->legend = false;
  }

  if (panel.runRules) addZones(*m, panel.limits);
  m->limits.push_back(stepLine("UCL", panel.limits, &spc::LimitSegment::ucl, kLimitColor, Qt::DashLine));
  m->limits.push_back(stepLine("CL", panel.limits, &spc::LimitSegment::center, kCenterColor, Qt::SolidLine));
  m->limits.push_back(stepLine("LCL", panel.limits, &spc::LimitSegment::lcl, kLimitColor, Qt::DashLine));

  if (d.result.phases.size() > 1)
    for (const auto& p : d.result.phases)
      m->phases.push_back({static_cast<double>(p.first) + 0.5, QString::fromStdString(p.label)});

  if (panelIndex == 0 && d.request.showSpec && d.spec && drawsSpec(d.request.type) && n > 0) {
    const double span = static_cast<double>(n);
    auto add = [&](const char* label, const std::optional<double>& level, Qt::PenStyle style) {
      if (level && std::isfinite(*level))
        m->limits.push_back(StepLine::constant(label, 0.5 - span, n + 0.5 + span, *level, kSpecColor, style));
    };
    add("USL", d.spec->usl, Qt::DashDotLine);
    add("target", d.spec->target, Qt::DotLine);
    add("LSL", d.spec->lsl, Qt::DashDotLine);
    m->xAxis.min = 0.5 - 0.02 * span;  // the range from the points, not the lines' extended ends
    m->xAxis.max = n + 0.5 + 0.02 * span;
  }
  return m;
}

QString describeChartPoint(const ControlChartData& d, std::size_t panelIndex, std::size_t i) {
  if (panelIndex >= d.result.panels.size() || i >= d.keys.size()) return {};
  const auto& panel = d.result.panels[panelIndex];
  const auto& s = *d.series;
  const std::size_t row = d.rowOf[i];
  QString text = QObject::tr("Point %1: %2").arg(i + 1).arg(QString::fromStdString(d.keys[i]));
  text += "\n" + QObject::tr("lot %1 / wafer %2").arg(QString::fromStdString(s.lot[row])).arg(s.wafer[row]);
  if (s.time[row])
    text += "\n" + QDateTime::fromMSecsSinceEpoch(s.time[row], Qt::UTC).toString("yyyy-MM-dd hh:mm 'UTC'");
  text += "\n" + QString::fromStdString(panel.name) + " = " +
          (std::isnan(panel.value[i]) ? QObject::tr("no value") : QString::number(panel.value[i], 'g', 6));
  if (!d.groups.empty()) text += "\n" + QString::fromStdString(d.groups[i]);
  if (d.result.isExcluded(i)) text += "\n" + QObject::tr("excluded from the limits");
  const auto range = std::equal_range(panel.violations.begin(), panel.violations.end(),
                                      spc::RuleViolation{static_cast<std::uint32_t>(i)},
                                      [](const auto& a, const auto& b) { return a.point < b.point; });
  for (auto it = range.first; it != range.second; ++it)
    text +=
        "\n" +
        QObject::tr("Rule %1: %2").arg(it->rule).arg(QString::fromStdString(spc::violationReason(d.result.rules, *it)));
  return text;
}

}  // namespace fab::ui
